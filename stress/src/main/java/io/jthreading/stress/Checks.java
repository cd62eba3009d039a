package io.jthreading.stress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every invariant check of a stress run, from both languages: how many were done, how many
 * failed, and the first failures' messages (the rest are only counted, so a broken run cannot
 * fill the capped heap with messages).
 */
public final class Checks {
    private static final int KEPT = 200;

    private final LongAdder done = new LongAdder();
    private final AtomicLong failed = new AtomicLong();
    private final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();

    /** One check: {@code ok} or a failure described by {@code what}. Returns {@code ok}. */
    public boolean check(boolean ok, String what) {
        done.increment();
        if (!ok) {
            fail(what);
        }
        return ok;
    }

    /** {@code n} checks that passed (Python counts its own in batches: one Java call). */
    public void passed(long n) {
        done.add(n);
    }

    /** A failed check (also counted as done). */
    public void fail(String what) {
        done.increment();
        if (failed.incrementAndGet() <= KEPT) {
            messages.add(Instant.now() + " " + Thread.currentThread().getName() + ": " + what);
        }
    }

    public long done() {
        return done.sum();
    }

    public long failed() {
        return failed.get();
    }

    public List<String> messages() {
        return new ArrayList<>(messages);
    }
}
