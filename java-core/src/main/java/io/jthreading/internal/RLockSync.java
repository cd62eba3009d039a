package io.jthreading.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

import io.jthreading.OverflowException;
import io.jthreading.Threads;

/**
 * The state machine of a reentrant lock (CPython's {@code _thread.RLock}).
 *
 * <p>The state lives in off-heap memory ({@link OffHeap}), not in AQS, so that the native glue
 * can take and give uncontended levels without entering Java; AQS is used only for its wait
 * queue (the same scheme as {@link LockSync}).
 * <pre>
 *   owner word: FREE (0) | (ident &lt;&lt; 1) | CONTENDED bit      count: levels held by the owner
 *   FREE --acquire by T--> (T, 1) --acquire by T--> (T, n+1) --release by T--> (T, n) ... FREE
 *   (T, n) --another thread is about to park--> (T | CONTENDED, n)
 * </pre>
 * The owner is named by its ident (the Java thread id, {@link Threads#identOf}), which the native
 * glue also knows: every Python thread that touches jthreading is a Java thread.
 * Invariants:
 * <ul>
 * <li>Only the owner writes the count. It becomes 0 before the owner word becomes FREE, and the
 *     next owner writes its count after taking the word.</li>
 * <li>A thread parks only after it has seen the CONTENDED bit (it sets it itself, and AQS re-runs
 *     {@link #tryAcquire} after publishing its node before parking).</li>
 * <li>An owner word with the CONTENDED bit becomes FREE only through {@link #tryRelease}, whose
 *     {@code true} makes AQS wake the next waiter. Without the bit, the last level may be given
 *     back without Java (the native fast path) because nobody is parked.</li>
 * <li>A queued thread that takes the lock sets the bit when others are still queued: it used up
 *     the wake-up that let it in, so its release must wake the next. A thread that was not
 *     queued (a first try, in Java or C) takes a free lock without the bit: a waiter woken
 *     meanwhile finds it taken and sets the bit before it parks again.</li>
 * <li>A condition's signal, which queues a waiter without waking it, sets the bit.</li>
 * </ul>
 */
public final class RLockSync extends QueuedLock {
    private static final long serialVersionUID = 1L;

    static final long FREE = 0;
    static final long CONTENDED = 1;

    // The memory's layout (C: rlock_state in native-glue/src/fast_methods.c).
    private static final int OWNER = 0;  // long: FREE or ident << 1 | CONTENDED bit
    private static final int COUNT = 8;  // int: levels, written only by the owner
    // 16: the native glue's Python peer slot (see SharedWord.PYTHON_PEER)
    private static final int SIZE = 24;

    private final transient long state = OffHeap.allocate(this, SIZE);

    /** @param primitive the public lock (what its waiters are recorded as waiting on) */
    public RLockSync(Object primitive) {
        super(primitive);
    }

    private static long ownerWordOf(Thread thread) {
        return Threads.identOf(thread) << 1;
    }

    /** The state's address, for the native glue (valid while this object is reachable). */
    public long address() {
        return state;
    }

    // The state's fields.

    private long ownerWord() {
        return OffHeap.loadLong(this, state + OWNER);
    }

    private boolean casOwnerWord(long expected, long update) {
        return OffHeap.compareAndSetLong(this, state + OWNER, expected, update);
    }

    private int levels() {
        return OffHeap.loadInt(this, state + COUNT);
    }

    /** Only the owner writes the count; a later volatile store or CAS publishes it. */
    private void setLevels(int levels) {
        OffHeap.storeIntRelease(this, state + COUNT, levels);
    }

    /**
     * See {@link QueuedLock#tryLock}; taking a free lock needs no look at the queue here (see the
     * class invariants).
     */
    @Override
    public boolean tryLock() {
        long mine = ownerWordOf(Thread.currentThread());
        long owner = ownerWord();
        if (owner == FREE) {
            return takeFree(mine, 1);
        }
        return (owner & ~CONTENDED) == mine && addLevels(1);
    }

    private boolean takeFree(long ownerWord, int levels) {
        if (casOwnerWord(FREE, ownerWord)) {
            setLevels(levels);
            return true;
        }
        return false;
    }

    /** The owner takes more levels. */
    private boolean addLevels(int levels) {
        int next = levels() + levels;
        if (next < 0) {
            throw new OverflowException("Internal lock count overflowed");
        }
        setLevels(next);
        return true;
    }

