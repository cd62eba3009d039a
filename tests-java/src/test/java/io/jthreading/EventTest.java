package io.jthreading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java API of {@link Event}: Python's {@code threading.Event} rules. */
@Timeout(20)
class EventTest {
    private static final long BLOCK_WAIT_MILLIS = 10_000;

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopLeftoverThreads() {
        for (Thread t : started) {
            t.interrupt();
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    interface Body {
        void run() throws Throwable;
    }

    private Thread spawn(String name, AtomicReference<Throwable> failure, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        t.setDaemon(true);
        started.add(t);
        t.start();
        return t;
    }

    /** Polls (bounded) until {@code t} is parked: WAITING or TIMED_WAITING. */
    private static void awaitParked(Thread t) {
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

    private static void joinOrFail(Thread t) throws InterruptedException {
        t.join(BLOCK_WAIT_MILLIS);
        assertFalse(t.isAlive(), t.getName() + " is still running (lost wake-up or deadlock?)");
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Starts {@code n} threads blocked in {@code body} (after a start latch) and waits until all park. */
    private List<Thread> blockedWaiters(int n, AtomicReference<Throwable> failure, Body body)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(n);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.add(spawn("waiter-" + i, failure, () -> {
                ready.countDown();
                body.run();
            }));
        }
        ready.await();
        for (Thread t : threads) {
            awaitParked(t);
        }
        return threads;
    }

    // ---- flag ------------------------------------------------------------------------------

    @Test
    void newEventIsNotSet() {
        assertFalse(new Event().isSet());
    }

    @Test
    void setThenClear() {
        Event event = new Event();
        event.set();
        assertTrue(event.isSet());
        event.clear();
        assertFalse(event.isSet());
    }

    @Test
    void setAndClearAreIdempotent() {
        Event event = new Event();
        event.clear();
        assertFalse(event.isSet());
        event.set();
        event.set();
        assertTrue(event.isSet());
        event.clear();
        event.clear();
        assertFalse(event.isSet());
    }

    @Test
    void setAndClearLeaveConditionLockUnlocked() {
        Event event = new Event();
        event.set();
        assertFalse(event.conditionLock().locked());
        event.clear();
        assertFalse(event.conditionLock().locked());
    }

    // ---- waiting without blocking --------------------------------------------------------------

    @Test
    void nonPositiveTimeoutReturnsFlagWithoutBlocking() throws InterruptedException {
        Event event = new Event();
        assertFalse(event.await(0.0));
        assertFalse(event.await(-1.0));
        assertFalse(event.await(-1e100), "a hugely negative timeout must not overflow");
        event.set();
        assertTrue(event.await(0.0));
        assertTrue(event.await(-1.0));
    }

    @Test
    void nonPositiveNanosReturnFlagWithoutBlocking() throws InterruptedException {
        Event event = new Event();
        assertFalse(event.awaitNanos(0));
        assertFalse(event.awaitNanos(Long.MIN_VALUE));
        event.set();
        assertTrue(event.awaitNanos(0));
    }

    @Test
    void zeroOrNegativeDurationReturnsFlagWithoutBlocking() throws InterruptedException {
        Event event = new Event();
        assertFalse(event.await(Duration.ZERO));
        assertFalse(event.await(Duration.ofSeconds(-10)));
        event.set();
        assertTrue(event.await(Duration.ZERO));
    }

    @Test
    void awaitOnSetEventReturnsTrue() throws InterruptedException {
        Event event = new Event();
        event.set();
        assertTrue(event.await());
        assertTrue(event.await(5.0));
        assertTrue(event.await(Duration.ofSeconds(5)));
        assertTrue(event.awaitNanos(5_000_000_000L));
        assertTrue(event.isSet(), "waiting must not consume the flag");
    }

    @Test
    void setEventIgnoresEvenAnOverflowingDoubleTimeout() throws InterruptedException {
        Event event = new Event();
        event.set();
        assertTrue(event.await(1e100), "CPython checks the flag before the timeout");
    }

    @Test
    void overflowingDoubleTimeoutOnUnsetEventThrows() {
        Event event = new Event();
        OverflowException e = assertThrows(OverflowException.class, () -> event.await(1e100));
        assertEquals("timestamp out of range for platform time_t", e.getMessage());
    }

    @Test
    void nanTimeoutOnUnsetEventReturnsFalse() throws InterruptedException {
        // Python: Condition.wait(nan) takes the "timeout > 0 is false" branch, a non-blocking try.
        assertFalse(new Event().await(Double.NaN));
    }

    // ---- timeouts ----------------------------------------------------------------------------

    @Test
    void timedAwaitOnUnsetEventReturnsFalseAfterTimeout() throws InterruptedException {
        Event event = new Event();
        long start = System.nanoTime();
        assertFalse(event.await(0.2));
        long elapsed = millisSince(start);
        assertTrue(elapsed >= 200, "returned after " + elapsed + " ms, before the timeout");
        assertTrue(elapsed < 10_000, "returned after " + elapsed + " ms");
    }

    @Test
    void durationAwaitOnUnsetEventReturnsFalseAfterTimeout() throws InterruptedException {
        Event event = new Event();
        long start = System.nanoTime();
        assertFalse(event.await(Duration.ofMillis(150)));
        long elapsed = millisSince(start);
        assertTrue(elapsed >= 150, "returned after " + elapsed + " ms");
        assertTrue(elapsed < 10_000, "returned after " + elapsed + " ms");
    }

    @Test
    void awaitNanosTooLargeOverflows() {
        Event event = new Event();
        OverflowException e =
                assertThrows(OverflowException.class, () -> event.awaitNanos(Long.MAX_VALUE));
        assertEquals("timeout value is too large", e.getMessage());
    }

    @Test
    void awaitNanosAtTheLimitIsAccepted() throws InterruptedException {
        Event event = new Event();
        event.set();
        long limit = Long.MAX_VALUE / 1000 * 1000; // exactly PY_TIMEOUT_MAX microseconds
        assertTrue(event.awaitNanos(limit));
        OverflowException e =
                assertThrows(OverflowException.class, () -> event.awaitNanos(limit + 1));
        assertEquals("timeout value is too large", e.getMessage());
    }

    @Test
    void overflowBoundaryIsMicrosecondsRoundedUp() {
        long limit = Long.MAX_VALUE / 1000 * 1000;
        assertEquals(limit, Timeouts.lockWaitNanos(true, limit));
        assertEquals(limit - 999, Timeouts.lockWaitNanos(true, limit - 999));
        OverflowException e = assertThrows(OverflowException.class,
                () -> Timeouts.lockWaitNanos(true, limit + 1));
        assertEquals("timeout value is too large", e.getMessage());
    }

    // ---- waking waiters ----------------------------------------------------------------------

    @Test
    void setWakesOneBlockedWaiter() throws InterruptedException {
        Event event = new Event();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean result = new AtomicBoolean();
        List<Thread> waiters = blockedWaiters(1, failure, () -> result.set(event.await()));
        event.set();
        joinOrFail(waiters.get(0));
        assertNull(failure.get());
        assertTrue(result.get());
    }

    @Test
    void setWakesTimedWaiterBeforeItsTimeout() throws InterruptedException {
        Event event = new Event();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean result = new AtomicBoolean();
        List<Thread> waiters = blockedWaiters(1, failure, () -> result.set(event.await(60.0)));
        event.set();
        joinOrFail(waiters.get(0));
        assertNull(failure.get());
        assertTrue(result.get());
    }

    @Test
    void setWakesAllWaiters() throws InterruptedException {
        Event event = new Event();
        int n = 8;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger trueCount = new AtomicInteger();
        List<Thread> waiters = blockedWaiters(n, failure, () -> {
            if (event.await()) {
                trueCount.incrementAndGet();
            }
        });
        event.set();
        for (Thread t : waiters) {
            joinOrFail(t);
        }
        assertNull(failure.get());
        assertEquals(n, trueCount.get());
    }

    @Test
    void setWakesAllTimedAndUntimedWaiters() throws InterruptedException {
        Event event = new Event();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger trueCount = new AtomicInteger();
        AtomicInteger index = new AtomicInteger();
        List<Thread> waiters = blockedWaiters(6, failure, () -> {
            boolean got;
            switch (index.getAndIncrement() % 3) {
                case 0: got = event.await(); break;
                case 1: got = event.await(60.0); break;
                default: got = event.await(Duration.ofSeconds(60)); break;
            }
            if (got) {
                trueCount.incrementAndGet();
            }
        });
        event.set();
        for (Thread t : waiters) {
            joinOrFail(t);
        }
        assertNull(failure.get());
        assertEquals(6, trueCount.get());
    }

    @Test
    void waitersSeeTrueWhenClearFollowsSetAtOnce() throws InterruptedException {
        // gh-57711: wait() must report the set even if clear() ran before the waiter woke.
        Event event = new Event();
        int n = 5;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger trueCount = new AtomicInteger();
        AtomicInteger index = new AtomicInteger();
        List<Thread> waiters = blockedWaiters(n, failure, () -> {
            boolean got = index.getAndIncrement() % 2 == 0 ? event.await() : event.await(60.0);
            if (got) {
                trueCount.incrementAndGet();
            }
        });
        event.set();
        event.clear();
        for (Thread t : waiters) {
            joinOrFail(t);
        }
        assertNull(failure.get());
        assertEquals(n, trueCount.get(), "every waiter blocked before set() must return true");
        assertFalse(event.isSet());
    }

    @Test
    void waiterAfterSetAndClearBlocksAgain() throws InterruptedException {
        Event event = new Event();
        event.set();
        event.clear();
        long start = System.nanoTime();
        assertFalse(event.await(0.1), "an old generation must not satisfy a new waiter");
        assertTrue(millisSince(start) >= 100);
    }

    @Test
    void interruptingBlockedAwaitThrows() throws InterruptedException {
        Event event = new Event();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> waiters = blockedWaiters(1, failure, event::await);
        waiters.get(0).interrupt();
        joinOrFail(waiters.get(0));
        assertInstanceOf(InterruptedException.class, failure.get());
        assertFalse(event.isSet());
    }

    @Test
    void interruptingTimedAwaitThrows() throws InterruptedException {
        Event event = new Event();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> waiters = blockedWaiters(1, failure, () -> event.await(60.0));
        waiters.get(0).interrupt();
        joinOrFail(waiters.get(0));
        assertInstanceOf(InterruptedException.class, failure.get());
    }

    @Test
    void interruptedWaiterDoesNotStopOthersFromWaking() throws InterruptedException {
        Event event = new Event();
        AtomicReference<Throwable> interrupted = new AtomicReference<>();
        List<Thread> victim = blockedWaiters(1, interrupted, event::await);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger trueCount = new AtomicInteger();
        List<Thread> others = blockedWaiters(3, failure, () -> {
            if (event.await()) {
                trueCount.incrementAndGet();
            }
        });
        victim.get(0).interrupt();
        joinOrFail(victim.get(0));
        assertInstanceOf(InterruptedException.class, interrupted.get());
        event.set();
        for (Thread t : others) {
            joinOrFail(t);
        }
        assertNull(failure.get());
        assertEquals(3, trueCount.get());
    }

    // ---- the condition lock --------------------------------------------------------------------

    @Test
    void heldConditionLockHoldsOffSet() throws InterruptedException {
        Event event = new Event();
        Lock cond = event.conditionLock();
        cond.lock();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread setter = spawn("setter", failure, () -> {
            ready.countDown();
            event.set();
        });
        ready.await();
        awaitParked(setter);
        assertFalse(event.isSet(), "set() ran although the condition lock was held");
        cond.unlock();
        joinOrFail(setter);
        assertNull(failure.get());
        assertTrue(event.isSet());
        assertFalse(cond.locked());
    }

    @Test
    void heldConditionLockHoldsOffClear() throws InterruptedException {
        Event event = new Event();
        event.set();
        Lock cond = event.conditionLock();
        cond.lock();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread clearer = spawn("clearer", failure, () -> {
            ready.countDown();
            event.clear();
        });
        ready.await();
        awaitParked(clearer);
        assertTrue(event.isSet(), "clear() ran although the condition lock was held");
        cond.unlock();
        joinOrFail(clearer);
        assertNull(failure.get());
        assertFalse(event.isSet());
    }

    @Test
    void heldConditionLockDoesNotBlockIsSetOrTimedAwait() throws InterruptedException {
        Event event = new Event();
        event.conditionLock().lock();
        assertFalse(event.isSet());
        assertFalse(event.await(0.0));
        assertFalse(event.await(0.05));
        event.conditionLock().unlock();
    }

    @Test
    void conditionLockIsTheSameObjectEachTime() {
        Event event = new Event();
        assertTrue(event.conditionLock() == event.conditionLock());
    }

    // ---- fork support, misc ------------------------------------------------------------------

    @Test
    void atForkReinitClearsFlagAndUnlocksConditionLock() {
        Event event = new Event();
        event.set();
        event.conditionLock().lock();
        event.atForkReinit();
        assertFalse(event.isSet());
        assertFalse(event.conditionLock().locked());
        event.set();
        assertTrue(event.isSet());
    }

    @Test
    void toStringShowsState() {
        Event event = new Event();
        assertTrue(event.toString().contains("unset"));
        event.set();
        assertTrue(event.toString().contains(": set"));
    }
}
