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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;

import io.jthreading.internal.LockSync;
import io.jthreading.internal.OffHeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java API of {@link Lock}: Python's {@code threading.Lock} rules and Java's Lock idioms. */
@Timeout(20)
class LockTest {
    @RegisterExtension
    final TestThreads threads = new TestThreads();

    // ---- acquire / release / locked -------------------------------------------------------

    @Test
    void newLockIsUnlocked() {
        Lock lock = new Lock();
        assertFalse(lock.locked());
    }

    @Test
    void acquireLocksAndReleaseUnlocks() throws InterruptedException {
        Lock lock = new Lock();
        assertTrue(lock.acquire());
        assertTrue(lock.locked());
        lock.release();
        assertFalse(lock.locked());
    }

    @Test
    void nonBlockingAcquireOnUnlockedLockSucceeds() throws InterruptedException {
        Lock lock = new Lock();
        assertTrue(lock.acquire(false));
        assertTrue(lock.locked());
    }

    @Test
    void lockIsNotReentrant() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        assertFalse(lock.acquire(false), "the holder must not get the lock a second time");
        assertFalse(lock.tryLock());
        assertTrue(lock.locked());
        lock.release();
        assertFalse(lock.locked(), "one release undoes the single acquisition");
    }

    @Test
    void anotherThreadMayRelease() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread releaser = threads.spawn("releaser", failure, lock::release);
        joinOrFail(releaser);
        assertNull(failure.get());
        assertFalse(lock.locked());
    }

    @Test
    void releasingUnlockedLockThrows() {
        Lock lock = new Lock();
        IllegalMonitorStateException e =
                assertThrows(IllegalMonitorStateException.class, lock::release);
        assertEquals("release unlocked lock", e.getMessage());
        assertFalse(lock.locked());
    }

    @Test
    void secondReleaseThrows() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        lock.release();
        IllegalMonitorStateException e =
                assertThrows(IllegalMonitorStateException.class, lock::release);
        assertEquals("release unlocked lock", e.getMessage());
    }

    @Test
    void unlockOfUnlockedLockThrowsLikeRelease() {
        Lock lock = new Lock();
        IllegalMonitorStateException e =
                assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertEquals("release unlocked lock", e.getMessage());
    }

    @Test
    void releaseAfterFailedNonBlockingAcquireLeavesLockUsable() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        assertFalse(lock.acquire(false));
        lock.release();
        assertFalse(lock.locked());
        assertTrue(lock.acquire(false));
    }

    // ---- CPython's timeout rules ------------------------------------------------------------

    @Test
    void timeoutWithNonBlockingIsRejected() {
        Lock lock = new Lock();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> lock.acquire(false, 1.0));
        assertEquals("can't specify a timeout for a non-blocking call", e.getMessage());
        assertFalse(lock.locked());
    }

    @Test
    void zeroTimeoutWithNonBlockingIsAlsoRejected() {
        Lock lock = new Lock();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> lock.acquire(false, 0.0));
        assertEquals("can't specify a timeout for a non-blocking call", e.getMessage());
    }

    @Test
    void minusOneWithNonBlockingIsAllowed() throws InterruptedException {
        Lock lock = new Lock();
        assertTrue(lock.acquire(false, -1.0));
        assertFalse(lock.acquire(false, -1.0));
    }

    @Test
    void negativeTimeoutOtherThanMinusOneIsRejected() {
        Lock lock = new Lock();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> lock.acquire(true, -2.0));
        assertEquals("timeout value must be positive", e.getMessage());
        IllegalArgumentException half =
                assertThrows(IllegalArgumentException.class, () -> lock.acquire(true, -0.5));
        assertEquals("timeout value must be positive", half.getMessage());
        assertFalse(lock.locked());
    }

    @Test
    void minusOneTimeoutMeansNoTimeout() throws InterruptedException {
        Lock lock = new Lock();
        assertTrue(lock.acquire(true, -1.0));
        assertTrue(lock.locked());
    }

    @Test
    void nanTimeoutIsRejected() {
        Lock lock = new Lock();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lock.acquire(true, Double.NaN));
        assertEquals("Invalid value NaN (not a number)", e.getMessage());
        assertFalse(lock.locked());
    }

    @Test
    void hugeTimeoutOverflows() {
        Lock lock = new Lock();
        OverflowException e =
                assertThrows(OverflowException.class, () -> lock.acquire(true, 1e100));
        assertEquals("timestamp out of range for platform time_t", e.getMessage());
        assertFalse(lock.locked());
    }

    @Test
    void timeoutJustPastTimeoutMaxOverflows() {
        Lock lock = new Lock();
        OverflowException e = assertThrows(OverflowException.class,
                () -> lock.acquire(true, Timeouts.TIMEOUT_MAX + 1));
        assertEquals("timestamp out of range for platform time_t", e.getMessage());
    }

    @Test
    void overflowIsAnArithmeticException() {
        Lock lock = new Lock();
        assertThrows(ArithmeticException.class, () -> lock.acquire(true, 1e100));
    }

    @Test
    void timeoutMaxOnUnlockedLockAcquiresAtOnce() throws InterruptedException {
        Lock lock = new Lock();
        assertTrue(lock.acquire(true, Timeouts.TIMEOUT_MAX));
        assertTrue(lock.locked());
    }

    @Test
    void acquireNanosWithUnsetMeansNoTimeout() throws InterruptedException {
        Lock lock = new Lock();
        assertTrue(lock.acquireNanos(true, Timeouts.UNSET_NANOS));
        assertFalse(lock.acquireNanos(false, Timeouts.UNSET_NANOS));
    }

    @Test
    void acquireNanosTooLargeOverflows() {
        Lock lock = new Lock();
        OverflowException e = assertThrows(OverflowException.class,
                () -> lock.acquireNanos(true, Long.MAX_VALUE));
        assertEquals("timeout value is too large", e.getMessage());
    }

    @Test
    void timedAcquireOnHeldLockFailsAfterTheTimeout() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        long start = System.nanoTime();
        assertFalse(lock.acquire(true, 0.2));
        long elapsed = millisSince(start);
        assertTrue(elapsed >= 200, "returned after " + elapsed + " ms, before the timeout");
        assertTrue(elapsed < 10_000, "returned after " + elapsed + " ms");
        assertTrue(lock.locked());
    }

    @Test
    void timedAcquireInAnotherThreadFailsWhileHeld() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean got = new AtomicBoolean(true);
        Thread t = threads.spawn("timed", failure, () -> got.set(lock.acquire(true, 0.1)));
        joinOrFail(t);
        assertNull(failure.get());
        assertFalse(got.get());
        lock.release();
        assertTrue(lock.acquire(false), "a timed-out waiter must not leave the lock stuck");
    }

    @Test
    void timedAcquireSucceedsWhenReleasedInTime() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean got = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(1);
        Thread t = threads.spawn("timed", failure, () -> {
            ready.countDown();
            got.set(lock.acquire(true, 30.0));
        });
        ready.await();
        awaitParked(t);
        lock.release();
        joinOrFail(t);
        assertNull(failure.get());
        assertTrue(got.get());
        assertTrue(lock.locked());
    }

    // ---- blocking, hand-over, interrupts -----------------------------------------------------

    @Test
    void releaseWakesBlockedAcquirer() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread t = threads.spawn("waiter", failure, () -> {
            ready.countDown();
            lock.acquire();
            lock.release();
        });
        ready.await();
        awaitParked(t);
        lock.release();
        joinOrFail(t);
        assertNull(failure.get());
        assertFalse(lock.locked());
    }

    @Test
    void interruptingBlockedAcquireThrows() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread t = threads.spawn("waiter", failure, () -> {
            ready.countDown();
            lock.acquire();
        });
        ready.await();
        awaitParked(t);
        t.interrupt();
        joinOrFail(t);
        assertInstanceOf(InterruptedException.class, failure.get());
        assertTrue(lock.locked(), "the interrupted waiter must not have released our hold");
        lock.release();
        assertTrue(lock.acquire(false), "the lock must stay usable after a cancelled waiter");
    }

    @Test
    void interruptingBlockedTimedAcquireThrows() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread t = threads.spawn("waiter", failure, () -> {
            ready.countDown();
            lock.acquire(true, 60.0);
        });
        ready.await();
        awaitParked(t);
        t.interrupt();
        joinOrFail(t);
        assertInstanceOf(InterruptedException.class, failure.get());
    }

    @Test
    void interruptingLockInterruptiblyThrows() throws InterruptedException {
        Lock lock = new Lock();
        lock.lock();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread t = threads.spawn("waiter", failure, () -> {
            ready.countDown();
            lock.lockInterruptibly();
        });
        ready.await();
        awaitParked(t);
        t.interrupt();
        joinOrFail(t);
        assertInstanceOf(InterruptedException.class, failure.get());
        assertTrue(lock.locked());
    }

    @Test
    void lockIgnoresInterruptButKeepsTheFlag() throws InterruptedException {
        Lock lock = new Lock();
        lock.lock();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean flagAfterLock = new AtomicBoolean();
        AtomicBoolean returned = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(1);
        Thread t = threads.spawn("uninterruptible", failure, () -> {
            ready.countDown();
            lock.lock();
            returned.set(true);
            flagAfterLock.set(Thread.currentThread().isInterrupted());
            lock.unlock();
        });
        ready.await();
        awaitParked(t);
        t.interrupt();
        // Not synchronisation: a window in which a wrongly interruptible lock() would return.
        t.join(200);
        assertFalse(returned.get(), "lock() returned while the lock was still held");
        assertTrue(t.isAlive());
        lock.unlock();
        joinOrFail(t);
        assertNull(failure.get());
        assertTrue(returned.get());
        assertTrue(flagAfterLock.get(), "lock() must re-assert the interrupt it swallowed");
        assertFalse(lock.locked());
    }

    // ---- Java idioms ---------------------------------------------------------------------------

    @Test
    void guardReleasesAtEndOfTry() {
        Lock lock = new Lock();
        try (Guard g = lock.guard()) {
            assertTrue(lock.locked());
        }
        assertFalse(lock.locked());
    }

    @Test
    void guardReleasesWhenBodyThrows() {
        Lock lock = new Lock();
        assertThrows(IllegalStateException.class, () -> {
            try (Guard g = lock.guard()) {
                throw new IllegalStateException("boom");
            }
        });
        assertFalse(lock.locked());
    }

    @Test
    void tryLockTakesFreeLockAndFailsOnHeldOne() {
        Lock lock = new Lock();
        assertTrue(lock.tryLock());
        assertFalse(lock.tryLock());
        lock.unlock();
        assertFalse(lock.locked());
    }

    @Test
    void tryLockWithTimeUnitFailsAfterTheTime() throws InterruptedException {
        Lock lock = new Lock();
        lock.lock();
        long start = System.nanoTime();
        assertFalse(lock.tryLock(150, TimeUnit.MILLISECONDS));
        long elapsed = millisSince(start);
        assertTrue(elapsed >= 150, "returned after " + elapsed + " ms");
        assertTrue(elapsed < 10_000, "returned after " + elapsed + " ms");
    }

    @Test
    void tryLockWithTimeUnitTakesFreeLock() throws InterruptedException {
        Lock lock = new Lock();
        assertTrue(lock.tryLock(1, TimeUnit.SECONDS));
        assertTrue(lock.locked());
    }

    @Test
    void tryLockWithNegativeTimeDoesNotWait() throws InterruptedException {
        Lock lock = new Lock();
        lock.lock();
        assertFalse(lock.tryLock(-5, TimeUnit.SECONDS));
        lock.unlock();
        assertTrue(lock.tryLock(-5, TimeUnit.SECONDS));
    }

    @Test
    void tryLockWithDurationFailsAfterTheTime() throws InterruptedException {
        Lock lock = new Lock();
        lock.lock();
        long start = System.nanoTime();
        assertFalse(lock.tryLock(Duration.ofMillis(150)));
        long elapsed = millisSince(start);
        assertTrue(elapsed >= 150, "returned after " + elapsed + " ms");
        assertTrue(elapsed < 10_000, "returned after " + elapsed + " ms");
    }

    @Test
    void tryLockWithDurationTakesFreeLock() throws InterruptedException {
        Lock lock = new Lock();
        assertTrue(lock.tryLock(Duration.ofSeconds(1)));
        assertTrue(lock.locked());
    }

    @Test
    void tryLockWithHugeOrNegativeDurationDoesNotOverflow() throws InterruptedException {
        Lock lock = new Lock();
        assertTrue(lock.tryLock(Duration.ofSeconds(Long.MAX_VALUE)));
        assertFalse(lock.tryLock(Duration.ofSeconds(Long.MIN_VALUE)));
        assertFalse(lock.tryLock(Duration.ofMillis(-1)));
    }

    @Test
    void usableThroughJavaUtilConcurrentInterface() {
        java.util.concurrent.locks.Lock lock = new Lock();
        lock.lock();
        try {
            assertFalse(lock.tryLock());
        } finally {
            lock.unlock();
        }
        assertTrue(lock.tryLock());
        lock.unlock();
    }

    @Test
    void conditionSignalWakesAwaiter() throws InterruptedException {
        Lock lock = new Lock();
        Condition cond = lock.newCondition();
        AtomicBoolean ready = new AtomicBoolean();
        AtomicBoolean heldAfterAwait = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread t = threads.spawn("awaiter", failure, () -> {
            lock.lock();
            try {
                waiting.countDown();
                while (!ready.get()) {
                    cond.await();
                }
                heldAfterAwait.set(lock.locked());
            } finally {
                lock.unlock();
            }
        });
        waiting.await();
        awaitParked(t); // inside cond.await(), which has released the lock
        lock.lock();
        try {
            ready.set(true);
            cond.signal();
        } finally {
            lock.unlock();
        }
        joinOrFail(t);
        assertNull(failure.get());
        assertTrue(heldAfterAwait.get(), "await() must return with the lock re-acquired");
        assertFalse(lock.locked());
    }

    @Test
    void conditionSignalAllWakesEveryAwaiter() throws InterruptedException {
        Lock lock = new Lock();
        Condition cond = lock.newCondition();
        AtomicBoolean ready = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int n = 3;
        CountDownLatch waiting = new CountDownLatch(n);
        List<Thread> awaiters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            awaiters.add(threads.spawn("awaiter-" + i, failure, () -> {
                lock.lock();
                try {
                    waiting.countDown();
                    while (!ready.get()) {
                        cond.await();
                    }
                } finally {
                    lock.unlock();
                }
            }));
        }
        waiting.await();
        for (Thread t : awaiters) {
            awaitParked(t);
        }
        lock.lock();
        try {
            ready.set(true);
            cond.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread t : awaiters) {
            joinOrFail(t);
        }
        assertNull(failure.get());
        assertFalse(lock.locked());
    }

    @Test
    void conditionTimedAwaitReacquiresLockAfterTimeout() throws InterruptedException {
        Lock lock = new Lock();
        Condition cond = lock.newCondition();
        lock.lock();
        long start = System.nanoTime();
        assertFalse(cond.await(100, TimeUnit.MILLISECONDS));
        assertTrue(millisSince(start) >= 100);
        assertTrue(lock.locked(), "await must return holding the lock");
        lock.unlock();
        assertFalse(lock.locked());
    }

    @Test
    void conditionAwaitReleasesTheLockWhileWaiting() throws InterruptedException {
        Lock lock = new Lock();
        Condition cond = lock.newCondition();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread t = threads.spawn("awaiter", failure, () -> {
            lock.lock();
            try {
                waiting.countDown();
                cond.await(30, TimeUnit.SECONDS);
            } finally {
                lock.unlock();
            }
        });
        waiting.await();
        awaitParked(t);
        assertFalse(lock.locked(), "a waiting awaiter must have released the lock");
        t.interrupt();
        joinOrFail(t);
        assertInstanceOf(InterruptedException.class, failure.get());
        assertFalse(lock.locked());
    }

    @Test
    void conditionSignalOnUnlockedLockThrows() {
        Lock lock = new Lock();
        Condition cond = lock.newCondition();
        assertThrows(IllegalMonitorStateException.class, cond::signal);
    }

    // ---- contention ---------------------------------------------------------------------------

    private long counter; // deliberately plain: only the lock makes the increments safe

    private void hammer(TestThreads.Body lockOnce, TestThreads.Body unlockOnce) throws Exception {
        int workerCount = 4;
        int perThread = 20_000;
        CyclicBarrier gate = new CyclicBarrier(workerCount);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        counter = 0;
        for (int i = 0; i < workerCount; i++) {
            workers.add(threads.spawn("worker-" + i, failure, () -> {
                gate.await();
                for (int k = 0; k < perThread; k++) {
                    lockOnce.run();
                    try {
                        counter++;
                    } finally {
                        unlockOnce.run();
                    }
                }
            }));
        }
        for (Thread w : workers) {
            joinOrFail(w);
        }
        assertNull(failure.get());
        assertEquals((long) workerCount * perThread, counter);
    }

    @Test
    void contendedAcquireReleaseCountsExactly() throws Exception {
        Lock lock = new Lock();
        hammer(lock::acquire, lock::release);
        assertFalse(lock.locked());
    }

    @Test
    void contendedLockUnlockCountsExactly() throws Exception {
        Lock lock = new Lock();
        hammer(lock::lock, lock::unlock);
        assertFalse(lock.locked());
    }

    @Test
    void contendedTimedAcquireCountsExactly() throws Exception {
        Lock lock = new Lock();
        hammer(() -> assertTrue(lock.acquire(true, 30.0)), lock::release);
        assertFalse(lock.locked());
    }

    // ---- fork support, misc ----------------------------------------------------------------------

    @Test
    void atForkReinitUnlocksHeldLock() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        lock.atForkReinit();
        assertFalse(lock.locked());
        assertTrue(lock.acquire(false));
    }

    @Test
    void atForkReinitOnUnlockedLockKeepsItUnlocked() {
        Lock lock = new Lock();
        lock.atForkReinit();
        assertFalse(lock.locked());
    }

    @Test
    void toStringShowsState() throws InterruptedException {
        Lock lock = new Lock();
        assertTrue(lock.toString().contains("unlocked"));
        lock.acquire();
        assertTrue(lock.toString().startsWith("<locked"));
    }

    @Test
    void idsAreDistinct() {
        assertTrue(new Lock().id() != new Lock().id());
    }

    /** A failed non-blocking try must not mark the word CONTENDED: nobody will park. */
    @Test
    void failedTriesLeaveTheWordUncontended() throws Exception {
        Lock lock = new Lock();
        long word = lock.stateAddress();
        assertTrue(lock.acquire());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread poller = new Thread(() -> {
            try {
                assertFalse(lock.tryLock());
                assertFalse(lock.acquire(false));
                assertFalse(lock.tryLock(0, TimeUnit.SECONDS));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        poller.start();
        joinOrFail(poller);
        assertNull(failure.get());
        assertEquals(LockSync.LOCKED, OffHeap.loadInt(lock, word), "still LOCKED, not CONTENDED");
        lock.release();
    }
}
