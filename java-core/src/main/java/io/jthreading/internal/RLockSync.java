package io.jthreading.internal;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.Condition;

import io.jthreading.OverflowException;
import io.jthreading.Timeouts;

/**
 * The state machine of a reentrant lock (CPython's {@code _thread.RLock}).
 * <pre>
 *   state = recursion count (0: free), owner = the Java thread holding it
 *   free --acquire by T--> (1, T) --acquire by T--> (n+1, T) --release by T--> (n-1, T) ... (0, -)
 * </pre>
 * Every Python thread that touches jthreading is a Java thread (Jep attaches it), so the Java
 * thread identifies the owner for callers in both languages. Only the owner may release.
 */
public final class RLockSync extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;

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
        int count = getState();
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

    public int count() {
        return getState();
    }

    public int countIfOwned() {
        return isHeldExclusively() ? getState() : 0;
    }

    public Thread owner() {
        return getExclusiveOwnerThread();
    }

    /** After fork only the forking thread exists: free, no owner. */
    public void reinitialize() {
        setExclusiveOwnerThread(null);
        setState(0);
    }

    @Override
    protected boolean tryAcquire(int levels) {
        Thread current = Thread.currentThread();
        int count = getState();
        if (count == 0) {
            if (compareAndSetState(0, levels)) {
                setExclusiveOwnerThread(current);
                return true;
            }
            return false;
        }
        if (getExclusiveOwnerThread() == current) {
            int next = count + levels;
            if (next < 0) {
                throw new OverflowException("Internal lock count overflowed");
            }
            setState(next); // only the owner writes while owned
            return true;
        }
        return false;
    }

    @Override
    protected boolean tryRelease(int levels) {
        int next = getState() - levels;
        if (next == 0) {
            setExclusiveOwnerThread(null);
        }
        setState(next);
        return next == 0;
    }

    @Override
    protected boolean isHeldExclusively() {
        return getExclusiveOwnerThread() == Thread.currentThread();
    }

    public Condition newCondition() {
        return new ConditionObject();
    }
}
