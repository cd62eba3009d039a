package io.jthreading;

import static io.jthreading.TestThreads.assertNoFailure;
import static io.jthreading.TestThreads.awaitParked;
import static io.jthreading.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;

import io.jthreading.internal.OffHeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java API of {@link RLock}: Python's {@code threading.RLock} rules and Java's Lock idioms. */
@Timeout(20)
class RLockTest {
    private static final String NOT_OWNED = "cannot release un-acquired lock";

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    /** Starts a thread that takes {@code lock} and keeps it until {@code letGo} is set. */
    private Thread holdInAnotherThread(RLock lock, Event letGo, AtomicReference<Throwable> failure)
            throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread owner = threads.spawn("owner", failure, () -> {
            lock.acquire();
            try {
                held.countDown();
                letGo.await();
            } finally {
                lock.release();
            }
        });
        assertTrue(held.await(TestThreads.BLOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS));
        return owner;
    }

    // ---- acquire / release / recursion ------------------------------------------------------

    @Test
    void newLockIsFree() {
        RLock lock = new RLock();
        assertFalse(lock.isOwned());
        assertEquals(0, lock.recursionCount());
        assertEquals(0, lock.count());
        assertEquals(0, lock.ownerIdent());
    }

    @Test
    void acquireIsReentrantAndEachReleaseUndoesOneLevel() throws InterruptedException {
        RLock lock = new RLock();
        assertTrue(lock.acquire());
        assertTrue(lock.acquire());
        assertTrue(lock.acquire(false));
        assertTrue(lock.acquire(true, 1.0));
        assertEquals(4, lock.recursionCount());
        assertTrue(lock.isOwned());
        for (int left = 3; left >= 0; left--) {
            lock.release();
            assertEquals(left, lock.recursionCount());
        }
        assertFalse(lock.isOwned());
        assertEquals(0, lock.ownerIdent());
    }

    @Test
    void ownerIdentIsTheHoldersIdent() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();
        assertEquals(Threads.getIdent(), lock.ownerIdent());
        assertEquals(Thread.currentThread().getId(), lock.ownerIdent());
        assertEquals(2, lock.count());
    }

    @Test
    void releasingAFreeLockThrows() {
        RLock lock = new RLock();
        IllegalMonitorStateException e =
                assertThrows(IllegalMonitorStateException.class, lock::release);
        assertEquals(NOT_OWNED, e.getMessage());
        IllegalMonitorStateException viaUnlock =
                assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertEquals(NOT_OWNED, viaUnlock.getMessage());
    }

    @Test
    void releasingOnceTooOftenThrows() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();
        lock.release();
        lock.release();
        IllegalMonitorStateException e =
                assertThrows(IllegalMonitorStateException.class, lock::release);
        assertEquals(NOT_OWNED, e.getMessage());
    }

    @Test
    void nonOwnerCannotRelease() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = threads.spawn("non-owner", failure, lock::release);
        joinOrFail(other);
        IllegalMonitorStateException e =
                assertInstanceOf(IllegalMonitorStateException.class, failure.get());
        assertEquals(NOT_OWNED, e.getMessage());
        assertEquals(2, lock.recursionCount(), "a refused release must change nothing");
        assertEquals(Threads.getIdent(), lock.ownerIdent());
    }

    @Test
    void nonOwnerSeesNoRecursionAndNoOwnership() throws InterruptedException {
        RLock lock = new RLock();
        Event letGo = new Event();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread owner = holdInAnotherThread(lock, letGo, failure);
        assertFalse(lock.isOwned());
        assertEquals(0, lock.recursionCount());
        assertEquals(1, lock.count(), "count() reports the owner's levels, whoever asks");
        assertEquals(owner.getId(), lock.ownerIdent());
        letGo.set();
        joinOrFail(owner);
        assertNoFailure(failure);
        assertEquals(0, lock.ownerIdent());
    }

    // ---- CPython's timeout rules ----------------------------------------------------------------

    @Test
    void timeoutWithNonBlockingIsRejected() {
        RLock lock = new RLock();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> lock.acquire(false, 1.0));
        assertEquals("can't specify a timeout for a non-blocking call", e.getMessage());
        assertFalse(lock.isOwned());
    }

    @Test
    void negativeTimeoutOtherThanMinusOneIsRejected() {
        RLock lock = new RLock();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> lock.acquire(true, -2.0));
        assertEquals("timeout value must be positive", e.getMessage());
        assertFalse(lock.isOwned());
    }

    @Test
    void minusOneMeansNoTimeout() throws InterruptedException {
        RLock lock = new RLock();
        assertTrue(lock.acquire(true, -1.0));
        assertTrue(lock.acquire(false, -1.0));
        assertEquals(2, lock.recursionCount());
    }

    @Test
    void nanAndOverflowingTimeoutsAreRejected() {
        RLock lock = new RLock();
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> lock.acquire(true, Double.NaN));
        assertEquals("Invalid value NaN (not a number)", nan.getMessage());
        OverflowException big =
                assertThrows(OverflowException.class, () -> lock.acquire(true, 1e100));
        assertEquals("timestamp out of range for platform time_t", big.getMessage());
        OverflowException nanos = assertThrows(OverflowException.class,
                () -> lock.acquireNanos(true, Long.MAX_VALUE));
        assertEquals("timeout value is too large", nanos.getMessage());
        assertFalse(lock.isOwned());
    }

    @Test
    void lockHeldElsewhereCannotBeTakenWithoutWaitingOrWithinATimeout()
            throws InterruptedException {
        RLock lock = new RLock();
        Event letGo = new Event();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread owner = holdInAnotherThread(lock, letGo, failure);
        assertFalse(lock.acquire(false));
        assertFalse(lock.acquire(true, 0.0));
        assertFalse(lock.acquire(true, 0.05), "timed acquire must give up");
        assertFalse(lock.tryLock());
        assertFalse(lock.tryLock(20, TimeUnit.MILLISECONDS));
        assertFalse(lock.tryLock(Duration.ofMillis(20)));
        assertFalse(lock.isOwned());
        letGo.set();
        joinOrFail(owner);
        assertNoFailure(failure);
        assertTrue(lock.acquire(false), "a timed-out waiter must not leave the lock stuck");
    }

    @Test
    void releaseWakesABlockedAcquirer() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong ownerSeenByWaiter = new AtomicLong();
        Thread waiter = threads.spawn("waiter", failure, () -> {
            lock.acquire();
            ownerSeenByWaiter.set(lock.ownerIdent());
            lock.release();
        });
        awaitParked(waiter);
        lock.release();
        assertTrue(waiter.isAlive(), "one of two levels released: the lock is still ours");
        assertTrue(lock.isOwned());
        lock.release();
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertEquals(waiter.getId(), ownerSeenByWaiter.get());
        assertFalse(lock.isOwned());
        assertEquals(0, lock.count());
    }

    @Test
    void timedAcquireSucceedsWhenReleasedInTime() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean got = new AtomicBoolean();
        Thread waiter = threads.spawn("timed", failure, () -> {
            got.set(lock.acquire(true, 30.0));
            lock.release();
        });
        awaitParked(waiter);
        lock.release();
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(got.get());
    }

    // ---- interrupts -----------------------------------------------------------------------------

    @Test
    void interruptingBlockedAcquireThrows() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = threads.spawn("waiter", failure, lock::acquire);
        awaitParked(waiter);
        waiter.interrupt();
        joinOrFail(waiter);
        assertInstanceOf(InterruptedException.class, failure.get());
        assertTrue(lock.isOwned(), "the interrupted waiter must not have taken our lock");
        assertEquals(1, lock.recursionCount());
        lock.release();
        assertTrue(lock.tryLock(), "the lock must stay usable after a cancelled waiter");
    }

    @Test
    void interruptingBlockedTimedAcquireThrows() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = threads.spawn("waiter", failure, () -> lock.acquire(true, 60.0));
        awaitParked(waiter);
        waiter.interrupt();
        joinOrFail(waiter);
        assertInstanceOf(InterruptedException.class, failure.get());
    }

    @Test
    void interruptingLockInterruptiblyThrows() throws InterruptedException {
        RLock lock = new RLock();
        lock.lock();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = threads.spawn("waiter", failure, lock::lockInterruptibly);
        awaitParked(waiter);
        waiter.interrupt();
        joinOrFail(waiter);
        assertInstanceOf(InterruptedException.class, failure.get());
        assertTrue(lock.isOwned());
    }

    @Test
    void lockIgnoresInterruptButKeepsTheFlag() throws InterruptedException {
        RLock lock = new RLock();
        lock.lock();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean flagAfterLock = new AtomicBoolean();
        Thread waiter = threads.spawn("uninterruptible", failure, () -> {
            lock.lock();
            flagAfterLock.set(Thread.currentThread().isInterrupted());
            lock.unlock();
        });
        awaitParked(waiter);
        waiter.interrupt();
        // Had lock() given up, the waiter's unlock() would have failed: see assertNoFailure.
        assertTrue(lock.isOwned());
        lock.unlock();
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(flagAfterLock.get(), "lock() must re-assert the interrupt it swallowed");
    }

    @Test
    void acquireWithInterruptAlreadyPendingStillTakesAFreeLock() throws InterruptedException {
        // As CPython: an uncontended acquire never blocks, so it has nothing to interrupt.
        RLock lock = new RLock();
        Thread.currentThread().interrupt();
        try {
            assertTrue(lock.acquire());
        } finally {
            Thread.interrupted();
        }
        assertTrue(lock.isOwned());
    }

    // ---- Condition's protocol -----------------------------------------------------------------

    @Test
    void releaseSaveReleasesEveryLevelAndAcquireRestoreTakesThemBack() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();
        lock.acquire();
        long saved = lock.releaseSave();
        assertEquals(3, saved);
        assertFalse(lock.isOwned());
        assertEquals(0, lock.count());
        lock.acquireRestore(saved);
        assertTrue(lock.isOwned());
        assertEquals(3, lock.recursionCount());
    }

    @Test
    void releaseSaveLetsAnotherThreadIn() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();
        long saved = lock.releaseSave();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean got = new AtomicBoolean();
        Thread other = threads.spawn("other", failure, () -> {
            got.set(lock.acquire(false));
            lock.release();
        });
        joinOrFail(other);
        assertNoFailure(failure);
        assertTrue(got.get());
        lock.acquireRestore(saved);
        assertEquals(2, lock.recursionCount());
    }

    @Test
    void releaseSaveWithoutOwningThrows() {
        RLock lock = new RLock();
        IllegalMonitorStateException e =
                assertThrows(IllegalMonitorStateException.class, lock::releaseSave);
        assertEquals(NOT_OWNED, e.getMessage());
    }

    @Test
    void acquireRestoreRejectsAnImpossibleCount() {
        RLock lock = new RLock();
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> lock.acquireRestore(0));
        assertEquals("invalid recursion count: 0", zero.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> lock.acquireRestore(Integer.MAX_VALUE + 1L));
        assertFalse(lock.isOwned());
    }

    @Test
    void recursionPastIntMaxOverflowsWithCPythonsMessage() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquireRestore(Integer.MAX_VALUE);
        OverflowException e = assertThrows(OverflowException.class, lock::acquire);
        assertEquals("Internal lock count overflowed", e.getMessage());
        assertEquals(Integer.MAX_VALUE, lock.recursionCount(), "the failed acquire changes nothing");
        assertEquals(Integer.MAX_VALUE, lock.releaseSave());
        assertFalse(lock.isOwned());
    }

    // ---- Java idioms ------------------------------------------------------------------------------

    @Test
    void guardsNestAndReleaseInOrder() {
        RLock lock = new RLock();
        try (Guard outer = lock.guard()) {
            try (Guard inner = lock.guard()) {
                assertEquals(2, lock.recursionCount());
            }
            assertEquals(1, lock.recursionCount());
        }
        assertFalse(lock.isOwned());
    }

    @Test
    void guardReleasesWhenBodyThrows() {
        RLock lock = new RLock();
        assertThrows(IllegalStateException.class, () -> {
            try (Guard g = lock.guard()) {
                throw new IllegalStateException("boom");
            }
        });
        assertFalse(lock.isOwned());
        assertEquals(0, lock.count());
    }

    @Test
    void usableThroughJavaUtilConcurrentInterface() throws InterruptedException {
        java.util.concurrent.locks.Lock lock = new RLock();
        lock.lock();
        try {
            assertTrue(lock.tryLock(), "reentrant through the j.u.c interface too");
            lock.unlock();
            assertTrue(lock.tryLock(1, TimeUnit.SECONDS));
            lock.unlock();
        } finally {
            lock.unlock();
        }
        assertFalse(((RLock) lock).isOwned());
    }

    @Test
    void hugeOrNegativeWaitsDoNotOverflow() throws InterruptedException {
        RLock lock = new RLock();
        assertTrue(lock.tryLock(Duration.ofSeconds(Long.MAX_VALUE)));
        assertTrue(lock.tryLock(Long.MAX_VALUE, TimeUnit.DAYS));
        assertTrue(lock.tryLock(Duration.ofSeconds(Long.MIN_VALUE)), "the owner re-enters at once");
        assertEquals(3, lock.recursionCount());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger results = new AtomicInteger();
        Thread other = threads.spawn("other", failure, () -> {
            if (!lock.tryLock(Duration.ofMillis(-1))) {
                results.incrementAndGet();
            }
            if (!lock.tryLock(-5, TimeUnit.SECONDS)) {
                results.incrementAndGet();
            }
        });
        joinOrFail(other);
        assertNoFailure(failure);
        assertEquals(2, results.get(), "negative waits on a held lock must fail without waiting");
    }

    @Test
    void jucConditionSignalWakesAwaiterWithItsRecursionRestored() throws InterruptedException {
        RLock lock = new RLock();
        Condition cond = lock.newCondition();
        AtomicBoolean ready = new AtomicBoolean();
        AtomicInteger levelsAfterAwait = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread awaiter = threads.spawn("awaiter", failure, () -> {
            lock.lock();
            lock.lock();
            try {
                while (!ready.get()) {
                    cond.await();
                }
                levelsAfterAwait.set(lock.recursionCount());
            } finally {
                lock.unlock();
                lock.unlock();
            }
        });
        awaitParked(awaiter);
        TestThreads.awaitTrue(() -> lock.tryLock(), "await() released both levels");
        try {
            ready.set(true);
            cond.signal();
        } finally {
            lock.unlock();
        }
        joinOrFail(awaiter);
        assertNoFailure(failure);
        assertEquals(2, levelsAfterAwait.get(), "await() must restore the recursion level");
        assertEquals(0, lock.count());
    }

    @Test
    void jucConditionTimedAwaitReturnsFalseHoldingTheLock() throws InterruptedException {
        RLock lock = new RLock();
        Condition cond = lock.newCondition();
        lock.lock();
        try {
            assertFalse(cond.await(30, TimeUnit.MILLISECONDS));
            assertTrue(cond.awaitNanos(TimeUnit.MILLISECONDS.toNanos(10)) <= 0);
            assertTrue(lock.isOwned());
            assertEquals(1, lock.recursionCount());
        } finally {
            lock.unlock();
        }
    }

    @Test
    void jucConditionNeedsTheLock() throws InterruptedException {
        RLock lock = new RLock();
        Condition cond = lock.newCondition();
        assertThrows(IllegalMonitorStateException.class, cond::signal);
        assertThrows(IllegalMonitorStateException.class, cond::signalAll);
        assertThrows(IllegalMonitorStateException.class, cond::await);
        assertFalse(lock.isOwned());
        Event letGo = new Event();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread owner = holdInAnotherThread(lock, letGo, failure);
        assertThrows(IllegalMonitorStateException.class, cond::signal,
                "held by another thread is not held");
        letGo.set();
        joinOrFail(owner);
        assertNoFailure(failure);
    }

    @Test
    void jucConditionAwaitIsInterruptibleAndRetakesTheLock() throws InterruptedException {
        RLock lock = new RLock();
        Condition cond = lock.newCondition();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean ownedAfterInterrupt = new AtomicBoolean();
        Thread awaiter = threads.spawn("awaiter", failure, () -> {
            lock.lock();
            try {
                cond.await();
            } finally {
                ownedAfterInterrupt.set(lock.isOwned());
                lock.unlock();
            }
        });
        awaitParked(awaiter);
        awaiter.interrupt();
        joinOrFail(awaiter);
        assertInstanceOf(InterruptedException.class, failure.get());
        assertTrue(ownedAfterInterrupt.get());
        assertEquals(0, lock.count());
    }

    // ---- contention, fork support, misc --------------------------------------------------------

    /** The layout the native glue reads (native-glue/src/fast_methods.c, rlock_state). */
    @Test
    void stateMemoryHoldsTheOwnerWordAndTheCountTheNativeGlueReads() throws InterruptedException {
        RLock lock = new RLock();
        long memory = lock.stateAddress();
        assertEquals(0, OffHeap.loadLong(lock, memory), "free");
        lock.lock();
        lock.lock();
        long mine = Threads.getIdent() << 1;
        assertEquals(mine, OffHeap.loadLong(lock, memory), "owner word: ident << 1, not contended");
        assertEquals(2, OffHeap.loadInt(lock, memory + 8), "count");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = threads.spawn("waiter", failure, () -> {
            lock.lock();
            lock.unlock();
        });
        awaitParked(waiter);
        assertEquals(mine | 1, OffHeap.loadLong(lock, memory), "a parked waiter sets the contended bit");
        lock.unlock();
        assertEquals(1, OffHeap.loadInt(lock, memory + 8));
        lock.unlock();
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertEquals(0, OffHeap.loadLong(lock, memory), "free again once the waiter is done");
        assertEquals(0, OffHeap.loadInt(lock, memory + 8));
    }

    private long counter; // deliberately plain: only the lock makes the increments safe

    @Test
    void contendedRecursiveAcquireCountsExactly() throws Exception {
        RLock lock = new RLock();
        int workers = 4;
        int perThread = 10_000;
        java.util.concurrent.CyclicBarrier gate = new java.util.concurrent.CyclicBarrier(workers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] started = new Thread[workers];
        for (int i = 0; i < workers; i++) {
            started[i] = threads.spawn("worker-" + i, failure, () -> {
                gate.await();
                for (int k = 0; k < perThread; k++) {
                    lock.acquire();
                    lock.acquire();
                    try {
                        counter++;
                    } finally {
                        lock.release();
                        lock.release();
                    }
                }
            });
        }
        for (Thread t : started) {
            joinOrFail(t);
        }
        assertNoFailure(failure);
        assertEquals((long) workers * perThread, counter);
        assertEquals(0, lock.count());
    }

    @Test
    void atForkReinitFreesTheLock() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();
        lock.atForkReinit();
        assertFalse(lock.isOwned());
        assertEquals(0, lock.count());
        assertEquals(0, lock.ownerIdent());
        assertTrue(lock.acquire(false));
        assertEquals(1, lock.recursionCount());
    }

    @Test
    void toStringShowsOwnerAndCount() throws InterruptedException {
        RLock lock = new RLock();
        assertEquals("<unlocked jthreading.RLock object owner=0 count=0>", lock.toString());
        lock.acquire();
        lock.acquire();
        assertEquals("<locked jthreading.RLock object owner=" + Threads.getIdent() + " count=2>",
                lock.toString());
    }

    @Test
    void idsAreDistinct() {
        assertTrue(new RLock().id() != new RLock().id());
    }

    @Test
    void usableAsConditionLock() {
        ConditionLock lock = new RLock();
        assertFalse(lock.isOwned());
        try (Guard g = lock.guard()) {
            assertTrue(lock.isOwned());
        }
        assertFalse(lock.isOwned());
    }

    /** A failed non-blocking try must not set the contended bit: nobody will park. */
    @Test
    void failedTriesLeaveTheOwnerWordUncontended() throws Exception {
        RLock lock = new RLock();
        long memory = lock.stateAddress();
        lock.lock();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread poller = threads.spawn("poller", failure, () -> {
            assertFalse(lock.tryLock());
            assertFalse(lock.acquire(false));
            assertFalse(lock.tryLock(Duration.ZERO));
        });
        joinOrFail(poller);
        assertNoFailure(failure);
        assertEquals(Threads.getIdent() << 1, OffHeap.loadLong(lock, memory), "no contended bit");
        lock.unlock();
    }
}
