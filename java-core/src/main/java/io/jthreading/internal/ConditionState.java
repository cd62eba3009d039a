package io.jthreading.internal;

/**
 * A Condition's off-heap block, read by the native fast path (issue 12):
 *
 * <pre>
 *   waiters    (32-bit, offset 0): the waiter queue's size, written by Java under the queue's monitor
 *   lock kind  (32-bit, offset 4): {@link #NO_FAST_LOCK}, {@link #LOCK} or {@link #RLOCK}
 *   lock state (64-bit, offset 8): the address of that lock's own off-heap state
 *   Python peer (offset 16): the native glue's slot (see {@link SharedWord#PYTHON_PEER})
 * </pre>
 *
 * <p>With it, C runs {@code with cv:} as the lock's own fast path and a {@code notify} that
 * finds no waiter without entering Java. No notification is lost: a waiter is counted before it
 * releases the lock, and a notifier must own the lock, so it took the lock after that release
 * and reads the count after it was written.
 */
public final class ConditionState {
    /** The lock is neither an io.jthreading.Lock nor an RLock: C leaves everything to Java. */
    public static final int NO_FAST_LOCK = 0;
    public static final int LOCK = 1;
    public static final int RLOCK = 2;

    private static final int WAITERS = 0;
    private static final int LOCK_KIND = 4;
    private static final int LOCK_STATE = 8;

    private final long address = OffHeap.allocate(this, 24);

    public ConditionState(int lockKind, long lockStateAddress) {
        OffHeap.storeLong(this, address + LOCK_STATE, lockStateAddress);
        OffHeap.storeInt(this, address + LOCK_KIND, lockKind);
    }

    /** Publishes the waiter queue's new size (call under the queue's monitor). */
    public void waiters(int count) {
        OffHeap.storeInt(this, address + WAITERS, count);
    }

    /** The block's address, for the native glue (valid while this object is reachable). */
    public long address() {
        return address;
    }
}
