package io.jthreading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Worker threads for the JUnit tests of the Java API, and the bounded waits that observe them.
 *
 * <p>Register one per test class: {@code @RegisterExtension final TestThreads threads = new
 * TestThreads();}. Every thread it starts (or is told to {@link #track}) is a daemon and is
 * interrupted after each test, so a test that fails half-way leaves nothing blocked behind it.
 * Every wait here is bounded by {@link #BLOCK_WAIT_MILLIS}: a lost wake-up or a deadlock fails
 * the test with a message instead of hanging the build.
 */
final class TestThreads implements AfterEachCallback {
    /** How long any helper waits for something that should happen at once. */
    static final long BLOCK_WAIT_MILLIS = 10_000;

    private final List<Thread> started = new ArrayList<>();

    /** Something a worker thread runs; it may throw anything. */
    interface Body {
        void run() throws Throwable;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        synchronized (started) {
            for (Thread t : started) {
                t.interrupt();
            }
            started.clear();
        }
    }

    /** Starts a daemon thread; the first thing any of them throws lands in {@code failure}. */
    Thread spawn(String name, AtomicReference<Throwable> failure, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        t.setDaemon(true);
        track(t);
        t.start();
        return t;
    }

    /**
     * Starts {@code n} threads that each count down a latch and then run {@code body}, and
     * returns once every one of them is parked (inside {@code body}'s blocking call).
     */
    List<Thread> blockedWaiters(int n, AtomicReference<Throwable> failure, Body body)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(n);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.add(spawn("waiter-" + i, failure, () -> {
                ready.countDown();
                body.run();
            }));
        }
        assertTrue(ready.await(BLOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS), "waiters did not start");
        for (Thread t : threads) {
            awaitParked(t);
        }
        return threads;
    }

    /** Interrupts {@code t} after the test (for threads started elsewhere, e.g. a JThread's). */
    void track(Thread t) {
        if (t != null) {
            synchronized (started) {
                started.add(t);
            }
        }
    }

    /** Polls (bounded) until {@code t} is parked: WAITING or TIMED_WAITING. */
    static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BLOCK_WAIT_MILLIS);
        for (;;) {
            Thread.State state = t.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return;
            }
            if (state == Thread.State.TERMINATED) {
                fail(t.getName() + " ended instead of blocking");
            }
            if (System.nanoTime() > deadline) {
                fail(t.getName() + " did not block; state " + state);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Polls (bounded) until {@code condition} holds; fails with {@code what} otherwise. */
    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BLOCK_WAIT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Joins {@code t} (bounded); fails if it is still running. */
    static void joinOrFail(Thread t) throws InterruptedException {
        t.join(BLOCK_WAIT_MILLIS);
        assertFalse(t.isAlive(), t.getName() + " is still running (lost wake-up or deadlock?)");
    }

    /** Fails with the worker's exception as the cause, if there is one. */
    static void assertNoFailure(AtomicReference<Throwable> failure) {
        Throwable e = failure.get();
        if (e != null) {
            throw new AssertionError("a worker thread failed: " + e, e);
        }
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
