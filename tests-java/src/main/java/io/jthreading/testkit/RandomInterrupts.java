package io.jthreading.testkit;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Java's {@code Thread.interrupt()} at random moments, reproducibly: a Java thread that, driven
 * by {@code new Random(seed)}, waits a random gap, then interrupts one of the target threads
 * (named by ident, {@code jthreading.get_ident()}) picked at random, until it has sent
 * {@code count} interrupts, the targets have all ended, or {@link #stop()}. The moments are
 * reproducible as far as a scheduler allows: the gaps and the picks are the seed's.
 */
public final class RandomInterrupts {
    private final Thread worker;
    private final AtomicInteger sent = new AtomicInteger();
    private volatile boolean stopped;

    private RandomInterrupts(long seed, long[] idents, int count, long maxGapMicros) {
        this.worker = new Thread(() -> {
            Random random = new Random(seed);
            while (!stopped && sent.get() < count) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(
                        1 + random.nextInt((int) Math.max(1, maxGapMicros))));
                Thread target = BlockedThreads.find(idents[random.nextInt(idents.length)]);
                if (target != null && target.isAlive()) {
                    target.interrupt();
                    sent.incrementAndGet();
                } else if (allEnded(idents)) {
                    return;
                }
            }
        }, "java-random-interrupts");
        worker.setDaemon(true);
    }

    /** Starts interrupting; see the class comment. */
    public static RandomInterrupts start(long seed, long[] idents, int count, long maxGapMicros) {
        RandomInterrupts interrupts = new RandomInterrupts(seed, idents, count, maxGapMicros);
        interrupts.worker.start();
        return interrupts;
    }

    /** Stops (bounded wait for the thread to end); returns how many interrupts it sent. */
    public int stop() throws InterruptedException {
        stopped = true;
        worker.join(TimeUnit.SECONDS.toMillis(30));
        return sent.get();
    }

    private static boolean allEnded(long[] idents) {
        for (long ident : idents) {
            Thread thread = BlockedThreads.find(ident);
            if (thread != null && thread.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
