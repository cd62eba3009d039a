package io.jthreading.distributed;

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

    /** Where Curator's semaphore recipe keeps a lease (Lease.getNodeName() is the bare name). */
    static String leaseNode(String semaphorePath, org.apache.curator.framework.recipes.locks.Lease lease) {
        return semaphorePath + "/leases/" + lease.getNodeName();
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
