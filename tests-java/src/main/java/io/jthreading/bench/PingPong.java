package io.jthreading.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.jthreading.Event;
import io.jthreading.Lock;

/**
 * Java side of the benchmarks in {@code benchmarks/run.py} (not part of the unit tests).
 *
 * <p>P4 handoff latency: a Java "ponger" that Python pings through jthreading Events, and the
 * Java-to-Java round trips measured entirely inside Java (jthreading Events vs
 * java.util.concurrent Semaphores). P5: Java threads contending for a shared jthreading Lock.
 * Every wait is bounded so a broken benchmark fails instead of hanging.
 */
public final class PingPong {
    private static final double BOUND_SECONDS = 30;

    private PingPong() {
    }

    /** Starts a Java thread that, {@code rounds} times, waits for {@code ping}, clears it and sets
     * {@code pong}. The pinger clears {@code pong} after each wait. */
    public static Thread startPonger(Event ping, Event pong, int rounds) {
        Thread t = new Thread(() -> pong(ping, pong, rounds), "bench-ponger");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void pong(Event ping, Event pong, int rounds) {
        try {
            for (int i = 0; i < rounds; i++) {
                if (!ping.await(BOUND_SECONDS)) {
                    throw new IllegalStateException("ponger: ping not set within bound");
                }
                ping.clear();
                pong.set();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Java↔Java round trips through jthreading Events; returns the total nanoseconds of
     * {@code rounds} round trips (ponger thread start excluded). */
    public static long jthreadingRoundTrips(int rounds) throws InterruptedException {
        Event ping = new Event();
        Event pong = new Event();
        Thread ponger = startPonger(ping, pong, rounds);
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            ping.set();
            if (!pong.await(BOUND_SECONDS)) {
                throw new IllegalStateException("pinger: pong not set within bound");
            }
            pong.clear();
        }
        long elapsed = System.nanoTime() - start;
        join(ponger);
        return elapsed;
    }

    /** Java↔Java round trips through two java.util.concurrent.Semaphores (the j.u.c. handoff
     * equivalent of the Event ping-pong); returns the total nanoseconds. */
    public static long jucRoundTrips(int rounds) throws InterruptedException {
        java.util.concurrent.Semaphore ping = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.Semaphore pong = new java.util.concurrent.Semaphore(0);
        Thread ponger = new Thread(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    if (!ping.tryAcquire((long) BOUND_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("ponger: no ping within bound");
                    }
                    pong.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-juc-ponger");
        ponger.setDaemon(true);
        ponger.start();
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            ping.release();
            if (!pong.tryAcquire((long) BOUND_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pinger: no pong within bound");
            }
        }
        long elapsed = System.nanoTime() - start;
        join(ponger);
        return elapsed;
    }

    /** P5: starts a Java thread that waits for {@code go}, then until {@code stop} increments
     * {@code counter} (get then set: the lock protects it) under {@code lock}; its own count of
     * increments is stored in {@code ops} when it stops. */
    public static Thread startIncrementer(Lock lock, AtomicLong counter, Event go, AtomicBoolean stop,
            AtomicLong ops, String name) {
        Thread t = new Thread(() -> {
            try {
                if (!go.await(BOUND_SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long mine = 0;
            while (!stop.get()) {
                lock.lock();
                try {
                    counter.set(counter.get() + 1);
                } finally {
                    lock.unlock();
                }
                mine++;
            }
            ops.set(mine);
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Joins {@code t} for at most the bound; true if it ended. */
    public static boolean join(Thread t) throws InterruptedException {
        t.join((long) (BOUND_SECONDS * 1000));
        return !t.isAlive();
    }
}
