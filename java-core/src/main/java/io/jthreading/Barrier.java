package io.jthreading;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.locks.ReentrantLock;

import io.jthreading.internal.PrimitiveIds;
import io.jthreading.internal.SharedWord;
import io.jthreading.internal.Waits;

/**
 * Python's {@code threading.Barrier}, shared by Java and Python: {@code parties} threads meet,
 * the last to arrive runs the action, then all go on. Broken by a timeout, an abort, an action
 * that throws, or (Java) an interrupt: waiters then get {@link BrokenBarrierException}
 * ({@code threading.BrokenBarrierError} in Python).
 *
 * <p>CPython's state machine, plus one state for an action run by the caller:
 * <pre>
 *   FILLING  --last arrives--> (action) --> DRAINING --last leaves--> FILLING
 *   FILLING  --last arrives, Python action--> ACTION --actionDone(ok)--> DRAINING
 *   any --abort / timeout / action fails--> BROKEN
 *   FILLING or BROKEN with waiters --reset--> RESETTING --last leaves--> FILLING
 *   no waiters --reset--> FILLING
 * </pre>
 * Threads arriving while the barrier drains, resets or runs an action wait to enter, as in
 * CPython where they wait for the condition's lock.
 */
public final class Barrier {
    /** {@link #arrive} to the last arriver: run the caller-side action, then {@link #actionDone}. */
    public static final long ACTION_DUE = -1;
    /** {@link #arrive} to a non-last arriver whose timeout the caller could not convert. */
    public static final long TIMEOUT_REJECTED = -2;

    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int ACTION = 2;
    private static final int RESETTING = -1;
    private static final int BROKEN = -2;

    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.locks.Condition changed = lock.newCondition();
    private final long parties;
    private final Runnable action;
    private final long defaultTimeoutNanos;
    private final long id = PrimitiveIds.next();
    private int state = FILLING;
    private long count;
    /**
     * {@code n_waiting} and {@code broken} in shared memory, for the Python side to read without
     * a Java call: -1 when broken, else the waiting count (written under {@link #lock} after
     * every change, by {@link #publish}). Its peer slot keeps the Python object's identity.
     */
    private final SharedWord mirror = new SharedWord();

    /** {@code Barrier(parties)}. */
    public Barrier(long parties) {
        this(parties, null, null);
    }

    /** {@code Barrier(parties, action)}. */
    public Barrier(long parties, Runnable action) {
        this(parties, action, null);
    }

    /** {@code Barrier(parties, action, timeout)}; {@code null} timeout: none. */
    public Barrier(long parties, Runnable action, Duration timeout) {
        this(parties, action,
                timeout == null ? Timeouts.FOREVER : Math.max(0, Timeouts.durationToNanos(timeout)));
    }

    private Barrier(long parties, Runnable action, long timeoutNanos) {
        this.parties = parties; // CPython before 3.13 accepts any value; < 1 can only time out
                                // (on 3.13 the Python façade refuses < 1 first, as CPython does)
        this.action = action;
        this.defaultTimeoutNanos = timeoutNanos;
    }

    /**
     * For the Python façade: the default timeout stays in Python (CPython reads it when a wait
     * uses it); {@code action} is the Python action as a PythonCallable, which Java runs when a
     * Java thread arrives last (a Python thread runs it itself: see {@link #arrive}).
     */
    public static Barrier forPython(long parties, Runnable action) {
        return new Barrier(parties, action, Timeouts.FOREVER);
    }

    // ---- Python's API -------------------------------------------------------------------

    /** {@code wait()} with the default timeout: the arrival index, 0 to parties - 1. */
    public long await() throws InterruptedException, BrokenBarrierException {
        return awaitNanos(defaultTimeoutNanos);
    }

    /** {@code wait(timeout)}. */
    public long await(Duration timeout) throws InterruptedException, BrokenBarrierException {
        return awaitNanos(Math.max(0, Timeouts.durationToNanos(timeout)));
    }

    /** {@code wait(timeout)}: {@link Timeouts#FOREVER}, or nanoseconds (not positive: no wait). */
    public long awaitNanos(long nanos) throws InterruptedException, BrokenBarrierException {
        return arrive(nanos, true, false);
    }

    /**
     * Python's entry. Returns the index, or {@link #ACTION_DUE} (the caller is the last arriver
     * and runs the action itself, then calls {@link #actionDone}: a Python action is cheapest
     * run by the Python thread, and a Java one is callable from Python), or
     * {@link #TIMEOUT_REJECTED} (the caller is not the last and its timeout is bad: it left
     * without a trace, as in CPython where the timeout is first used then).
     */
    public long arrive(long nanos, boolean timeoutValid)
            throws InterruptedException, BrokenBarrierException {
        return arrive(nanos, timeoutValid, true);
    }

    /** The action ({@code null} if none), for a Python caller told {@link #ACTION_DUE}. */
    public Runnable action() {
        return action;
    }

