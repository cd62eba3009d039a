package io.jthreading.internal;

import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;

import io.jthreading.OverflowException;
import io.jthreading.Timeouts;

/**
 * The state machine of a counting semaphore: state = available permits (never negative).
 * Acquire takes one permit if there is one, else queues (AQS shared mode); release adds
 * {@code n} and wakes queued acquirers. Like CPython's, it is not fair: an arriving acquirer
 * may take a permit before queued ones. A bounded semaphore refuses a release that would pass
 * its bound, before changing anything (CPython's "no partial release").
 */
public final class SemaphoreSync extends AbstractQueuedLongSynchronizer {
    private static final long serialVersionUID = 1L;

    /** No bound (a plain Semaphore). */
    public static final long UNBOUNDED = -1;

    private final long bound;

    public SemaphoreSync(long permits, long bound) {
        setState(permits);
        this.bound = bound;
    }

    public long permits() {
        return getState();
    }

    public boolean tryTake() {
        return tryAcquireShared(1) >= 0;
    }

    /** Waits up to {@code waitNanos} ({@link Timeouts#FOREVER}: no limit; not positive: no wait). */
    public boolean takeWithin(long waitNanos) throws InterruptedException {
        if (tryTake()) {
            return true;
        }
        if (Timeouts.isEffectivelyForever(waitNanos)) {
            acquireSharedInterruptibly(1);
            return true;
        }
        return waitNanos > 0 && tryAcquireSharedNanos(1, waitNanos);
    }

    public void takeUninterruptibly() {
        acquireShared(1);
    }

    public void give(long n) {
        releaseShared(n);
    }


    @Override
    protected long tryAcquireShared(long one) {
        for (;;) {
            long available = getState();
            if (available == 0) {
                return -1;
            }
            if (compareAndSetState(available, available - 1)) {
                return available - 1;
            }
        }
    }

    @Override
    protected boolean tryReleaseShared(long n) {
        for (;;) {
            long available = getState();
            if (bound != UNBOUNDED && n > bound - available) { // first, as CPython checks it
                throw new IllegalArgumentException("Semaphore released too many times");
            }
            long next = available + n;
            if (next < 0) {
                throw new OverflowException("semaphore value does not fit a 64-bit integer");
            }
            if (compareAndSetState(available, next)) {
                return true;
            }
        }
    }
}
