package io.jthreading.distributed;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

import io.jthreading.Guard;
import io.jthreading.Timeouts;

/**
 * What {@link DistributedLock} and {@link DistributedRLock} share: the Python-style API on top of
 * one method, {@link #acquireWithin(long)}, and the {@link java.util.concurrent.locks.Lock} face
 * for Java code that takes a Lock.
 */
public abstract sealed class DistributedLockBase implements java.util.concurrent.locks.Lock
        permits DistributedLock, DistributedRLock {
    final Coordinator coordinator;
    final String path;
    final String name;

    DistributedLockBase(Coordinator coordinator, String path, String name) {
        this.coordinator = coordinator;
        this.path = path;
        this.name = name;
    }

    /** Waits {@code waitNanos} ({@link Timeouts#FOREVER}: as long as it takes; 0: a try). */
    abstract boolean acquireWithin(long waitNanos) throws InterruptedException;

    /** {@code release()}; throws {@link SessionLostException} if the holding was lost. */
    public abstract void release();

    /** Held by the calling thread (RLock) or by this process (Lock): {@code _is_owned()}. */
    public abstract boolean isOwned();

    /** The fencing token of this process's current holding (see {@link Holding}). */
    public abstract long fencingToken();

    /** Throws {@link SessionLostException} if this process's holding was lost with its session. */
    public abstract void check();

    /** Gives the lock up entirely for a Condition wait; returns what {@link #acquireRestore} needs. */
    abstract long releaseSave();

    abstract void acquireRestore(long saved) throws InterruptedException;

    /** Whether any process holds it. */
    public abstract boolean locked();

    Coordinator coordinator() {
        return coordinator;
    }

    public String name() {
        return name;
    }

    // ---- Python's API -------------------------------------------------------------------

    /** {@code acquire()}: waits as long as it takes. */
    public boolean acquire() throws InterruptedException {
        return acquireWithin(Timeouts.FOREVER);
    }

    /** {@code acquire(blocking, timeout)} with CPython's checks; nanoseconds, UNSET_NANOS for none. */
    public boolean acquireNanos(boolean blocking, long timeoutNanos) throws InterruptedException {
        return acquireWithin(Timeouts.lockWaitNanos(blocking, timeoutNanos));
    }

    /** Try-with-resources: {@code try (Guard g = lock.guard()) { ... }}. */
    public Guard guard() throws InterruptedException {
        acquire();
        return this::release;
    }

    public boolean tryLock(Duration timeout) throws InterruptedException {
        return acquireWithin(Timeouts.javaWaitNanos(Timeouts.durationToNanos(timeout)));
    }

    // ---- java.util.concurrent.locks.Lock ------------------------------------------------

    @Override
    public void lock() {
        ZooKeeperCalls.uninterruptibly(this::acquire);
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        acquire();
    }

    @Override
    public boolean tryLock() {
        try {
            return acquireWithin(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return acquireWithin(Timeouts.javaWaitNanos(unit.toNanos(time)));
    }

    @Override
    public void unlock() {
        release();
    }

    /** Distributed conditions are named: {@code coordinator.condition(name, lock)}. */
    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException(
                "a distributed condition needs a name: use coordinator.condition(name, lock)");
    }
}
