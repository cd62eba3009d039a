package io.jthreading.distributed;

import java.util.concurrent.TimeUnit;

import io.jthreading.Timeouts;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.zookeeper.data.Stat;

/**
 * One acquisition of a distributed primitive by this process: the ZooKeeper node that is the
 * holding (an ephemeral node of this session), and the session epoch it was made in.
 *
 * <p>Its fencing token is the node's czxid, the id of the ZooKeeper transaction that created it.
 * Transaction ids are global to the ensemble, strictly increasing, and survive leader changes
 * (the epoch is their high half), so every later holding of the same primitive has a larger
 * token. A sequence suffix would not do: Curator makes its parents container nodes, which
 * ZooKeeper deletes once empty, and the next parent counts from zero again.
 */
final class Holding {
    final String node;
    final long epoch;
    final Object handle;  // Curator's Lease, for the semaphore recipes
    private volatile long token;  // 0 until asked for

    Holding(String node, long epoch, Object handle) {
        this.node = node;
        this.epoch = epoch;
        this.handle = handle;
    }

    /**
     * Takes a lease of Curator's semaphore recipe at {@code semaphorePath} within
     * {@code waitNanos} (FOREVER: as long as it takes): its holding, or null if none came.
     */
    static Holding takeLease(InterProcessSemaphoreV2 leases, String semaphorePath,
                             long waitNanos, long epoch) throws Exception {
        Lease lease = Timeouts.isEffectivelyForever(waitNanos) ? leases.acquire()
                : leases.acquire(waitNanos, TimeUnit.NANOSECONDS);
        // Lease.getNodeName() is the bare name; the recipe keeps leases under "leases".
        return lease == null ? null
                : new Holding(semaphorePath + "/leases/" + lease.getNodeName(), epoch, lease);
    }

    /** Gives a lease back quietly (its node may be gone), never cut short by an interrupt. */
    void returnLease(InterProcessSemaphoreV2 leases) {
        ZooKeeperCalls.withInterruptSetAside(() -> leases.returnLease((Lease) handle));
    }

    long fencingToken(Coordinator coordinator, String what) {
        // The session check comes before the cached token (found by the tests: a token read
        // once was handed out after the session was lost, to a holder that no longer holds).
        coordinator.session().check(epoch, what);
        long known = token;
        if (known != 0) {
            return known;
        }
        Stat stat = ZooKeeperCalls.quickly("reading the fencing token of " + what,
                () -> coordinator.client().checkExists().forPath(node));
        if (stat == null) {
            throw new SessionLostException("the ZooKeeper node that held " + what
                    + " is gone: its session was lost, another process may hold it now");
        }
        token = stat.getCzxid();
        return token;
    }
}
