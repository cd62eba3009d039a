package io.jthreading;

import static io.jthreading.TestThreads.awaitParked;
import static io.jthreading.TestThreads.joinOrFail;
import static io.jthreading.TestThreads.millisSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java API of {@link Event}: Python's {@code threading.Event} rules. */
@Timeout(20)
class EventTest {
    @RegisterExtension
    final TestThreads threads = new TestThreads();

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
        List<Thread> waiters = threads.blockedWaiters(1, failure, () -> result.set(event.await()));
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
        List<Thread> waiters = threads.blockedWaiters(1, failure, () -> result.set(event.await(60.0)));
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
        List<Thread> waiters = threads.blockedWaiters(n, failure, () -> {
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
        List<Thread> waiters = threads.blockedWaiters(6, failure, () -> {
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
        List<Thread> waiters = threads.blockedWaiters(n, failure, () -> {
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
        List<Thread> waiters = threads.blockedWaiters(1, failure, event::await);
        waiters.get(0).interrupt();
        joinOrFail(waiters.get(0));
        assertInstanceOf(InterruptedException.class, failure.get());
        assertFalse(event.isSet());
    }

    @Test
    void interruptingTimedAwaitThrows() throws InterruptedException {
        Event event = new Event();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> waiters = threads.blockedWaiters(1, failure, () -> event.await(60.0));
        waiters.get(0).interrupt();
        joinOrFail(waiters.get(0));
        assertInstanceOf(InterruptedException.class, failure.get());
    }

    @Test
    void interruptedWaiterDoesNotStopOthersFromWaking() throws InterruptedException {
        Event event = new Event();
        AtomicReference<Throwable> interrupted = new AtomicReference<>();
        List<Thread> victim = threads.blockedWaiters(1, interrupted, event::await);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger trueCount = new AtomicInteger();
        List<Thread> others = threads.blockedWaiters(3, failure, () -> {
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
        Thread setter = threads.spawn("setter", failure, () -> {
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
        Thread clearer = threads.spawn("clearer", failure, () -> {
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
    void atForkReinitUnlocksConditionLockAndKeepsTheFlag() {
        // CPython's Event._at_fork_reinit only reinitialises _cond: the flag stays as it was.
        Event event = new Event();
        event.set();
        event.conditionLock().lock();
        event.atForkReinit();
        assertTrue(event.isSet());
        assertFalse(event.conditionLock().locked());
        event.clear();
        event.atForkReinit();
        assertFalse(event.isSet());
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
