package io.jthreading;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

import io.jthreading.internal.Held;
import io.jthreading.internal.PrimitiveIds;
import io.jthreading.internal.RLockSync;

/**
 * Python's {@code threading.RLock} (a {@code _thread.RLock}), shared by Java and Python.
 *
 * <p>Reentrant and owned: only the thread that holds it may release it, once per acquire. It is
 * also a {@link java.util.concurrent.locks.Lock} (like {@code ReentrantLock}); {@link #guard()}
 * gives try-with-resources. Releasing without owning throws {@link IllegalMonitorStateException}
 * ("cannot release un-acquired lock", a {@code RuntimeError} in Python).
 */
public final class RLock implements java.util.concurrent.locks.Lock, ConditionLock, Held {
    private static final String NOT_OWNED = "cannot release un-acquired lock";

    private final RLockSync sync = new RLockSync(this);
    private final long id = PrimitiveIds.next();

    // ---- Python's API -------------------------------------------------------------------

    /** {@code acquire()}: waits as long as it takes; always {@code true}. */
    @Override
    public boolean acquire() throws InterruptedException {
        return sync.acquireWithin(Timeouts.FOREVER);
    }

    /** {@code acquire(blocking)}. */
    public boolean acquire(boolean blocking) throws InterruptedException {
        return acquireNanos(blocking, Timeouts.UNSET_NANOS);
    }

    /** {@code acquire(blocking, timeout)} with CPython's rules; -1 means no timeout. */
    public boolean acquire(boolean blocking, double timeoutSeconds) throws InterruptedException {
        return acquireNanos(blocking, Timeouts.secondsToNanos(timeoutSeconds));
    }

    /** {@code acquire(blocking, timeout)}, the timeout in CPython's nanoseconds (Python's entry). */
    public boolean acquireNanos(boolean blocking, long timeoutNanos) throws InterruptedException {
        return sync.acquireWithin(Timeouts.lockWaitNanos(blocking, timeoutNanos));
    }

    /** {@code release()}: one level; only the owner may. */
    @Override
    public void release() {
        if (!sync.releaseOnce()) {
            throw new IllegalMonitorStateException(NOT_OWNED);
        }
    }

    /** {@code _is_owned()}: held by the calling thread. */
    @Override
    public boolean isOwned() {
        return sync.isOwnedByCurrentThread();
    }

    /** {@code _recursion_count()}: the calling thread's levels (0 if it does not own it). */
    public int recursionCount() {
        return sync.countIfOwned();
    }

    /** {@code _release_save()}: releases every level; returns the count. */
    @Override
    public long releaseSave() {
        long count = sync.releaseAll();
        if (count < 0) {
            throw new IllegalMonitorStateException(NOT_OWNED);
        }
        return count;
    }

    /** {@code _acquire_restore(state)}: takes the lock back with {@code count} levels. */
    @Override
    public void acquireRestore(long count) {
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid recursion count: " + count);
        }
        sync.restore((int) count);
    }

    /** The owner's ident ({@link Threads#identOf}), 0 when free: as CPython's repr shows it. */
    public long ownerIdent() {
        return sync.ownerIdent();
    }

    /** Levels held by the owner, whoever it is (for repr). */
    public int count() {
        return sync.count();
    }

    /** {@code _at_fork_reinit()}. */
    public void atForkReinit() {
        sync.reinitialize();
    }

    // ---- Java idioms ----------------------------------------------------------------------

    /** Waits (uninterruptibly) for the lock and returns a guard that releases it. */
    @Override
    public Guard guard() {
        lock();
        return this::unlock;
    }

    /** Waits up to {@code timeout}; {@code true} if acquired. */
    public boolean tryLock(Duration timeout) throws InterruptedException {
        return sync.acquireWithin(Math.max(0, Timeouts.durationToNanos(timeout)));
    }

    @Override
    public void lock() {
        sync.lockUninterruptibly();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        sync.acquireWithin(Timeouts.FOREVER);
    }

    @Override
    public boolean tryLock() {
        return sync.tryLock();
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return sync.acquireWithin(Math.max(0, unit.toNanos(time)));
    }

    @Override
    public void unlock() {
        release();
    }

    /** A java.util.concurrent {@link Condition} (like ReentrantLock's); see also {@link io.jthreading.Condition}. */
    @Override
    public Condition newCondition() {
        return sync.newCondition();
    }

    /** Its owner, if any. */
    @Override
    public long[] holderIdents() {
        long owner = ownerIdent();
        return owner != 0 ? new long[] {owner} : Held.NONE;
    }

    // ---- Bridge support ---------------------------------------------------------------------

    /** The address of the off-heap state (see {@link RLockSync}), for the native fast path. */
    public long stateAddress() {
        return sync.address();
    }

    /** A process-unique id: the Python side keeps one Python object per id. */
    public long id() {
        return id;
    }

    @Override
    public String toString() {
        long owner = ownerIdent();
        return "<" + (owner == 0 ? "unlocked" : "locked") + " jthreading.RLock object owner="
                + owner + " count=" + count() + ">";
    }
}
