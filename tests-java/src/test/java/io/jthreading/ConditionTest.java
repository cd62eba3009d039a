package io.jthreading;

import static io.jthreading.TestThreads.BLOCK_WAIT_MILLIS;
import static io.jthreading.TestThreads.assertNoFailure;
import static io.jthreading.TestThreads.awaitParked;
import static io.jthreading.TestThreads.awaitTrue;
import static io.jthreading.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * The Java API of {@link Condition}: Python's {@code threading.Condition} over {@link RLock} and
 * {@link Lock}, and the {@link java.util.concurrent.locks.Condition} contract.
 */
@Timeout(20)
class ConditionTest {
    private static final String WAIT_UNOWNED = "cannot wait on un-acquired lock";
    private static final String NOTIFY_UNOWNED = "cannot notify on un-acquired lock";
    private static final long LONG_NANOS = TimeUnit.SECONDS.toNanos(60);

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    /** A thread that takes the condition's lock and runs {@code body} holding it. */
    private Thread waiterThread(String name, Condition cond, AtomicReference<Throwable> failure,
            TestThreads.Body body) {
        return threads.spawn(name, failure, () -> {
            cond.acquire();
            try {
                body.run();
            } finally {
                cond.release();
            }
        });
    }

    /** Polls until {@code n} waiters are queued on {@code cond} (and have released its lock). */
    private static void awaitWaiters(Condition cond, int n) {
        awaitTrue(() -> cond.waiterCount() == n, n + " waiter(s) queued on the condition");
    }

    private static void notifyAllUnderLock(Condition cond) {
        try (Guard g = cond.guard()) {
            cond.notifyAllWaiters();
        }
    }

    private static void assertMessage(Class<? extends Throwable> type, String message,
            Executable call) {
        Throwable e = assertThrows(type, call);
        assertEquals(message, e.getMessage());
    }

    // ---- construction and delegation ------------------------------------------------------------

    @Test
    void defaultLockIsANewRLock() {
        Condition a = new Condition();
        Condition b = new Condition();
        assertInstanceOf(RLock.class, a.lock());
        assertTrue(a.lock() != b.lock());
    }

    @Test
    void givenLockIsKept() {
        Lock lock = new Lock();
        assertSame(lock, new Condition(lock).lock());
    }

    @Test
    void nullLockIsRejected() {
        assertThrows(NullPointerException.class, () -> new Condition(null));
    }

    @Test
    void acquireReleaseAndGuardDelegateToTheLock() throws InterruptedException {
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        assertTrue(cond.acquire());
        assertTrue(cond.acquire());
        assertEquals(2, lock.recursionCount());
        cond.release();
        cond.release();
        assertFalse(lock.isOwned());
        try (Guard g = cond.guard()) {
            assertTrue(lock.isOwned());
        }
        assertFalse(lock.isOwned());
        assertMessage(IllegalMonitorStateException.class, "cannot release un-acquired lock",
                cond::release);
    }

    @Test
    void conditionOverAPythonLockRefusesJavaCallers() {
        Condition cond = Condition.overPythonLock();
        assertNull(cond.lock());
        assertThrows(IllegalStateException.class, cond::acquire);
        assertThrows(IllegalStateException.class, cond::release);
        assertThrows(IllegalStateException.class, () -> cond.waitNanos(0));
        assertThrows(IllegalStateException.class, () -> cond.notify(1));
        assertThrows(IllegalStateException.class, cond::guard);
    }

    // ---- CPython's ownership checks --------------------------------------------------------------

