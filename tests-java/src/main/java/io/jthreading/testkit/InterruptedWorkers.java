package io.jthreading.testkit;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.jthreading.Event;
import io.jthreading.Lock;
import io.jthreading.RLock;
import io.jthreading.Semaphore;

/**
 * A Java worker for the randomised interrupt test: the same rounds as its Python peers, on the
 * same primitives, retrying each wait that an interrupt ends (Java's {@code InterruptedException};
 * counted in {@code interrupted}). Each round: one increment of {@code lockCounter} under the
 * Lock and of {@code rlockCounter} under the RLock taken twice (a get then set: only mutual
 * exclusion keeps the counts exact), a pass through the Semaphore (at most {@code permits}
 * inside), one item put on the queue. A failure (anything but an interrupt) lands in
 * {@code failure}.
 */
public final class InterruptedWorkers {
    private static final double BOUND_SECONDS = 30;

    private InterruptedWorkers() {
    }

    /** A started worker; its items are {@code firstItem + round}. */
    public static Thread start(String name, Event go, Lock lock, RLock rlock, Semaphore semaphore,
            long permits, AtomicLong inside, AtomicLong lockCounter, AtomicLong rlockCounter,
            BlockingQueue<Object> queue, long firstItem, int rounds, AtomicInteger interrupted,
            AtomicReference<String> failure) {
        Thread thread = new Thread(() -> {
            try {
                if (!retry(() -> go.await(java.time.Duration.ofSeconds(30)), interrupted)) {
                    throw new AssertionError("go never set");
                }
                for (int round = 0; round < rounds; round++) {
                    acquire(() -> lock.acquire(true, BOUND_SECONDS), interrupted);
                    lockCounter.set(lockCounter.get() + 1);
                    lock.release();
                    acquire(() -> rlock.acquire(true, BOUND_SECONDS), interrupted);
                    acquire(() -> rlock.acquire(true, BOUND_SECONDS), interrupted);
                    rlockCounter.set(rlockCounter.get() + 1);
                    rlock.release();
                    rlock.release();
                    acquire(() -> semaphore.tryAcquire(java.time.Duration.ofSeconds(30)),
                            interrupted);
                    if (inside.incrementAndGet() > permits) {
                        throw new AssertionError("more than " + permits + " inside the semaphore");
                    }
                    inside.decrementAndGet();
                    semaphore.release();
                    long item = firstItem + round;
                    retry(() -> {
                        queue.put(item);
                        return true;
                    }, interrupted);
                }
            } catch (Throwable error) {
                failure.compareAndSet(null, name + ": " + error);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private interface Wait {
        boolean call() throws InterruptedException;
    }

    /** {@code wait} until it returns (retried on interrupts); its result. */
    private static boolean retry(Wait wait, AtomicInteger interrupted) {
        for (;;) {
            try {
                return wait.call();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        }
    }

    private static void acquire(Wait wait, AtomicInteger interrupted) {
        if (!retry(wait, interrupted)) {
            throw new AssertionError("not acquired within the bound");
        }
    }
}
