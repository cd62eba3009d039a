package io.jthreading.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

import io.jthreading.Threads;

/**
 * The state machine of a non-reentrant, non-owned lock (CPython's {@code _thread.lock}).
 *
 * <p>The state lives in a {@link SharedWord}, not in AQS's own int, so that the native glue can
 * take and give the lock without entering Java. AQS is used only for its wait queue.
 * <pre>
 *   UNLOCKED (0) --acquire--> LOCKED (1) --a waiter is about to park--> CONTENDED (2)
 *   LOCKED / CONTENDED --release--> UNLOCKED
 * </pre>
 * Invariants:
 * <ul>
 * <li>A thread parks only after it has seen the word CONTENDED (it marks it so itself, and AQS
 *     re-runs {@link #tryAcquire} after publishing its node before parking).</li>
 * <li>CONTENDED becomes UNLOCKED only through {@link #release}, which wakes the next waiter.
 *     LOCKED may become UNLOCKED without Java (the native fast path) because nobody is parked.</li>
 * <li>A queued thread that takes the lock while others are still queued leaves it CONTENDED, so
 *     that its own release wakes the next one (the wake-up that let it in was used up). A thread
 *     that was not queued (a first try, in Java or C) takes it LOCKED: a waiter woken meanwhile
 *     finds it taken and marks it CONTENDED before it parks again.</li>
 * <li>A condition's signal, which queues a waiter without waking it, marks the word CONTENDED.</li>
 * </ul>
 */
public final class LockSync extends QueuedLock {
    private static final long serialVersionUID = 1L;

    public static final int UNLOCKED = 0;
    public static final int LOCKED = 1;
    public static final int CONTENDED = 2;

    /**
     * The word's second int (C: the same offset in fast_methods.c): the ident of the last thread
     * that took the lock, written after the CAS that took it, by Java and by C. A plain lock has
     * no owner; its last acquirer is what the thread dump and the deadlock finder call its holder.
     * Idents are Java thread ids, far below 2^31 in any JVM's life.
     */
    private static final int LAST_ACQUIRER = 4;

    private final transient SharedWord word = new SharedWord();

    /** @param primitive the public lock (what its waiters are recorded as waiting on) */
    public LockSync(Object primitive) {
        super(primitive);
    }

    public SharedWord word() {
        return word;
    }

    public boolean isLocked() {
        return word.get() != UNLOCKED;
    }

    /** The ident of the thread that took the lock last (0: none yet, or a thread C could not name). */
    public long lastAcquirer() {
        return OffHeap.loadInt(word, word.address() + LAST_ACQUIRER) & 0xffff_ffffL;
    }

    private boolean taken() {
        OffHeap.storeIntRelease(word, word.address() + LAST_ACQUIRER,
                (int) Threads.identOf(Thread.currentThread()));
        return true;
    }

    /** One CAS (see {@link QueuedLock#tryLock}). */
    @Override
    public boolean tryLock() {
        return word.compareAndSet(UNLOCKED, LOCKED) && taken();
    }

    /** Releases the lock (whoever holds it); {@code false} if it was not locked. */
    public boolean unlock() {
        int state = word.get();
        if (state == LOCKED && word.compareAndSet(LOCKED, UNLOCKED)) {
            return true; // nobody parked: no wake-up owed
        }
        return release(1);
    }

    /** Forces the unlocked state (after fork, only the forking thread exists). */
    public void reinitialize() {
        word.set(UNLOCKED);
    }

    @Override
    protected boolean tryAcquire(int ignored) {
        for (;;) {
            int state = word.get();
            if (state == UNLOCKED) {
                int taken = hasQueuedThreads() ? CONTENDED : LOCKED;
                if (word.compareAndSet(UNLOCKED, taken)) {
                    return taken();
                }
            } else if (state == CONTENDED || word.compareAndSet(LOCKED, CONTENDED)) {
                return false;
            }
        }
    }

    @Override
    protected boolean tryRelease(int ignored) {
        for (;;) {
            int state = word.get();
            if (state == UNLOCKED) {
                return false; // raced with another releaser; nothing to wake for us
            }
            if (word.compareAndSet(state, UNLOCKED)) {
                return true;
            }
        }
    }

    /** CPython's quirk, kept on purpose: a plain lock is "owned" when anyone holds it. */
    @Override
    protected boolean isHeldExclusively() {
        return isLocked();
    }

    public Condition newCondition() {
        return new ContendingCondition(new ConditionObject());
    }

    /**
     * AQS's condition, plus one duty: {@code signal} moves a parked waiter into the lock's queue
     * without waking it (the next release must), so it marks the word CONTENDED to keep the
     * signaller's release off the fast path. The signaller holds the lock: LOCKED or CONTENDED.
     */
    private final class ContendingCondition implements Condition {
        private final ConditionObject condition;

        ContendingCondition(ConditionObject condition) {
            this.condition = condition;
        }

        @Override
        public void signal() {
            condition.signal();
            word.compareAndSet(LOCKED, CONTENDED);
        }

        @Override
        public void signalAll() {
            condition.signalAll();
            word.compareAndSet(LOCKED, CONTENDED);
        }

        @Override
        public void await() throws InterruptedException {
            condition.await();
        }

        @Override
        public void awaitUninterruptibly() {
            condition.awaitUninterruptibly();
        }

        @Override
        public long awaitNanos(long nanosTimeout) throws InterruptedException {
            return condition.awaitNanos(nanosTimeout);
        }

        @Override
        public boolean await(long time, TimeUnit unit) throws InterruptedException {
            return condition.await(time, unit);
        }

        @Override
        public boolean awaitUntil(java.util.Date deadline) throws InterruptedException {
            return condition.awaitUntil(deadline);
        }
    }

    /** Convenience for java.util.concurrent-style callers. */
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return acquireWithin(Math.max(0, unit.toNanos(time)));
    }
}
