package io.jthreading;

import java.time.Duration;

import io.jthreading.internal.EventSync;
import io.jthreading.internal.PrimitiveIds;

/**
 * Python's {@code threading.Event}, shared by Java and Python.
 *
 * <p>{@code wait} is spelt {@link #await} in Java ({@code Object.wait} is taken). Like CPython,
 * {@code set()} and {@code clear()} run under an internal lock ({@code _cond}'s lock in Python),
 * so a thread holding that lock holds them off; {@link #isSet()} and waiting never take it.
 */
public final class Event {
    private final EventSync sync = new EventSync(this);
    private final Lock guard = new Lock();
    private final long id = PrimitiveIds.next();

    /** {@code is_set()}. */
    public boolean isSet() {
        return sync.isSet();
    }

    /** {@code set()}: wakes every waiter. */
    public void set() {
        guard.lock();
        try {
            sync.set();
        } finally {
            guard.unlock();
        }
    }

    /** {@code clear()}. */
    public void clear() {
        guard.lock();
        try {
            sync.clear();
        } finally {
            guard.unlock();
        }
    }

    /** {@code wait()}: blocks until set; returns {@code true}. */
    public boolean await() throws InterruptedException {
        return sync.await(Timeouts.FOREVER);
    }

    /** {@code wait(timeout)} with CPython's rules: a timeout that is not positive does not block. */
    public boolean await(double timeoutSeconds) throws InterruptedException {
        if (isSet()) {
            return true; // CPython checks the flag before it looks at the timeout
        }
        return awaitNanos(timeoutSeconds > 0 ? Timeouts.secondsToNanos(timeoutSeconds) : 0);
    }

    /** Waits until set, ignoring interrupts (the interrupt status is kept). */
    public void awaitUninterruptibly() {
        sync.awaitUninterruptibly();
    }

    /** Waits up to {@code timeout}; {@code true} if the event was set. */
    public boolean await(Duration timeout) throws InterruptedException {
        return sync.await(Math.max(0, Timeouts.durationToNanos(timeout)));
    }

    /**
     * {@code wait(timeout)} with the timeout already converted to CPython's nanoseconds; the
     * Python façade calls this one. Not positive: no wait. Too large: OverflowError's message.
     */
    public boolean awaitNanos(long timeoutNanos) throws InterruptedException {
        long waitNanos = timeoutNanos > 0 ? Timeouts.lockWaitNanos(true, timeoutNanos) : 0;
        return sync.await(waitNanos);
    }

    /** The lock {@code set()} and {@code clear()} hold (Python's {@code _cond} lock). */
    public Lock conditionLock() {
        return guard;
    }

    /** {@code _at_fork_reinit()}: a fresh internal lock; the flag stays as it was (CPython). */
    public void atForkReinit() {
        guard.atForkReinit();
    }

    /** The address of the off-heap state word (see {@link EventSync}), for the native fast path. */
    public long stateAddress() {
        return sync.word().address();
    }

    /** A process-unique id: the Python side keeps one Python object per id. */
    public long id() {
        return id;
    }

    @Override
    public String toString() {
        return "<jthreading.Event: " + (isSet() ? "set" : "unset") + ">";
    }
}
