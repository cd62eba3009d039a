package io.jthreading.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.Condition;

import io.jthreading.OverflowException;
import io.jthreading.Threads;
import io.jthreading.Timeouts;

/**
 * The state machine of a reentrant lock (CPython's {@code _thread.RLock}).
 *
 * <p>The state lives in off-heap memory ({@link OffHeap}), not in AQS, so that the native glue can take
 * and give uncontended levels without entering Java; AQS is used only for its wait queue (the
 * same scheme as {@link LockSync}).
 * <pre>
 *   owner word: FREE (0) | (ident &lt;&lt; 1) | CONTENDED bit      count: levels held by the owner
 *   FREE --acquire by T--> (T, 1) --acquire by T--> (T, n+1) --release by T--> (T, n) ... FREE
 *   (T, n) --another thread is about to park--> (T | CONTENDED, n)
 * </pre>
 * The owner is named by its ident (the Java thread id, {@link Threads#identOf}), which the native
 * glue also knows: every Python thread that touches jthreading is a Java thread.
 * Invariants:
 * <ul>
 * <li>Only the owner writes the count. It becomes 0 before the owner word becomes FREE, and the
 *     next owner writes its count after taking the word.</li>
 * <li>A thread parks only after it has seen the CONTENDED bit (it sets it itself, and AQS re-runs
 *     {@link #tryAcquire} after publishing its node before parking).</li>
 * <li>An owner word with the CONTENDED bit becomes FREE only through {@link #tryRelease}, whose
 *     {@code true} makes AQS wake the next waiter. Without the bit, the last level may be given
 *     back without Java (the native fast path) because nobody is parked.</li>
 * <li>A thread that takes the lock while others are queued sets the bit, so that its own release
 *     wakes the next one; a condition's signal (which queues a waiter without waking it) too.</li>
 * </ul>
 */
