package io.jthreading.internal;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

import io.jthreading.Timeouts;

/**
 * An exclusive lock whose state lives outside AQS (in memory the native glue shares), with AQS
 * as its wait queue: {@link LockSync} and {@link RLockSync}. CPython's rules for how long an
 * acquire waits live here once; the subclasses say how one try takes the state.
 */
public abstract class QueuedLock extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;

    /** The public object this lock is the state of: what a waiter is recorded as waiting on. */
    private final transient Object primitive;

    protected QueuedLock(Object primitive) {
        this.primitive = primitive;
    }

    /**
     * One try, no queue, as C does it. Unlike {@link #tryAcquire}, which AQS also runs for
     * threads about to park, a failed try marks nothing: nobody will park, so polling does not
     * push the owner's release into Java.
     */
    public abstract boolean tryLock();

    /** Waits as {@link Timeouts#lockWaitNanos} says; interruptible. */
    public final boolean acquireWithin(long waitNanos) throws InterruptedException {
        if (tryLock()) {
            return true;
        }
        if (waitNanos == 0) {
            return false;
        }
        Waits.Wait wait = Waits.enter(primitive, "acquire");
        try {
            if (Timeouts.isEffectivelyForever(waitNanos)) {
                acquireInterruptibly(1);
                return true;
            }
            return tryAcquireNanos(1, waitNanos);
        } finally {
            Waits.exit(wait);
        }
    }

    /** Waits as long as it takes, ignoring interrupts (they stay pending). */
    public final void lockUninterruptibly() {
        if (!tryLock()) {
            Waits.Wait wait = Waits.enter(primitive, "acquire");
            try {
                acquire(1);
            } finally {
                Waits.exit(wait);
            }
        }
    }

    /** {@link #acquire} of {@code levels} at once, recorded as a wait (it may park). */
    protected final void acquireRecorded(int levels) {
        Waits.Wait wait = Waits.enter(primitive, "acquire");
        try {
            acquire(levels);
        } finally {
            Waits.exit(wait);
        }
    }
}
