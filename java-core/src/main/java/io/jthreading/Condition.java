package io.jthreading;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.jthreading.internal.ConditionState;
import io.jthreading.internal.PrimitiveIds;
import io.jthreading.internal.Waits;

/**
 * Python's {@code threading.Condition}, shared by Java and Python; also a
 * {@link java.util.concurrent.locks.Condition}.
 *
 * <p>CPython's algorithm: each waiter parks on a private {@link Lock} it has locked itself and
 * queued here (FIFO); {@code notify(n)} unlocks the first {@code n}. Waiting releases the
 * condition's lock completely ({@link ConditionLock#releaseSave}) and takes it back as it was
 * ({@link ConditionLock#acquireRestore}), whatever happened.
 *
 * <p>Invariant: a waiter is in the queue from before it releases the lock until it is notified
 * (a notifier removed it) or it gives up (it removes itself). The queue has its own monitor, so
 * it stays consistent even over a plain {@link Lock}, which CPython lets any thread "own".
 *
 * <p>A condition made from Python over a Python lock object has no {@link ConditionLock}: Java
 * cannot call that lock (see docs/design/threading-module.md), so only Python may wait on it;
 * the Python façade uses {@link #addWaiter}, {@link #awaitWaiter} and {@link #removeWaiter}.
 */
public final class Condition implements java.util.concurrent.locks.Condition {
    private final ConditionLock lock;
    private final ArrayDeque<Lock> waiters = new ArrayDeque<>();
    /** Waiter count and lock for the native fast path; its count follows {@link #waiters}. */
    private final ConditionState shared;
    private final long id = PrimitiveIds.next();

    /** {@code Condition()}: over a new {@link RLock}. */
    public Condition() {
        this(new RLock());
    }

    /** {@code Condition(lock)}. */
    public Condition(ConditionLock lock) {
        if (lock == null) {
            throw new NullPointerException("lock");
        }
        this.lock = lock;
        if (lock instanceof Lock) {
            shared = new ConditionState(ConditionState.LOCK, ((Lock) lock).stateAddress());
        } else if (lock instanceof RLock) {
            shared = new ConditionState(ConditionState.RLOCK, ((RLock) lock).stateAddress());
        } else {
            shared = new ConditionState(ConditionState.NO_FAST_LOCK, 0);
        }
    }

    private Condition(Void pythonLock) {
        this.lock = null;
        this.shared = new ConditionState(ConditionState.NO_FAST_LOCK, 0);
    }

    /** A condition whose lock is a Python object only the Python façade can call. */
    public static Condition overPythonLock() {
        return new Condition((Void) null);
    }

    // ---- Python's API -------------------------------------------------------------------

    /** The lock, or {@code null} for a Python lock object. */
    public ConditionLock lock() {
        return lock;
    }

    public boolean acquire() throws InterruptedException {
        return javaLock().acquire();
    }

    public void release() {
        javaLock().release();
    }

    /** {@code wait()}: until notified; {@code true}. */
    public boolean waitForever() throws InterruptedException {
        return waitNanos(Timeouts.FOREVER);
    }

    /**
     * {@code wait(timeout)}: {@link Timeouts#FOREVER}, a positive wait in nanoseconds, or (zero or
     * negative) a mere check. {@code true} if notified.
     */
    public boolean waitNanos(long nanos) throws InterruptedException {
        ConditionLock owner = javaLock();
        requireOwned(owner.isOwned(), "wait");
        if (nanos <= 0 && nanos != Timeouts.FOREVER) {
            // A mere check: nobody can notify a waiter that never parks, so none is queued (a
            // notifier that comes while the lock is released wakes the others, as if this wait
            // had already timed out). The lock is still released, so a thread polling with
            // wait(0) lets the others in.
            owner.acquireRestore(owner.releaseSave());
            return false;
        }
        Lock waiter = addWaiter();
        long saved = owner.releaseSave();
        boolean notified = false;
        try {
            notified = awaitWaiter(waiter, nanos);
            return notified;
        } catch (InterruptedException e) {
            // Java's convention: a waiter already notified returns normally, interrupt kept.
            if (!removeWaiter(waiter)) {
                notified = true;
                Thread.currentThread().interrupt();
                return true;
            }
            throw e;
        } finally {
            owner.acquireRestore(saved);
            if (!notified) {
                removeWaiter(waiter);
            }
        }
    }

    /** {@code notify(n)}: wakes up to {@code n} waiters (none if {@code n < 1}). */
    public void notify(long n) {
        requireOwned(javaLock().isOwned(), "notify");
        wakeWaiters(n);
    }

    /** {@code notify_all()}. */
    public void notifyAllWaiters() {
        requireOwned(javaLock().isOwned(), "notify");
        wakeWaiters(Long.MAX_VALUE);
    }

