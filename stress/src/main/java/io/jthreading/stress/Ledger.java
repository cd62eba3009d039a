package io.jthreading.stress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exactly-once delivery: each producer numbers its items 0, 1, 2, ...; each consumer records
 * what it got. Per producer the ledger keeps the length of the prefix received in full and the
 * numbers received beyond it (few: at most what the queue and the consumers hold), so memory
 * stays bounded over hours. A number received twice, or one never sent, is a failure at once.
 */
public final class Ledger {
    private final Checks checks;
    private final String name;
    private final List<Producer> producers = new ArrayList<>();

    public Ledger(Checks checks, String name) {
        this.checks = checks;
        this.name = name;
    }

    private static final class Producer {
        final AtomicLong sent = new AtomicLong();
        long prefix; // every number below it received
        final Set<Long> beyond = new HashSet<>();
        long gapAtLastCheck = -1; // the first missing number at the last window, or -1
    }

    /** A new producer's number. */
    public synchronized int newProducer() {
        producers.add(new Producer());
        return producers.size() - 1;
    }

    private synchronized Producer producer(long id) {
        return id >= 0 && id < producers.size() ? producers.get((int) id) : null;
    }

    private synchronized int producerCount() {
        return producers.size();
    }

    /** The next number for {@code producer} to send; counted as sent before the put. */
    public long nextSeq(int producer) {
        return producer(producer).sent.getAndIncrement();
    }

    /** The put of {@code seq} failed: it was never sent (only the producer's last may fail). */
    public void unsent(int producer) {
        producer(producer).sent.decrementAndGet();
    }

    /** A consumer got item ({@code producer}, {@code seq}). */
    public void received(long producer, long seq) {
        Producer p = producer(producer);
        if (p == null) {
            checks.fail(name + ": an item from unknown producer " + producer);
            return;
        }
        synchronized (p) {
            boolean sent = seq < p.sent.get();
            boolean fresh = seq >= p.prefix && !p.beyond.contains(seq);
            if (!checks.check(sent && fresh, name + ": item " + producer + "/" + seq
                    + (sent ? " received twice" : " received but never sent"))) {
                return;
            }
            if (seq == p.prefix) {
                p.prefix++;
                while (p.beyond.remove(p.prefix)) {
                    p.prefix++;
                }
            } else {
                p.beyond.add(seq);
            }
        }
    }

    /**
     * Sampled once per window: a producer's first missing number must have arrived by the next
     * window. Consumers race (a Python consumer may hold an item while a Java one records
     * thousands after it), so a gap is normal; a gap that outlives a whole window is a lost item.
     */
    public void checkProgress(String when) {
        for (int i = 0; i < producerCount(); i++) {
            Producer p = producer(i);
            synchronized (p) {
                boolean stuck = !p.beyond.isEmpty() && p.gapAtLastCheck == p.prefix;
                checks.check(!stuck, name + " (" + when + "): producer " + i + "'s item "
                        + p.prefix + " is still missing since the previous window, "
                        + p.beyond.size() + " later ones arrived");
                p.gapAtLastCheck = p.beyond.isEmpty() ? -1 : p.prefix;
            }
        }
    }

    /** At the end, after the consumers drained the queue: every item sent was received. */
    public void checkComplete() {
        for (int i = 0; i < producerCount(); i++) {
            Producer p = producer(i);
            synchronized (p) {
                checks.check(p.prefix == p.sent.get() && p.beyond.isEmpty(), name + ": producer " + i
                        + " sent " + p.sent.get() + " items, " + p.prefix + " arrived in full"
                        + (p.beyond.isEmpty() ? "" : " and " + p.beyond.size() + " beyond a gap"));
            }
        }
    }

    /** Items received in full so far, over all producers. */
    public synchronized long delivered() {
        long total = 0;
        for (Producer p : producers) {
            synchronized (p) {
                total += p.prefix + p.beyond.size();
            }
        }
        return total;
    }
}
