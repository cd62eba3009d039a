package io.jthreading.internal;

import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;

import io.jthreading.OverflowException;
import io.jthreading.Threads;
import io.jthreading.Timeouts;

/**
 * The state machine of a counting semaphore: available permits (never negative) in off-heap
 * memory ({@link OffHeap}), so that the native glue can take and give permits without
 * entering Java; AQS (shared mode) is used only for its wait queue.
 * <pre>
 *   PERMITS (long)  --acquire: p > 0 ? p - 1 : queue and park--  --release(n): p + n, wake--
 *   WAITERS (int)   1 once an acquirer found no permit and may park; 0 after a release woke one
 *   TRACKED (int)   holdings {@link SemaphoreHolders} names: while not 0, C gives no permit back
 *   BOUND (long)    the bound of a BoundedSemaphore, UNBOUNDED (-1) otherwise; never changes
 * </pre>
 * Like CPython's, it is not fair: an arriving acquirer may take a permit before queued ones. A
 * bounded semaphore refuses a release that would pass its bound, before changing anything
 * (CPython's "no partial release").
 *
 * <p>Invariants (what lets C release without waking anyone):
 * <ul>
 * <li>An acquirer sets WAITERS, then looks at PERMITS once more, before AQS parks it. A release
 *     adds to PERMITS, then looks at WAITERS (in C; Java always wakes). With sequentially
 *     consistent atomics, one of the two sees the other: the acquirer takes the permit, or the
 *     releaser wakes the queue.</li>
 * <li>Only a release that wakes the queue clears WAITERS. The thread it wakes either takes a
 *     permit, and then AQS wakes the next shared waiter too, or fails and sets WAITERS again:
 *     while a thread is parked, WAITERS is set or a queued thread is awake and will set it.</li>
 * </ul>
 */
public final class SemaphoreSync extends AbstractQueuedLongSynchronizer {
    private static final long serialVersionUID = 1L;

    /** No bound (a plain Semaphore). */
    public static final long UNBOUNDED = -1;

    // The memory's layout (C: semaphore_state in native-glue/src/fast_methods.c).
    private static final int PERMITS = 0;
    private static final int WAITERS = 8;
    private static final int TRACKED = 12;
    private static final int BOUND = 16;
    // 24: the native glue's Python peer slot (see SharedWord.PYTHON_PEER)
    private static final int SIZE = 32;

    private final transient long state = OffHeap.allocate(this, SIZE);

    /** The public semaphore: what its waiters are recorded as waiting on. */
    private final transient Object primitive;
    private final transient SemaphoreHolders holders = new SemaphoreHolders();

    public SemaphoreSync(long permits, long bound, Object primitive) {
        this.primitive = primitive;
        OffHeap.storeLong(this, state + PERMITS, permits);
        OffHeap.storeLong(this, state + BOUND, bound);
    }

    /** The state's address, for the native glue (valid while this object is reachable). */
    public long address() {
        return state;
    }

    public long permits() {
        return OffHeap.loadLong(this, state + PERMITS);
    }

    /** Takes a permit if one is free; never queues or marks waiters. */
    public boolean tryTake() {
        return takeOne() >= 0 && took();
    }

    /** The threads holding permits, where Java saw them take one (see {@link SemaphoreHolders}). */
    public long[] holderIdents() {
        return holders.idents();
    }

    private boolean took() {
        if (holders.took(Threads.identOf(Thread.currentThread()))) {
            addTracked(1);
        }
        return true;
    }

    private void gave(long n) {
        int forgotten = holders.gave(Threads.identOf(Thread.currentThread()), n);
        if (forgotten > 0) {
            addTracked(-forgotten);
        }
    }

    private void addTracked(int delta) {
        int tracked;
        do {
            tracked = OffHeap.loadInt(this, state + TRACKED);
        } while (!OffHeap.compareAndSetInt(this, state + TRACKED, tracked, tracked + delta));
    }

    /** Waits up to {@code waitNanos} ({@link Timeouts#FOREVER}: none; not positive: no wait). */
    public boolean takeWithin(long waitNanos) throws InterruptedException {
        if (tryTake()) {
            return true;
        }
        if (!Timeouts.isEffectivelyForever(waitNanos) && waitNanos <= 0) {
            return false;
        }
        Waits.Wait wait = Waits.enter(primitive, "acquire");
        try {
            if (Timeouts.isEffectivelyForever(waitNanos)) {
                acquireSharedInterruptibly(1);
                return took();
            }
            return tryAcquireSharedNanos(1, waitNanos) && took();
        } finally {
            Waits.exit(wait);
        }
    }

    public void takeUninterruptibly() {
        if (tryTake()) {
            return;
        }
        Waits.Wait wait = Waits.enter(primitive, "acquire");
        try {
            acquireShared(1);
            took();
        } finally {
            Waits.exit(wait);
        }
    }

    public void give(long n) {
        releaseShared(n);
        gave(n);
    }

    /** Wakes the queue after the native glue added permits and then saw WAITERS set. */
    public void wakeWaiters() {
        releaseShared(0);
    }

    /** The permits left after taking one, or -1 if there was none. */
    private long takeOne() {
        for (;;) {
            long available = OffHeap.loadLong(this, state + PERMITS);
            if (available == 0) {
                return -1;
            }
            if (OffHeap.compareAndSetLong(this, state + PERMITS, available, available - 1)) {
                return available - 1;
            }
        }
    }

    @Override
    protected long tryAcquireShared(long one) {
        long left = takeOne();
        if (left >= 0) {
            return left;
        }
        OffHeap.storeInt(this, state + WAITERS, 1);
        return takeOne(); // a release may have added permits before it could see WAITERS
    }

    @Override
    protected boolean tryReleaseShared(long n) {
        for (;;) {
            long available = OffHeap.loadLong(this, state + PERMITS);
            long bound = OffHeap.loadLong(this, state + BOUND);
            if (bound != UNBOUNDED && n > bound - available) { // first, as CPython checks it
                throw new IllegalArgumentException("Semaphore released too many times");
            }
            long next = available + n;
            if (next < 0) {
                throw new OverflowException("semaphore value does not fit a 64-bit integer");
            }
            if (OffHeap.compareAndSetLong(this, state + PERMITS, available, next)) {
                break;
            }
        }
        // AQS wakes the next waiter now: it sets WAITERS again if it must park. (Cleared only
        // when set: a volatile store costs a fence.)
        if (OffHeap.loadInt(this, state + WAITERS) != 0) {
            OffHeap.storeInt(this, state + WAITERS, 0);
        }
        return true;
    }
}
