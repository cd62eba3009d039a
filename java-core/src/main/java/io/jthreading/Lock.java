package io.jthreading;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

import io.jthreading.internal.Held;
import io.jthreading.internal.LockSync;
import io.jthreading.internal.PrimitiveIds;

/**
 * Python's {@code threading.Lock} (a {@code _thread.lock}), shared by Java and Python.
 *
 * <p>Not reentrant and not owned: any thread may release it, as in CPython. It is also a
 * {@link java.util.concurrent.locks.Lock}, so Java code that takes one accepts it; from Java,
 * {@link #guard()} gives try-with-resources.
 *
 * <p>Errors carry CPython's messages: releasing an unlocked lock throws
 * {@link IllegalMonitorStateException} ("release unlocked lock", a {@code RuntimeError} in
 * Python); bad timeouts throw {@link IllegalArgumentException} ({@code ValueError}) or
 * {@link OverflowException} ({@code OverflowError}).
 */
public final class Lock implements java.util.concurrent.locks.Lock, ConditionLock, Held {
    private final LockSync sync = new LockSync(this);
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

    /**
     * {@code acquire(blocking, timeout)} with the timeout already converted to CPython's
     * nanoseconds ({@link Timeouts#UNSET_NANOS} for none). The Python façade calls this one.
     */
    public boolean acquireNanos(boolean blocking, long timeoutNanos) throws InterruptedException {
        return sync.acquireWithin(Timeouts.lockWaitNanos(blocking, timeoutNanos));
    }

    /** {@code release()}: any thread may release; unlocked -> "release unlocked lock". */
    @Override
    public void release() {
        if (!sync.unlock()) {
            throw new IllegalMonitorStateException("release unlocked lock");
        }
    }

    /** {@code locked()}. */
    public boolean locked() {
        return sync.isLocked();
    }

    /** CPython's {@code Condition(Lock())} quirk: a plain lock is "owned" when anyone holds it. */
    @Override
    public boolean isOwned() {
        return locked();
    }

    /** A plain lock has no state to save: releases it. */
    @Override
    public long releaseSave() {
        release();
        return 0;
    }

    @Override
    public void acquireRestore(long ignored) {
        lock();
    }

    /** {@code _at_fork_reinit()}: back to unlocked, whoever held it. */
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
        return sync.tryLock(time, unit);
    }

    @Override
    public void unlock() {
        release();
    }

    /**
     * A {@link Condition} over this lock. As with CPython's {@code Condition(Lock())}, "held" means
     * "locked by anyone", because a plain lock has no owner.
     */
    @Override
    public Condition newCondition() {
        return sync.newCondition();
    }

    /** Its last acquirer while it is locked (a plain lock has no owner: see {@link LockSync}). */
    @Override
    public long[] holderIdents() {
        long acquirer = sync.lastAcquirer();
        return acquirer != 0 && sync.isLocked() ? new long[] {acquirer} : Held.NONE;
    }

    // ---- Bridge support ---------------------------------------------------------------------

    /** The address of the off-heap state word (see {@link LockSync}), for the native fast path. */
    public long stateAddress() {
        return sync.word().address();
    }

    /** A process-unique id: the Python side keeps one Python object per id. */
    public long id() {
        return id;
    }

    @Override
    public String toString() {
        return "<" + (locked() ? "locked" : "unlocked") + " jthreading.Lock object>";
    }
}
