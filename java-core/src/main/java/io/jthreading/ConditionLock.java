package io.jthreading;

/**
 * What a {@link Condition} needs from its lock: CPython's private protocol
 * ({@code _is_owned}, {@code _release_save}, {@code _acquire_restore}).
 * {@link Lock} and {@link RLock} implement it; Java code may implement it for its own locks.
 */
public interface ConditionLock {
    /** {@code acquire()}: waits until held; interruptible. */
    boolean acquire() throws InterruptedException;

    /** {@code release()}. */
    void release();

    /** {@code _is_owned()}: does the calling thread hold it (a plain Lock: does anyone)? */
    boolean isOwned();

    /** {@code _release_save()}: releases completely; returns what {@link #acquireRestore} needs. */
    long releaseSave();

    /** {@code _acquire_restore(state)}: takes the lock back as it was; uninterruptible. */
    void acquireRestore(long saved);

    /** Waits (uninterruptibly) for the lock and returns a guard that releases it. */
    Guard guard();
}
