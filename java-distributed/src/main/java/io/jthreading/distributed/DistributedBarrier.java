package io.jthreading.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.function.UnaryOperator;

import io.jthreading.Timeouts;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
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
 * ({@code BrokenBarrierError} in Python) until {@link #reset()}. As in CPython, the action
 * outlasts timeouts: a waiter whose timeout expires while it runs passes with the others, and a
 * caller that comes meanwhile waits for the next round whatever its timeout.
 *
 * <p>Each arrival also leaves an ephemeral mark under {@code arrivals/}, made in one transaction
 * with its count, so that count and marks agree while everyone lives. A waiter whose process dies
 * (its session ends) loses its mark; the others, finding fewer marks than arrivals in their
 * round, break the barrier, as a thread that dies in a wait breaks a barrier in one process.
 * Invariant: while a round is current and no arrival's session ended, it has one mark per
 * arrival. When a round passes, its marks go in the same transaction that starts the next one
 * (so passing costs no more writes than before the marks); a waiter that leaves a broken or reset
 * round deletes its own.
 */
public final class DistributedBarrier {
    private final Coordinator coordinator;
    private final String path;
    /** The arrivals' ephemeral marks, named {@code r<round>-<sequence>}. */
    private final String arrivalsPath;
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
        this.arrivalsPath = path + "/arrivals";
        this.name = name;
        this.action = action;
        this.defaultTimeoutNanos = timeout == null ? Timeouts.FOREVER
                : Timeouts.javaWaitNanos(Timeouts.durationToNanos(timeout));
        coordinator.ensureNode(path, BarrierState.fresh(parties).bytes());
        coordinator.ensureNode(arrivalsPath, new byte[0]);
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
        Wakeup wakeup = new Wakeup();
        coordinator.session().addWaker(wakeup);
        try {
            Arrival arrival = join(wakeup);
            if (arrival.state().full()) {
                return -(arrival.state().generation() + 1);  // its mark goes in finishRound
            }
            try {
                // The timeout counts from the arrival, as CPython's (it counts in _wait, after
                // the caller got the barrier's lock and any round in progress drained).
                long deadline = Wakeup.deadline(nanos);
                return awaitRound(arrival.state(), wakeup, deadline);  // its mark went with the round
            } catch (BrokenBarrierException | InterruptedException | RuntimeException e) {
                forget(arrivalsPath + "/" + arrival.mark());
                throw e;
            }
        } catch (InterruptedException | RuntimeException e) {
            // CPython: an exception in a waiting thread breaks the barrier for the others.
            breakQuietly();
            throw e;
        } finally {
            coordinator.session().removeWaker(wakeup);
        }
    }

    /** Waits in the round {@code joined} began until it passes; returns the arrival index. */
    private int awaitRound(BarrierState joined, Wakeup wakeup, long deadline)
            throws InterruptedException, BrokenBarrierException {
        int index = joined.count() - 1;
        long round = joined.generation();
        long marksCheckedAt = System.nanoTime();
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
            // The marks are counted at the re-check pace (Wakeup wakes us every 2 s), not on
            // every wake-up: a round that passes within 2 s costs no extra read, and a session
            // ends seconds after its process anyway.
            if (System.nanoTime() - marksCheckedAt >= Wakeup.RECHECK_NANOS) {
                marksCheckedAt = System.nanoTime();
                if (marks(round).size() < now.count()) {
                    // An arrival's session ended: it will never pass. Or the round passed
                    // between the two reads and its marks went with it: then breakRound
                    // changes nothing, and the next read says so.
                    breakRound(round, true);
                    continue;
                }
            }
            if (!wakeup.await(deadline)) {
                // Timed out: break the round, but not while the last arrival runs the action
                // (CPython's waiter re-takes the barrier's lock only after the action, and then
                // passes). The next read tells which, or the wait goes on without a deadline.
                breakRound(round, false);
                deadline = Wakeup.NO_DEADLINE;
            }
        }
    }

    /** An arrival: the state its transaction wrote, and its mark's name. */
    private record Arrival(BarrierState state, String mark) {
    }

    /** Counts this arrival into a round that is not full, waiting while the last runs the action. */
    private Arrival join(Wakeup wakeup)
            throws InterruptedException, BrokenBarrierException {
        while (true) {
            wakeup.arm();
            BarrierState now = read(wakeup);
            if (now.broken()) {
                throw new BrokenBarrierException();
            }
            if (now.full()) {
                // The last arrival is running the action. A CPython caller waits meanwhile for
                // the barrier's lock, with no timeout; only a party's death ends it early.
                if (marks(now.generation()).size() < now.count()) {
                    breakRound(now.generation(), true);
                    continue;
                }
                wakeup.await(Wakeup.NO_DEADLINE);
                continue;
            }
            BarrierState arrived = now.arrived();
            String mark = arriveAndMark(now, arrived);
            if (mark != null) {
                return new Arrival(arrived, mark);
            }
        }
    }

    /** The last arrival's report: the action passed (start the next round) or raised (break). */
    public void finishRound(long round, boolean actionPassed) {
        coordinator.checkOpen();
        while (actionPassed) {
            BarrierState now = read(null);
            if (now.generation() != round) {
                break;  // reset() during the action: its waiters leave and take their own marks
            }
            if (passRound(now, marks(round))) {
                return;
            }
        }
        update(now -> now.generation() != round || now.broken() ? null : now.broke());
        // The marks the round still has: this arrival's, and those of waiters on their way
        // out (they delete theirs too; a second delete is quiet).
        for (String mark : marks(round)) {
            forget(arrivalsPath + "/" + mark);
        }
    }

    /**
     * One transaction: the next round starts and the passed round's marks go (the round is
     * full: no mark can join it). False if another change won, or a mark had already gone with
     * its session: then the caller looks again.
     */
    private boolean passRound(BarrierState full, List<String> marks) {
        return ZooKeeperCalls.quickly("passing " + this, () -> {
            CuratorFramework client = coordinator.client();
            List<CuratorOp> ops = new ArrayList<>();
            ops.add(client.transactionOp().setData().withVersion(full.version())
                    .forPath(path, full.nextRound(true).bytes()));
            for (String mark : marks) {
                ops.add(client.transactionOp().delete().forPath(arrivalsPath + "/" + mark));
            }
            try {
                client.transaction().forOperations(ops);
                return true;
            } catch (KeeperException.BadVersionException | KeeperException.NoNodeException raced) {
                return false;
            }
        });
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

    /**
     * Breaks round {@code round} if it is still current and whole; while the last arrival runs
     * the action only if {@code evenIfFull} (a party died: not for a timeout).
     */
    private void breakRound(long round, boolean evenIfFull) {
        update(now -> now.generation() == round && !now.broken() && (evenIfFull || !now.full())
                ? now.broke() : null);
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

    /**
     * One transaction: the count goes up to {@code arrived} and this arrival's ephemeral mark
     * appears, or neither (another change won: null).
     */
    private String arriveAndMark(BarrierState expected, BarrierState arrived) {
        return ZooKeeperCalls.quickly("arriving at " + this, () -> {
            CuratorFramework client = coordinator.client();
            try {
                List<CuratorTransactionResult> done = client.transaction().forOperations(
                        client.transactionOp().setData().withVersion(expected.version())
                                .forPath(path, arrived.bytes()),
                        client.transactionOp().create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                                .forPath(arrivalsPath + "/r" + arrived.generation() + "-"));
                return ZKPaths.getNodeFromPath(done.get(1).getResultPath());
            } catch (KeeperException.BadVersionException raced) {
                return null;
            }
        });
    }

    /** The marks of round {@code round} (names, not paths). */
    private List<String> marks(long round) {
        String prefix = "r" + round + "-";
        List<String> all = ZooKeeperCalls.quickly("reading the arrivals of " + this,
                () -> coordinator.client().getChildren().forPath(arrivalsPath));
        return all.stream().filter(mark -> mark.startsWith(prefix)).toList();
    }

    /** Deletes a mark (its path) in the background: its round is over, and a failure leaves
     *  only an ephemeral node of a past round, which goes with the session. */
    private void forget(String mark) {
        ZooKeeperCalls.withInterruptSetAside(() -> {
            try {
                coordinator.client().delete().quietly().inBackground().forPath(mark);
            } catch (Exception ignored) {
                // see above
            }
        });
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