    @Test
    void waitWithoutTheLockThrows() {
        Condition cond = new Condition();
        assertMessage(IllegalMonitorStateException.class, WAIT_UNOWNED, () -> cond.waitNanos(0));
        assertMessage(IllegalMonitorStateException.class, WAIT_UNOWNED,
                () -> cond.waitNanos(1_000_000));
        assertMessage(IllegalMonitorStateException.class, WAIT_UNOWNED, cond::waitForever);
        assertMessage(IllegalMonitorStateException.class, WAIT_UNOWNED, cond::await);
        assertMessage(IllegalMonitorStateException.class, WAIT_UNOWNED,
                () -> cond.await(Duration.ofMillis(1)));
        assertMessage(IllegalMonitorStateException.class, WAIT_UNOWNED,
                () -> cond.await(1, TimeUnit.MILLISECONDS));
        assertMessage(IllegalMonitorStateException.class, WAIT_UNOWNED,
                () -> cond.waitFor(() -> false, null));
        assertEquals(0, cond.waiterCount(), "a refused wait must not stay queued");
    }

    @Test
    void notifyWithoutTheLockThrows() {
        Condition cond = new Condition();
        assertMessage(IllegalMonitorStateException.class, NOTIFY_UNOWNED, () -> cond.notify(1));
        assertMessage(IllegalMonitorStateException.class, NOTIFY_UNOWNED, () -> cond.notify(0));
        assertMessage(IllegalMonitorStateException.class, NOTIFY_UNOWNED, cond::notifyAllWaiters);
        assertMessage(IllegalMonitorStateException.class, NOTIFY_UNOWNED, cond::signal);
        assertMessage(IllegalMonitorStateException.class, NOTIFY_UNOWNED, cond::signalAll);
    }

    @Test
    void rlockHeldByAnotherThreadIsNotHeld() throws InterruptedException {
        Condition cond = new Condition(new RLock());
        Event letGo = new Event();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread owner = waiterThread("owner", cond, failure, letGo::await);
        awaitTrue(() -> ((RLock) cond.lock()).count() == 1, "the owner holds the lock");
        assertMessage(IllegalMonitorStateException.class, WAIT_UNOWNED, () -> cond.waitNanos(0));
        assertMessage(IllegalMonitorStateException.class, NOTIFY_UNOWNED, () -> cond.notify(1));
        letGo.set();
        joinOrFail(owner);
        assertNoFailure(failure);
    }

    @Test
    void conditionOverUnlockedLockIsNotHeld() {
        Condition cond = new Condition(new Lock());
        assertMessage(IllegalMonitorStateException.class, WAIT_UNOWNED, () -> cond.waitNanos(0));
        assertMessage(IllegalMonitorStateException.class, NOTIFY_UNOWNED, () -> cond.notify(1));
    }

    @Test
    void waitForWithATruePredicateNeedsNoLock() throws InterruptedException {
        // CPython: wait_for returns at once, without the ownership check, if the predicate holds.
        Condition cond = new Condition();
        AtomicInteger calls = new AtomicInteger();
        assertTrue(cond.waitFor(() -> calls.incrementAndGet() > 0, null));
        assertTrue(cond.waitFor(() -> true, Duration.ZERO));
        assertEquals(1, calls.get());
    }

    @Test
    void waitForWithAFalsePredicateAndZeroTimeoutStillChecksTheLock() {
        // CPython's wait_for calls wait(0) once before it looks at the clock:
        // Condition().wait_for(lambda: False, 0) raises "cannot wait on un-acquired lock".
        Condition cond = new Condition();
        assertMessage(IllegalMonitorStateException.class, WAIT_UNOWNED,
                () -> cond.waitFor(() -> false, Duration.ZERO));
        assertMessage(IllegalMonitorStateException.class, WAIT_UNOWNED,
                () -> cond.waitFor(() -> false, Duration.ofSeconds(-1)));
    }

    // ---- timeouts ---------------------------------------------------------------------------------

    @Test
    void timedWaitReturnsFalseWithTheRecursionRestored() throws InterruptedException {
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        lock.acquire();
        lock.acquire();
        assertFalse(cond.waitNanos(TimeUnit.MILLISECONDS.toNanos(20)));
        assertEquals(2, lock.recursionCount());
        assertEquals(0, cond.waiterCount(), "a timed-out waiter must leave the queue");
        lock.release();
        lock.release();
    }