    /** Releases one level; {@code false} if the caller does not own the lock. */
    public boolean releaseOnce() {
        if (!isHeldExclusively()) {
            return false;
        }
        release(1);
        return true;
    }

    /**
     * Releases every level at once (Condition's {@code _release_save}); the count, or -1 if not
     * owned.
     */
    public long releaseAll() {
        if (!isHeldExclusively()) {
            return -1;
        }
        int count = levels();
        release(count);
        return count;
    }

    /** Takes the lock back with a saved count (Condition's {@code _acquire_restore}). */
    public void restore(int count) {
        acquireRecorded(count);
    }

    public boolean isOwnedByCurrentThread() {
        return isHeldExclusively();
    }

    /** The owner's levels, read by any thread (for repr: may be stale, as CPython's is). */
    public int count() {
        return ownerWord() == FREE ? 0 : levels();
    }

    public int countIfOwned() {
        return isHeldExclusively() ? levels() : 0;
    }

    /** The owner's ident, 0 when free. */
    public long ownerIdent() {
        return ownerWord() >>> 1;
    }

    /** After fork only the forking thread exists: free, no owner. */
    public void reinitialize() {
        OffHeap.storeInt(this, state + COUNT, 0);
        OffHeap.storeLong(this, state + OWNER, FREE);
    }

    @Override
    protected boolean tryAcquire(int levels) {
        long mine = ownerWordOf(Thread.currentThread());
        for (;;) {
            long owner = ownerWord();
            if (owner == FREE) {
                // A queued thread taking it used up its wake-up: its release must wake the next.
                if (takeFree(hasQueuedThreads() ? mine | CONTENDED : mine, levels)) {
                    return true;
                }
            } else if ((owner & ~CONTENDED) == mine) {
                return addLevels(levels);
            } else if ((owner & CONTENDED) != 0
                    || casOwnerWord(owner, owner | CONTENDED)) {
                return false; // AQS parks us (after one more try): the bit makes the owner wake us
            }
        }
    }

    /** Called by the owner only (the public methods and AQS's conditions check first). */
    @Override
    protected boolean tryRelease(int levels) {
        int next = levels() - levels;
        setLevels(next); // published by the volatile store below when it is 0
        if (next > 0) {
            return false;
        }
        // Only the CONTENDED bit can change under us: it is cleared too (AQS wakes the next).
        OffHeap.storeLong(this, state + OWNER, FREE);
        return true;
    }

    @Override
    protected boolean isHeldExclusively() {
        return (ownerWord() & ~CONTENDED) == ownerWordOf(Thread.currentThread());
    }

    /** Marks the owner word contended (the caller owns the lock; others may set the bit too). */
    private void markContended() {
        long owner = ownerWord();
        while ((owner & CONTENDED) == 0 && !casOwnerWord(owner, owner | CONTENDED)) {
            owner = ownerWord();
        }
    }

    public Condition newCondition() {
        return new CountSavingCondition(new ConditionObject());
    }

    /**
     * AQS's condition over this lock, with two duties: AQS saves the lock's state around
     * {@code await} by reading AQS's own int, so it is set to the owner's count first (the caller
     * owns the lock: the count is stable); and {@code signal} moves a waiter into the lock's queue
     * without waking it, so it marks the owner word contended to keep the release in Java.
     */
    private final class CountSavingCondition implements Condition {
        private final ConditionObject condition;

        CountSavingCondition(ConditionObject condition) {
            this.condition = condition;
        }

        private void saveCount() {
            if (isHeldExclusively()) {
                setState(levels());
            }
        }

        @Override
        public void signal() {
            condition.signal();
            markContended();
        }

        @Override
        public void signalAll() {
            condition.signalAll();
            markContended();
        }

        @Override
        public void await() throws InterruptedException {
            saveCount();
            condition.await();
        }

        @Override
        public void awaitUninterruptibly() {
            saveCount();
            condition.awaitUninterruptibly();
        }

        @Override
        public long awaitNanos(long nanosTimeout) throws InterruptedException {
            saveCount();
            return condition.awaitNanos(nanosTimeout);
        }

        @Override
        public boolean await(long time, TimeUnit unit) throws InterruptedException {
            saveCount();
            return condition.await(time, unit);
        }

        @Override
        public boolean awaitUntil(java.util.Date deadline) throws InterruptedException {
            saveCount();
            return condition.awaitUntil(deadline);
        }
    }
}
