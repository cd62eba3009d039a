package io.jthreading.distributed;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.function.UnaryOperator;

import io.jthreading.Timeouts;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Python's {@code threading.Barrier} across processes: {@code parties} callers of
 * {@link #await()}, in any processes, pass together; the last to arrive runs the action first.
 *
 * <p>The state is one node ({@link BarrierState}), changed only by compare-and-set. A round:
 * arrivals raise {@code count} (each gets the old count as its index); the last one, finding the
 * round full, runs the action and starts the next round, which wakes the others (their node
 * watch fires). A timeout, an action that raises, or {@link #abort()} breaks the barrier; every
 * waiter of the round and every later arrival gets {@link BrokenBarrierException}
 * ({@code BrokenBarrierError} in Python) until {@link #reset()}.
 *
 * <p>Unlike one process's barrier, a waiter whose process dies stays counted: the others wait
 * for it until their timeout, which then breaks the barrier.
 */
public final class DistributedBarrier {
    private final Coordinator coordinator;
    private final String path;
    private final String name;
    private final int parties;
    private final Runnable action;
    private final long defaultTimeoutNanos;

    DistributedBarrier(Coordinator coordinator, String path, String name, int parties,
                       Runnable action, Duration timeout) {
        if (parties <= 0) {
            throw new IllegalArgumentException("parties must be > 0");
        }
        this.coordinator = coordinator;
        this.path = path;
        this.name = name;
        this.action = action;
        this.defaultTimeoutNanos = timeout == null ? Timeouts.FOREVER
                : Timeouts.javaWaitNanos(Timeouts.durationToNanos(timeout));
        coordinator.ensureNode(path, BarrierState.fresh(parties).bytes());
        int agreed = read(null).parties();
        if (agreed != parties) {
            throw new IllegalArgumentException("Barrier '" + name + "' has " + agreed
                    + " parties, not " + parties);
        }
        this.parties = parties;
    }

    DistributedBarrier sameAs(int askedParties) {
        if (askedParties != parties) {
            throw new IllegalArgumentException("Barrier '" + name + "' has " + parties
                    + " parties, not " + askedParties);
        }
        return this;
    }

    // ---- waiting ------------------------------------------------------------------------

    /** {@code wait()} with the barrier's default timeout; returns the arrival index. */
    public int await() throws InterruptedException, BrokenBarrierException {
        return awaitNanos(defaultTimeoutNanos);
    }

    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
        return awaitNanos(Timeouts.javaWaitNanos(Timeouts.durationToNanos(timeout)));
    }

    /** {@code wait(timeout)} in nanoseconds ({@link Timeouts#FOREVER}: none); runs the Java action. */
    public int awaitNanos(long nanos) throws InterruptedException, BrokenBarrierException {
        long arrival = arriveNanos(nanos);
        if (arrival >= 0) {
            return (int) arrival;
        }
        long round = -arrival - 1;
        try {
            if (action != null) {
                action.run();
            }
        } catch (RuntimeException | Error e) {
            finishRound(round, false);
            throw e;
        }
        finishRound(round, true);
        return parties - 1;
    }

    /**
     * Arrives and waits for the round to pass. Returns the arrival index, or, for the last
     * arrival, {@code -(round + 1)}: the caller then runs the action and must call
     * {@link #finishRound}. (The Python façade runs a Python action this way, in Python.)
     */
    public long arriveNanos(long nanos) throws InterruptedException, BrokenBarrierException {
        coordinator.checkOpen();
        long deadline = Wakeup.deadline(nanos);
        Wakeup wakeup = new Wakeup();
        coordinator.session().addWaker(wakeup);
        try {
            BarrierState joined = join(wakeup, deadline);
            int index = joined.count() - 1;
            long round = joined.generation();
            if (joined.full()) {
                return -(round + 1);
            }
            while (true) {
                wakeup.arm();
                BarrierState now = read(wakeup);
                if (now.generation() != round) {
                    if (now.passed(round)) {
                        return index;
                    }
                    throw new BrokenBarrierException();
                }
                if (now.broken()) {
                    throw new BrokenBarrierException();
                }
                if (!wakeup.await(deadline)) {
                    breakRound(round);
                    throw new BrokenBarrierException();
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            // CPython: an exception in a waiting thread breaks the barrier for the others.
            breakQuietly();
            throw e;
        } finally {
            coordinator.session().removeWaker(wakeup);
        }
    }

    /** Counts this arrival into a round that is not full, waiting while the last runs the action. */
    private BarrierState join(Wakeup wakeup, long deadline)
            throws InterruptedException, BrokenBarrierException {
        while (true) {
            wakeup.arm();
            BarrierState now = read(wakeup);
            if (now.broken()) {
                throw new BrokenBarrierException();
            }
            if (now.full()) {
                if (!wakeup.await(deadline)) {
                    breakRound(now.generation());
                    throw new BrokenBarrierException();
                }
                continue;
            }
            BarrierState arrived = now.arrived();
            if (compareAndSet(now, arrived)) {
                return arrived;
            }
        }
    }

    /** The last arrival's report: the action passed (start the next round) or raised (break). */
    public void finishRound(long round, boolean actionPassed) {
        update(now -> now.generation() != round ? null
                : actionPassed ? now.nextRound(true) : now.broke());
    }

    // ---- the other operations -----------------------------------------------------------

    /** {@code reset()}: the round's waiters get BrokenBarrierException; the barrier is whole again. */
    public void reset() {
        update(now -> now.count() > 0 || now.broken() ? now.nextRound(false) : null);
    }

    /** {@code abort()}: breaks the barrier. */
    public void abort() {
        update(now -> now.broken() ? null : now.broke());
    }

    public boolean isBroken() {
        return read(null).broken();
    }

    /** {@code n_waiting}: arrivals waiting in the current round (0 while it drains or is broken). */
    public int waiting() {
        BarrierState now = read(null);
        return now.broken() || now.full() ? 0 : now.count();
    }

    public int parties() {
        return parties;
    }

    /** The Java action (null: none); the Python façade runs it when it has no action of its own. */
    public Runnable action() {
        return action;
    }

    /** The default timeout of {@link #await()} in nanoseconds ({@link Timeouts#FOREVER}: none). */
    public long defaultTimeoutNanos() {
        return defaultTimeoutNanos;
    }

    public String name() {
        return name;
    }

    private void breakRound(long round) {
        update(now -> now.generation() == round && !now.broken() ? now.broke() : null);
    }

    private void breakQuietly() {
        try {
            abort();
        } catch (RuntimeException ignored) {
            // the barrier may be unreachable: the original exception is what the caller needs
        }
    }

    // ---- the node -----------------------------------------------------------------------

    private BarrierState read(Wakeup watch) {
        Stat stat = new Stat();
        byte[] data = ZooKeeperCalls.quickly("reading " + this, () -> watch == null
                ? coordinator.client().getData().storingStatIn(stat).forPath(path)
                : coordinator.client().getData().storingStatIn(stat).usingWatcher(watch).forPath(path));
        return BarrierState.parse(data, stat.getVersion());
    }

    private boolean compareAndSet(BarrierState expected, BarrierState next) {
        return ZooKeeperCalls.quickly("updating " + this, () -> {
            try {
                coordinator.client().setData().withVersion(expected.version()).forPath(path, next.bytes());
                return true;
            } catch (KeeperException.BadVersionException raced) {
                return false;
            }
        });
    }

    /** Applies {@code change} (null: nothing to do) until its compare-and-set wins. */
    private void update(UnaryOperator<BarrierState> change) {
        coordinator.checkOpen();
        while (true) {
            BarrierState now = read(null);
            BarrierState next = change.apply(now);
            if (next == null || compareAndSet(now, next)) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "distributed Barrier '" + name + "'";
    }
}