    @Test
    void nonPositiveWaitsAreAMereCheck() throws InterruptedException {
        Condition cond = new Condition();
        try (Guard g = cond.guard()) {
            assertFalse(cond.waitNanos(0));
            assertFalse(cond.waitNanos(-5));
            assertFalse(cond.waitNanos(Long.MIN_VALUE));
            assertFalse(cond.await(Duration.ZERO));
            assertFalse(cond.await(Duration.ofSeconds(-3)));
            assertFalse(cond.await(Duration.ofSeconds(Long.MIN_VALUE)));
            assertFalse(cond.await(-1, TimeUnit.SECONDS));
            assertTrue(cond.awaitNanos(0) <= 0);
            assertFalse(cond.awaitUntil(new Date(System.currentTimeMillis() - 1000)));
            assertTrue(((RLock) cond.lock()).isOwned());
            assertEquals(0, cond.waiterCount());
        }
    }

    @Test
    void boundedWaitsReturnFalseHoldingTheLock() throws InterruptedException {
        Condition cond = new Condition(new Lock());
        Lock lock = (Lock) cond.lock();
        lock.acquire();
        assertFalse(cond.await(Duration.ofMillis(20)));
        assertTrue(lock.locked());
        assertFalse(cond.await(20, TimeUnit.MILLISECONDS));
        assertTrue(cond.awaitNanos(TimeUnit.MILLISECONDS.toNanos(20)) <= 0,
                "awaitNanos must report the time used up");
        assertFalse(cond.awaitUntil(new Date(System.currentTimeMillis() + 20)));
        assertTrue(lock.locked());
        assertEquals(0, cond.waiterCount());
        lock.release();
    }

    @Test
    void waitForTimesOutWithTheLastPredicateValue() throws InterruptedException {
        Condition cond = new Condition();
        AtomicInteger calls = new AtomicInteger();
        try (Guard g = cond.guard()) {
            assertFalse(cond.waitFor(() -> calls.incrementAndGet() < 0, Duration.ofMillis(30)));
            assertTrue(calls.get() >= 2, "the predicate is checked again after the wait");
            assertTrue(((RLock) cond.lock()).isOwned());
        }
    }

    @Test
    void waitForReturnsOnceThePredicateHolds() throws InterruptedException {
        Condition cond = new Condition();
        AtomicInteger value = new AtomicInteger();
        AtomicBoolean result = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = waiterThread("waiter", cond, failure,
                () -> result.set(cond.waitFor(() -> value.get() >= 3, Duration.ofSeconds(60))));
        for (int i = 1; i <= 3; i++) {
            awaitWaiters(cond, 1);
            try (Guard g = cond.guard()) {
                value.incrementAndGet();
                cond.notifyAllWaiters();
            }
        }
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(result.get());
    }

    // ---- notify ------------------------------------------------------------------------------------

    @Test
    void notifyWakesAWaiterWithItsRecursionRestored() throws InterruptedException {
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        AtomicBoolean result = new AtomicBoolean();
        AtomicInteger levels = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = threads.spawn("waiter", failure, () -> {
            lock.acquire();
            lock.acquire();
            lock.acquire();
            try {
                result.set(cond.waitForever());
                levels.set(lock.recursionCount());
            } finally {
                lock.release();
                lock.release();
                lock.release();
            }
        });
        awaitWaiters(cond, 1);
        // Waiting released all three levels: this thread can take the lock at once.
        awaitTrue(lock::tryLock, "the waiter released every level");
        try {
            cond.notify(1);
        } finally {
            lock.unlock();
        }
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(result.get());
        assertEquals(3, levels.get());
        assertEquals(0, lock.count());
    }