    private long arrive(long nanos, boolean timeoutValid, boolean callerRunsAction)
            throws InterruptedException, BrokenBarrierException {
        lock.lock();
        try {
            waitToEnter();
            long index = count++;
            publish();
            boolean actionPending = false;
            try {
                if (index + 1 == parties) {
                    if (callerRunsAction && action != null) {
                        state = ACTION;
                        publish();
                        actionPending = true;
                        return ACTION_DUE;
                    }
                    releaseAll();
                } else if (!timeoutValid) {
                    return TIMEOUT_REJECTED;
                } else {
                    Waits.Wait wait = Waits.enter(this, "wait");
                    try {
                        waitForRelease(nanos);
                    } finally {
                        Waits.exit(wait);
                    }
                }
                return index;
            } finally {
                if (!actionPending) {
                    leave();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** After {@link #ACTION_DUE}: the action returned ({@code ok}) or raised (breaks the barrier). */
    public void actionDone(boolean ok) {
        lock.lock();
        try {
            if (ok) {
                state = DRAINING;
                publish();
                changed.signalAll();
            } else {
                breakBarrier();
            }
            leave();
        } finally {
            lock.unlock();
        }
    }

    /** {@code reset()}: waiters get BrokenBarrierException; then the barrier is as new. */
    public void reset() {
        lock.lock();
        try {
            awaitActionUninterruptibly();
            if (count > 0) {
                if (state == FILLING || state == BROKEN) {
                    state = RESETTING;
                }
                // DRAINING: the waiters are leaving anyway, the last one resets
            } else {
                state = FILLING;
            }
            publish();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** {@code abort()}: breaks the barrier. */
    public void abort() {
        lock.lock();
        try {
            awaitActionUninterruptibly();
            breakBarrier();
        } finally {
            lock.unlock();
        }
    }

    public long parties() {
        return parties;
    }

    /** {@code n_waiting}. */
    public long nWaiting() {
        lock.lock();
        try {
            return state == FILLING || state == ACTION ? count : 0;
        } finally {
            lock.unlock();
        }
    }

    /** {@code broken}. */
    public boolean isBroken() {
        lock.lock();
        try {
            return state == BROKEN;
        } finally {
            lock.unlock();
        }
    }

    /** Default timeout for {@link #await()}, nanoseconds, {@link Timeouts#FOREVER} if none. */
    public long defaultTimeoutNanos() {
        return defaultTimeoutNanos;
    }

    public long id() {
        return id;
    }

    /** The address of {@link #mirror}, for the native glue (valid while this object lives). */
    public long stateAddress() {
        return mirror.address();
    }

    // ---- The state machine (all under lock) --------------------------------------------------

    private void waitToEnter() throws InterruptedException, BrokenBarrierException {
        if (state == DRAINING || state == RESETTING || state == ACTION) {
            Waits.Wait wait = Waits.enter(this, "wait");
            try {
                while (state == DRAINING || state == RESETTING || state == ACTION) {
                    changed.await();
                }
            } finally {
                Waits.exit(wait);
            }
        }
        if (state == BROKEN) {
            throw new BrokenBarrierException();
        }
    }

    /** The last arriver with a Java action (or none). */
    private void releaseAll() throws BrokenBarrierException {
        if (action != null) {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                breakBarrier();
                throw e;
            }
        }
        state = DRAINING;
        publish();
        changed.signalAll();
    }

    /** CPython's {@code _wait}: until the phase ends; a timeout breaks the barrier. */
    private void waitForRelease(long nanos) throws InterruptedException, BrokenBarrierException {
        boolean timed = !Timeouts.isEffectivelyForever(nanos);
        long deadline = timed ? System.nanoTime() + nanos : 0;
        try {
            while (state == FILLING || state == ACTION) {
                if (state == ACTION || !timed) {
                    // CPython's waiters cannot time out during the action: it holds the lock.
                    changed.await();
                    continue;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    breakBarrier();
                    throw new BrokenBarrierException();
                }
                changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            breakBarrier(); // as CyclicBarrier: the others must not wait for us forever
            throw e;
        }
        if (state == BROKEN || state == RESETTING) {
            throw new BrokenBarrierException();
        }
    }

    /** CPython's {@code _exit}: the last thread out of a drain or reset refills. */
    private void leave() {
        count--;
        if (count == 0 && (state == DRAINING || state == RESETTING)) {
            state = FILLING;
            changed.signalAll();
        }
        publish();
    }

    private void breakBarrier() {
        state = BROKEN;
        publish();
        changed.signalAll();
    }

    /** Copies what {@link #nWaiting} and {@link #isBroken} say into {@link #mirror}. */
    private void publish() {
        long waiting = state == FILLING || state == ACTION ? count : 0;
        mirror.set(state == BROKEN ? -1 : (int) Math.min(waiting, Integer.MAX_VALUE));
    }

    private void awaitActionUninterruptibly() {
        while (state == ACTION) {
            changed.awaitUninterruptibly();
        }
    }

    @Override
    public String toString() {
        if (isBroken()) {
            return "<jthreading.Barrier: broken>";
        }
        return "<jthreading.Barrier: waiters=" + nWaiting() + "/" + parties + ">";
    }
}