    /** {@code wait_for(predicate, timeout)}: the predicate's last value; {@code null} timeout: none. */
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        boolean result = predicate.getAsBoolean();
        long nanos = timeout == null ? Timeouts.FOREVER
                : Timeouts.javaWaitNanos(Timeouts.durationToNanos(timeout));
        long deadline = System.nanoTime() + (nanos > 0 ? nanos : 0);
        boolean first = true;
        while (!result) {
            if (nanos != Timeouts.FOREVER && !first) {
                // As CPython: the first wait uses the timeout as given (even 0, which still
                // checks the lock); later ones what is left of it.
                nanos = deadline - System.nanoTime();
                if (nanos <= 0) {
                    break;
                }
            }
            first = false;
            waitNanos(nanos);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /** Number of queued waiters (Python's {@code len(cond._waiters)}). */
    public int waiterCount() {
        synchronized (waiters) {
            return waiters.size();
        }
    }

    /** {@code _at_fork_reinit()}. */
    public void atForkReinit() {
        synchronized (waiters) {
            waiters.clear();
            shared.waiters(0);
        }
    }

    // ---- Steps of wait, for the façade of a condition over a Python lock ------------------

    /** Queues a new waiter, locked, before the caller releases the condition's lock. */
    public Lock addWaiter() {
        Lock waiter = new Lock();
        waiter.lock();
        synchronized (waiters) {
            waiters.addLast(waiter);
            shared.waiters(waiters.size());
        }
        return waiter;
    }

    /** Parks on {@code waiter} as {@link #waitNanos} describes; {@code true} if notified. */
    public boolean awaitWaiter(Lock waiter, long nanos) throws InterruptedException {
        if (nanos <= 0 && nanos != Timeouts.FOREVER) {
            return waiter.tryLock();
        }
        // Recorded as a wait on this condition (the waiter lock's own wait is inner, not recorded).
        Waits.Wait wait = Waits.enter(this, "wait");
        try {
            return nanos == Timeouts.FOREVER ? waiter.acquire() : waiter.acquireNanos(true, nanos);
        } finally {
            Waits.exit(wait);
        }
    }

    /** Takes a waiter that gave up out of the queue; {@code false} if a notifier already had. */
    public boolean removeWaiter(Lock waiter) {
        synchronized (waiters) {
            boolean removed = waiters.removeFirstOccurrence(waiter);
            shared.waiters(waiters.size());
            return removed;
        }
    }

    /** Wakes up to {@code n} waiters, first come first served; the caller checked ownership. */
    public void wakeWaiters(long n) {
        while (n > 0) {
            Lock waiter;
            synchronized (waiters) {
                waiter = waiters.pollFirst();
                shared.waiters(waiters.size());
            }
            if (waiter == null) {
                return;
            }
            try {
                waiter.release();
                n--;
            } catch (IllegalMonitorStateException alreadyReleased) {
                // cannot happen while the queue invariant holds; CPython skips it too
            }
        }
    }

    // ---- java.util.concurrent.locks.Condition ---------------------------------------------

    @Override
    public void await() throws InterruptedException {
        waitNanos(Timeouts.FOREVER);
    }

    @Override
    public void awaitUninterruptibly() {
        boolean interrupted = Thread.interrupted(); // a pending interrupt must not end the wait
        for (;;) {
            try {
                waitNanos(Timeouts.FOREVER);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // not notified: the lock is held again, wait anew
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long start = System.nanoTime();
        waitNanos(Timeouts.javaWaitNanos(nanosTimeout));
        return nanosTimeout - (System.nanoTime() - start);
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return waitNanos(Timeouts.javaWaitNanos(unit.toNanos(time)));
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        long millis = deadline.getTime() - System.currentTimeMillis();
        return waitNanos(Timeouts.javaWaitNanos(TimeUnit.MILLISECONDS.toNanos(millis)));
    }

    /** Wait with a Java {@link Duration}; {@code true} if notified. */
    public boolean await(Duration timeout) throws InterruptedException {
        return waitNanos(Timeouts.javaWaitNanos(Timeouts.durationToNanos(timeout)));
    }

    @Override
    public void signal() {
        notify(1);
    }

    @Override
    public void signalAll() {
        notifyAllWaiters();
    }

    /** Acquires the lock (uninterruptibly) and returns a guard that releases it. */
    public Guard guard() {
        return javaLock().guard();
    }

    // ---- Bridge support ---------------------------------------------------------------------

    /** CPython's check, with CPython's message ("cannot wait on un-acquired lock"). */
    public static void requireOwned(boolean owned, String action) {
        if (!owned) {
            throw new IllegalMonitorStateException("cannot " + action + " on un-acquired lock");
        }
    }

    public long id() {
        return id;
    }

    /** The address of the off-heap block (see {@link ConditionState}), for the native fast path. */
    public long stateAddress() {
        return shared.address();
    }

    private ConditionLock javaLock() {
        if (lock == null) {
            throw new IllegalStateException(
                    "this Condition's lock is a Python object: only Python code can use it");
        }
        return lock;
    }

    @Override
    public String toString() {
        return "<Condition(" + lock + ", " + waiterCount() + ")>";
    }
}