    @Test
    void notifyNWakesExactlyNInArrivalOrder() throws InterruptedException {
        Condition cond = new Condition();
        int n = 5;
        List<Integer> woken = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            waiters.add(waiterThread("waiter-" + i, cond, failure, () -> {
                assertTrue(cond.waitForever());
                woken.add(index);
            }));
            awaitWaiters(cond, i + 1); // queue them in a known order
        }
        try (Guard g = cond.guard()) {
            cond.notify(1);
            assertEquals(4, cond.waiterCount(), "notify(1) must take exactly one waiter");
        }
        awaitTrue(() -> woken.size() == 1, "one waiter woke");
        assertEquals(List.of(0), List.copyOf(woken), "notify wakes the first waiter first");
        try (Guard g = cond.guard()) {
            cond.notify(2);
            assertEquals(2, cond.waiterCount(), "notify(2) must take exactly two waiters");
        }
        awaitTrue(() -> woken.size() == 3, "two more waiters woke");
        // Both woke at once and raced for the lock: either order.
        assertEquals(Set.of(0, 1, 2), Set.copyOf(woken), "notify wakes the first waiters first");
        for (int i = 3; i < n; i++) {
            awaitParked(waiters.get(i));
            assertTrue(waiters.get(i).isAlive());
        }
        assertEquals(2, cond.waiterCount());
        notifyAllUnderLock(cond);
        for (Thread t : waiters) {
            joinOrFail(t);
        }
        assertNoFailure(failure);
        // notify_all wakes 3 and 4 together: they may take the lock in either order.
        assertEquals(Set.of(0, 1, 2, 3, 4), Set.copyOf(woken));
        assertEquals(n, woken.size());
        assertEquals(0, cond.waiterCount());
    }

    @Test
    void notifyOfZeroOrLessWakesNobody() throws InterruptedException {
        Condition cond = new Condition();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = waiterThread("waiter", cond, failure, cond::waitForever);
        awaitWaiters(cond, 1);
        try (Guard g = cond.guard()) {
            cond.notify(0);
            cond.notify(-1);
            cond.notify(Long.MIN_VALUE);
            assertEquals(1, cond.waiterCount());
        }
        awaitParked(waiter);
        assertTrue(waiter.isAlive());
        notifyAllUnderLock(cond);
        joinOrFail(waiter);
        assertNoFailure(failure);
    }

    @Test
    void notifyWithoutWaitersIsANoOp() {
        Condition cond = new Condition();
        try (Guard g = cond.guard()) {
            cond.notify(1);
            cond.notify(Long.MAX_VALUE);
            cond.notifyAllWaiters();
            cond.signal();
            cond.signalAll();
        }
        assertEquals(0, cond.waiterCount());
    }

    @Test
    void notifyAllWakesEveryWaiter() throws InterruptedException {
        Condition cond = new Condition();
        int n = 6;
        AtomicInteger trueCount = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean timed = i % 2 == 0;
            waiters.add(waiterThread("waiter-" + i, cond, failure, () -> {
                if (timed ? cond.waitNanos(LONG_NANOS) : cond.waitForever()) {
                    trueCount.incrementAndGet();
                }
            }));
        }
        awaitWaiters(cond, n);
        notifyAllUnderLock(cond);
        for (Thread t : waiters) {
            joinOrFail(t);
        }
        assertNoFailure(failure);
        assertEquals(n, trueCount.get());
    }

    @Test
    void aNotifyIsNotLostToAWaiterThatTimedOut() throws InterruptedException {
        Condition cond = new Condition();
        try (Guard g = cond.guard()) {
            assertFalse(cond.waitNanos(TimeUnit.MILLISECONDS.toNanos(5)));
        }
        AtomicBoolean result = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = waiterThread("waiter", cond, failure,
                () -> result.set(cond.waitForever()));
        awaitWaiters(cond, 1);
        try (Guard g = cond.guard()) {
            cond.notify(1);
        }
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(result.get());
    }

    // ---- CPython's Condition(Lock()) quirk ----------------------------------------------------------

    @Test
    void overAPlainLockAnyThreadMayNotifyWhileItIsLocked() throws InterruptedException {
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread stranger = threads.spawn("stranger", failure, () -> {
            cond.notify(1);
            cond.notifyAllWaiters();
        });
        joinOrFail(stranger);
        assertNoFailure(failure);
        lock.release();
    }

    @Test
    void overAPlainLockAnyThreadMayWaitWhileItIsLocked() throws InterruptedException {
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        lock.acquire(); // this thread locks; the stranger waits "on" our lock
        AtomicBoolean result = new AtomicBoolean();
        AtomicBoolean lockedAfterWait = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread stranger = threads.spawn("stranger", failure, () -> {
            result.set(cond.waitForever());
            lockedAfterWait.set(lock.locked());
            lock.release();
        });
        // As in CPython, the stranger's wait released the lock this thread took.
        awaitTrue(() -> cond.waiterCount() == 1 && !lock.locked(), "the stranger waits");
        lock.acquire();
        cond.notify(1);
        lock.release();
        joinOrFail(stranger);
        assertNoFailure(failure);
        assertTrue(result.get());
        assertTrue(lockedAfterWait.get(), "wait() must return with the lock locked again");
        assertFalse(lock.locked());
    }

    @Test
    void overAPlainLockATimedWaitByAnotherThreadLeavesItLocked() throws InterruptedException {
        // CPython: a stranger's c.wait(0.01) returns False and c._lock.locked() is True.
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        lock.acquire();
        AtomicBoolean result = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread stranger = threads.spawn("stranger", failure,
                () -> result.set(cond.waitNanos(TimeUnit.MILLISECONDS.toNanos(10))));
        joinOrFail(stranger);
        assertNoFailure(failure);
        assertFalse(result.get());
        assertTrue(lock.locked());
        lock.release();
    }

    // ---- interrupts ----------------------------------------------------------------------------------

    @Test
    void interruptedWaiterThrowsAndHoldsTheRLockAgain() throws InterruptedException {
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        AtomicInteger levelsAfter = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = threads.spawn("waiter", failure, () -> {
            lock.acquire();
            lock.acquire();
            try {
                cond.waitForever();
            } finally {
                levelsAfter.set(lock.recursionCount());
                lock.release();
                lock.release();
            }
        });
        awaitWaiters(cond, 1);
        awaitParked(waiter);
        waiter.interrupt();
        joinOrFail(waiter);
        assertInstanceOf(InterruptedException.class, failure.get());
        assertEquals(2, levelsAfter.get(), "the lock must be held again, at the same level");
        assertEquals(0, cond.waiterCount(), "the interrupted waiter must leave the queue");
        assertEquals(0, lock.count());
    }

    @Test
    void interruptedTimedWaiterOverALockThrowsAndHoldsItAgain() throws InterruptedException {
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        AtomicBoolean lockedAfter = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = threads.spawn("waiter", failure, () -> {
            lock.acquire();
            try {
                cond.waitNanos(LONG_NANOS);
            } finally {
                lockedAfter.set(lock.locked());
                lock.release();
            }
        });
        awaitWaiters(cond, 1);
        awaitParked(waiter);
        waiter.interrupt();
        joinOrFail(waiter);
        assertInstanceOf(InterruptedException.class, failure.get());
        assertTrue(lockedAfter.get());
        assertFalse(lock.locked());
    }

    @Test
    void interruptedWaiterWaitsForTheLockBeforeThrowing() throws InterruptedException {
        Condition cond = new Condition();
        AtomicBoolean ownedWhenThrown = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = threads.spawn("waiter", failure, () -> {
            cond.acquire();
            try {
                cond.waitForever();
            } finally {
                ownedWhenThrown.set(((RLock) cond.lock()).isOwned());
                cond.release();
            }
        });
        awaitWaiters(cond, 1);
        try (Guard g = cond.guard()) {
            waiter.interrupt();
            awaitTrue(() -> cond.waiterCount() == 0, "the interrupted waiter left the queue");
            awaitParked(waiter); // now blocked retaking the lock we hold
            assertTrue(waiter.isAlive());
        }
        joinOrFail(waiter);
        assertInstanceOf(InterruptedException.class, failure.get());
        assertTrue(ownedWhenThrown.get());
    }

    @Test
    void interruptedWaiterDoesNotUseUpANotify() throws InterruptedException {
        Condition cond = new Condition();
        AtomicReference<Throwable> interrupted = new AtomicReference<>();
        Thread victim = waiterThread("victim", cond, interrupted, cond::waitForever);
        awaitWaiters(cond, 1);
        AtomicBoolean result = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = waiterThread("other", cond, failure, () -> result.set(cond.waitForever()));
        awaitWaiters(cond, 2);
        victim.interrupt();
        joinOrFail(victim);
        assertInstanceOf(InterruptedException.class, interrupted.get());
        try (Guard g = cond.guard()) {
            cond.notify(1);
        }
        joinOrFail(other);
        assertNoFailure(failure);
        assertTrue(result.get());
    }

    @Test
    void waiterInterruptedAfterItWasNotifiedReturnsTrueAndKeepsTheInterrupt()
            throws InterruptedException {
        Condition cond = new Condition();
        AtomicBoolean result = new AtomicBoolean();
        AtomicBoolean flag = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = waiterThread("waiter", cond, failure, () -> {
            result.set(cond.waitForever());
            flag.set(Thread.currentThread().isInterrupted());
        });
        awaitWaiters(cond, 1);
        try (Guard g = cond.guard()) {
            cond.notify(1);
            waiter.interrupt(); // after the notify: the wait must succeed
        }
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(result.get(), "a notified waiter returns normally");
        assertTrue(flag.get(), "the interrupt must not be lost");
    }

    @Test
    void awaitUninterruptiblyWithAPendingInterruptStillWaitsForASignal()
            throws InterruptedException {
        // j.u.c.locks.Condition: "If the current thread's interrupted status is set when it enters
        // this method, or it is interrupted while waiting, it will continue to wait until
        // signalled. When the thread finally returns from this method its interrupted status
        // will still be set."
        Condition cond = new Condition();
        AtomicBoolean signalled = new AtomicBoolean();
        AtomicBoolean sawSignal = new AtomicBoolean();
        AtomicBoolean flag = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = waiterThread("waiter", cond, failure, () -> {
            Thread.currentThread().interrupt();
            cond.awaitUninterruptibly();
            sawSignal.set(signalled.get());
            flag.set(Thread.currentThread().isInterrupted());
        });
        awaitTrue(() -> cond.waiterCount() == 1 || !waiter.isAlive(), "the waiter queued");
        try (Guard g = cond.guard()) {
            signalled.set(true);
            cond.signal();
        }
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(sawSignal.get(), "awaitUninterruptibly() returned before it was signalled");
        assertTrue(flag.get());
    }

    @Test
    void awaitUninterruptiblyReturnsHoldingTheLockWithTheInterruptKept()
            throws InterruptedException {
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        AtomicBoolean owned = new AtomicBoolean();
        AtomicBoolean flag = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = waiterThread("waiter", cond, failure, () -> {
            cond.awaitUninterruptibly();
            owned.set(lock.isOwned());
            flag.set(Thread.currentThread().isInterrupted());
        });
        awaitWaiters(cond, 1);
        awaitParked(waiter);
        waiter.interrupt();
        // The interrupted waiter may leave the queue before a signal and queue again after it
        // (a signal is for the waiters queued at the time): signal until it has returned.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BLOCK_WAIT_MILLIS);
        while (waiter.isAlive() && System.nanoTime() < deadline) {
            try (Guard g = cond.guard()) {
                cond.signalAll();
            }
            waiter.join(10);
        }
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(owned.get());
        assertTrue(flag.get());
    }

    // ---- java.util.concurrent.locks.Condition ------------------------------------------------------

    @Test
    void signalAndAwaitThroughTheJucInterface() throws InterruptedException {
        RLock lock = new RLock();
        java.util.concurrent.locks.Condition cond = new Condition(lock);
        AtomicBoolean ready = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        List<Thread> awaiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            awaiters.add(threads.spawn("awaiter-" + i, failure, () -> {
                lock.lock();
                try {
                    while (!ready.get()) {
                        cond.await();
                    }
                    done.incrementAndGet();
                } finally {
                    lock.unlock();
                }
            }));
        }
        awaitWaiters((Condition) cond, 3);
        lock.lock();
        try {
            cond.signal();
            assertEquals(2, ((Condition) cond).waiterCount());
            ready.set(true);
            cond.signalAll();
            assertEquals(0, ((Condition) cond).waiterCount());
        } finally {
            lock.unlock();
        }
        for (Thread t : awaiters) {
            joinOrFail(t);
        }
        assertNoFailure(failure);
        assertEquals(3, done.get());
    }

    @Test
    void timedJucAwaitsReturnTrueWhenSignalled() throws InterruptedException {
        Condition cond = new Condition();
        AtomicBoolean byUnit = new AtomicBoolean();
        AtomicLong nanosLeft = new AtomicLong();
        AtomicBoolean byDate = new AtomicBoolean();
        AtomicBoolean byDuration = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> waiters = List.of(
                waiterThread("unit", cond, failure,
                        () -> byUnit.set(cond.await(60, TimeUnit.SECONDS))),
                waiterThread("nanos", cond, failure,
                        () -> nanosLeft.set(cond.awaitNanos(LONG_NANOS))),
                waiterThread("date", cond, failure, () -> byDate.set(
                        cond.awaitUntil(new Date(System.currentTimeMillis() + 60_000)))),
                waiterThread("duration", cond, failure,
                        () -> byDuration.set(cond.await(Duration.ofSeconds(60)))));
        awaitWaiters(cond, 4);
        notifyAllUnderLock(cond);
        for (Thread t : waiters) {
            joinOrFail(t);
        }
        assertNoFailure(failure);
        assertTrue(byUnit.get());
        assertTrue(nanosLeft.get() > 0, "awaitNanos must report time left when signalled");
        assertTrue(byDate.get());
        assertTrue(byDuration.get());
    }

    /**
     * Runs {@code wait} (a wait on {@code cond}, which sets {@code result}) in a thread holding
     * the lock, and checks that it blocks until notified and then reports the notification.
     */
    private void assertWaitsUntilNotified(Condition cond, AtomicBoolean result,
            TestThreads.Body wait) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = waiterThread("waiter", cond, failure, wait);
        awaitTrue(() -> cond.waiterCount() == 1 || !waiter.isAlive(), "the waiter queued");
        assertNoFailure(failure);
        assertTrue(waiter.isAlive(), "the wait returned without a notify");
        notifyAllUnderLock(cond);
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(result.get(), "a notified wait must report it");
    }

    // Long.MAX_VALUE of any unit is java.util.concurrent's usual "no real limit"; Duration
    // overloads saturate (Timeouts.durationToNanos: "Java callers expect no overflow error").

    @Test
    void jucAwaitWithAnEnormousTimeUnitWaitsInsteadOfOverflowing() throws InterruptedException {
        Condition cond = new Condition();
        AtomicBoolean result = new AtomicBoolean();
        assertWaitsUntilNotified(cond, result,
                () -> result.set(cond.await(Long.MAX_VALUE, TimeUnit.DAYS)));
    }

    @Test
    void jucAwaitNanosOfLongMaxWaitsInsteadOfOverflowing() throws InterruptedException {
        Condition cond = new Condition();
        AtomicBoolean result = new AtomicBoolean();
        assertWaitsUntilNotified(cond, result,
                () -> result.set(cond.awaitNanos(Long.MAX_VALUE) > 0));
    }

    @Test
    void jucAwaitUntilAFarDateWaitsInsteadOfOverflowing() throws InterruptedException {
        Condition cond = new Condition();
        AtomicBoolean result = new AtomicBoolean();
        assertWaitsUntilNotified(cond, result,
                () -> result.set(cond.awaitUntil(new Date(Long.MAX_VALUE))));
    }

    @Test
    void awaitWithAnEnormousDurationWaitsInsteadOfOverflowing() throws InterruptedException {
        Condition cond = new Condition();
        AtomicBoolean result = new AtomicBoolean();
        assertWaitsUntilNotified(cond, result,
                () -> result.set(cond.await(Duration.ofSeconds(Long.MAX_VALUE))));
    }

    // ---- the queue, as the Python facade drives it; misc ---------------------------------------------

    @Test
    void facadeStepsKeepTheQueueConsistent() throws InterruptedException {
        Condition cond = new Condition();
        Lock first = cond.addWaiter();
        Lock second = cond.addWaiter();
        assertTrue(first.locked(), "a new waiter is queued locked");
        assertEquals(2, cond.waiterCount());
        assertFalse(cond.awaitWaiter(first, 0), "not notified yet");
        cond.wakeWaiters(1);
        assertFalse(first.locked(), "the first waiter is woken first");
        assertTrue(second.locked());
        assertFalse(cond.removeWaiter(first), "a notified waiter is no longer queued");
        assertTrue(cond.awaitWaiter(first, 0));
        assertTrue(cond.removeWaiter(second));
        assertEquals(0, cond.waiterCount());
        cond.wakeWaiters(5);
        assertTrue(second.locked(), "a waiter that gave up is not woken");
    }

    @Test
    void atForkReinitForgetsTheWaiters() {
        Condition cond = new Condition();
        cond.addWaiter();
        cond.addWaiter();
        cond.atForkReinit();
        assertEquals(0, cond.waiterCount());
    }

    @Test
    void waitUsesTheLocksSaveAndRestoreProtocol() throws InterruptedException {
        // ConditionLock is public: Java code may give a Condition its own lock.
        RLock inner = new RLock();
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        ConditionLock recording = new ConditionLock() {
            @Override
            public boolean acquire() throws InterruptedException {
                return inner.acquire();
            }

            @Override
            public void release() {
                inner.release();
            }

            @Override
            public boolean isOwned() {
                calls.add("isOwned");
                return inner.isOwned();
            }

            @Override
            public long releaseSave() {
                long saved = inner.releaseSave();
                calls.add("releaseSave=" + saved);
                return saved;
            }

            @Override
            public void acquireRestore(long saved) {
                calls.add("acquireRestore=" + saved);
                inner.acquireRestore(saved);
            }

            @Override
            public Guard guard() {
                return inner.guard();
            }
        };
        Condition cond = new Condition(recording);
        cond.acquire();
        cond.acquire();
        assertFalse(cond.waitNanos(1_000_000));
        assertEquals(List.of("isOwned", "releaseSave=2", "acquireRestore=2"), List.copyOf(calls));
        assertEquals(2, inner.recursionCount());
        cond.release();
        cond.release();
    }

    @Test
    void toStringShowsTheLockAndTheWaiterCount() {
        Condition cond = new Condition();
        assertEquals("<Condition(<unlocked jthreading.RLock object owner=0 count=0>, 0)>",
                cond.toString());
        cond.addWaiter();
        assertTrue(cond.toString().endsWith(", 1)>"), cond.toString());
    }

    @Test
    void idsAreDistinct() {
        assertTrue(new Condition().id() != new Condition().id());
    }
}