public final class RLockSync extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;

    static final long FREE = 0;
    static final long CONTENDED = 1;

    // The memory's layout (C: rlock_state in native-glue/src/fast_methods.c).
    private static final int OWNER = 0;  // long: FREE or ident << 1 | CONTENDED bit
    private static final int COUNT = 8;  // int: levels, written only by the owner
    private static final int SIZE = 16;

    private final transient long state = OffHeap.allocate(this, SIZE);

    private static long ownerWordOf(Thread thread) {
        return Threads.identOf(thread) << 1;
    }

    /** The state's address, for the native glue (valid while this object is reachable). */
    public long address() {
        return state;
    }

    /** Waits as {@link Timeouts#lockWaitNanos} says; interruptible. */
    public boolean acquireWithin(long waitNanos) throws InterruptedException {
        if (tryAcquire(1)) {
            return true;
        }
        if (waitNanos == 0) {
            return false;
        }
        if (Timeouts.isEffectivelyForever(waitNanos)) {
            acquireInterruptibly(1);
            return true;
        }
        return tryAcquireNanos(1, waitNanos);
    }

    /** One try, no queue. */
    public boolean tryLock() {
        return tryAcquire(1);
    }

    /** Releases one level; {@code false} if the caller does not own the lock. */
    public boolean releaseOnce() {
        if (!isHeldExclusively()) {
            return false;
        }
        release(1);
        return true;
    }

    /** Releases every level at once (Condition's {@code _release_save}); the count, or -1 if not owned. */
    public long releaseAll() {
        if (!isHeldExclusively()) {
            return -1;
        }
        int count = OffHeap.loadInt(state + COUNT);
        release(count);
        return count;
    }

    /** Takes the lock back with a saved count (Condition's {@code _acquire_restore}); uninterruptible. */
    public void restore(int count) {
        acquire(count);
    }

    public boolean isOwnedByCurrentThread() {
        return isHeldExclusively();
    }

    /** The owner's levels, read by any thread (for repr: may be stale, as CPython's is). */
    public int count() {
        return OffHeap.loadLong(state + OWNER) == FREE ? 0 : OffHeap.loadInt(state + COUNT);
    }

    public int countIfOwned() {
        return isHeldExclusively() ? OffHeap.loadInt(state + COUNT) : 0;
    }

    /** The owner's ident, 0 when free. */
    public long ownerIdent() {
        return OffHeap.loadLong(state + OWNER) >>> 1;
    }

    /** After fork only the forking thread exists: free, no owner. */
    public void reinitialize() {
        OffHeap.storeInt(state + COUNT, 0);
        OffHeap.storeLong(state + OWNER, FREE);
    }

    @Override
    protected boolean tryAcquire(int levels) {
        long mine = ownerWordOf(Thread.currentThread());
        for (;;) {
            long owner = OffHeap.loadLong(state + OWNER);
            if (owner == FREE) {
                long taken = hasQueuedThreads() ? mine | CONTENDED : mine;
                if (OffHeap.compareAndSetLong(state + OWNER, FREE, taken)) {
                    OffHeap.storeIntRelease(state + COUNT, levels); // only the owner writes the count
                    return true;
                }
            } else if ((owner & ~CONTENDED) == mine) {
                int next = OffHeap.loadInt(state + COUNT) + levels;
                if (next < 0) {
                    throw new OverflowException("Internal lock count overflowed");
                }
                OffHeap.storeIntRelease(state + COUNT, next);
                return true;
            } else if ((owner & CONTENDED) != 0
                    || OffHeap.compareAndSetLong(state + OWNER, owner, owner | CONTENDED)) {
                return false; // AQS parks us (after one more try): the bit makes the owner wake us
            }
        }
    }

    /** Called by the owner only (the public methods and AQS's conditions check first). */
    @Override
    protected boolean tryRelease(int levels) {
        int next = OffHeap.loadInt(state + COUNT) - levels;
        OffHeap.storeIntRelease(state + COUNT, next); // published by the volatile store below when it is 0
        if (next > 0) {
            return false;
        }
        OffHeap.storeLong(state + OWNER, FREE); // only the CONTENDED bit can change under us: it is cleared too
        return true;
    }

    @Override
    protected boolean isHeldExclusively() {
        return (OffHeap.loadLong(state + OWNER) & ~CONTENDED) == ownerWordOf(Thread.currentThread());
    }

    /** Marks the owner word contended (the caller owns the lock; others may set the bit too). */
    private void markContended() {
        long owner = OffHeap.loadLong(state + OWNER);
        while ((owner & CONTENDED) == 0 && !OffHeap.compareAndSetLong(state + OWNER, owner, owner | CONTENDED)) {
            owner = OffHeap.loadLong(state + OWNER);
        }
    }

    public Condition newCondition() {
        return new CountSavingCondition(new ConditionObject());
    }

    /**
     * AQS's condition over this lock, with two duties: AQS saves the lock's state around
     * {@code await} by reading AQS's own int, so it is set to the owner's count first (the caller
     * owns the lock: the count is stable); and {@code signal} moves a waiter into the lock's queue
     * without waking it, so it marks the owner word contended to keep the release in Java.
     */
    private final class CountSavingCondition implements Condition {
        private final ConditionObject condition;

        CountSavingCondition(ConditionObject condition) {
            this.condition = condition;
        }

        private void saveCount() {
            if (isHeldExclusively()) {
                setState(OffHeap.loadInt(state + COUNT));
            }
        }

        @Override
        public void signal() {
            condition.signal();
            markContended();
        }

        @Override
        public void signalAll() {
            condition.signalAll();
            markContended();
        }

        @Override
        public void await() throws InterruptedException {
            saveCount();
            condition.await();
        }

        @Override
        public void awaitUninterruptibly() {
            saveCount();
            condition.awaitUninterruptibly();
        }

        @Override
        public long awaitNanos(long nanosTimeout) throws InterruptedException {
            saveCount();
            return condition.awaitNanos(nanosTimeout);
        }

        @Override
        public boolean await(long time, TimeUnit unit) throws InterruptedException {
            saveCount();
            return condition.await(time, unit);
        }

        @Override
        public boolean awaitUntil(java.util.Date deadline) throws InterruptedException {
            saveCount();
            return condition.awaitUntil(deadline);
        }
    }
}
