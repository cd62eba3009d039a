package io.jthreading;

import java.time.Duration;

import io.jthreading.internal.Held;
import io.jthreading.internal.PrimitiveIds;
import io.jthreading.internal.SemaphoreSync;

/**
 * Python's {@code threading.Semaphore}, shared by Java and Python: a counter that
 * {@code acquire} decrements (waiting while it is 0) and {@code release(n)} increments.
 * Release may exceed the initial value; see {@link BoundedSemaphore} for the checked kind.
 *
 * <p>Errors carry CPython's messages as {@link IllegalArgumentException} ({@code ValueError} in
 * Python): "semaphore initial value must be >= 0", "n must be one or more",
 * "can't specify timeout for non-blocking acquire".
 */
public class Semaphore implements Held {
    final SemaphoreSync sync;
    private final long id = PrimitiveIds.next();

    /** {@code Semaphore()}: one permit. */
    public Semaphore() {
        this(1);
    }

    /** {@code Semaphore(value)}. */
    public Semaphore(long value) {
        this(value, SemaphoreSync.UNBOUNDED);
    }

    Semaphore(long value, long bound) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0");
        }
        sync = new SemaphoreSync(value, bound, this);
    }

    // ---- Python's API -------------------------------------------------------------------

    /** {@code acquire()}: waits for a permit; {@code true}. */
    public boolean acquire() throws InterruptedException {
        return sync.takeWithin(Timeouts.FOREVER);
    }

    /**
     * {@code acquire(blocking, timeout)} (Python's entry): {@code hasTimeout} says whether a
     * timeout was given; {@code timeoutNanos} is {@link Timeouts#FOREVER}, or not positive for
     * "give up at once", or a positive wait.
     */
    public boolean acquire(boolean blocking, boolean hasTimeout, long timeoutNanos)
            throws InterruptedException {
        if (!blocking && hasTimeout) {
            throw new IllegalArgumentException("can't specify timeout for non-blocking acquire");
        }
        if (!blocking) {
            return sync.tryTake();
        }
        return sync.takeWithin(hasTimeout ? timeoutNanos : Timeouts.FOREVER);
    }

    /** Non-blocking {@code acquire(False)}. */
    public boolean tryAcquire() {
        return sync.tryTake();
    }

    /** Waits up to {@code timeout}; {@code true} if a permit was taken. */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return sync.takeWithin(Math.max(0, Timeouts.durationToNanos(timeout)));
    }

    /** {@code release()}. */
    public void release() {
        release(1);
    }

    /** {@code release(n)}: adds {@code n} permits, waking as many waiters. */
    public void release(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be one or more");
        }
        sync.give(n);
    }

    /** Python's {@code _value}: the permits available now. */
    public long value() {
        return sync.permits();
    }

    /** Waits (uninterruptibly) for a permit and returns a guard that gives it back. */
    public Guard guard() {
        sync.takeUninterruptibly();
        return this::release;
    }

    /**
     * The threads holding its permits where Java saw the take: with the native fast path, a
     * Python thread's uncontended take happens in C, unseen (see SemaphoreHolders).
     */
    @Override
    public long[] holderIdents() {
        return sync.holderIdents();
    }

    /** The address of the off-heap state (see {@link SemaphoreSync}), for the native fast path. */
    public long stateAddress() {
        return sync.address();
    }

    /**
     * For the native fast path only: wakes queued acquirers after C added permits without Java
     * and then saw that some may be parked. Changes no count; harmless when nobody waits.
     */
    public void wakeWaiters() {
        sync.wakeWaiters();
    }

    /** A process-unique id: the Python side keeps one Python object per id. */
    public long id() {
        return id;
    }

    @Override
    public String toString() {
        return "<jthreading.Semaphore: value=" + value() + ">";
    }
}
