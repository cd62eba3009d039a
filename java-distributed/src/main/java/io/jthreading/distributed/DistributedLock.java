package io.jthreading.distributed;

import java.util.concurrent.atomic.AtomicReference;

import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;

/**
 * Python's {@code threading.Lock} across processes: Curator's {@code InterProcessSemaphoreV2}
 * with one lease (the recipe under Curator's {@code InterProcessSemaphoreMutex}).
 *
 * <p>Not reentrant and not owned by a thread, as in CPython: any thread of the holding process
 * may release it. A process that does not hold it cannot release it ("release unlocked lock"),
 * even while another process does: a difference from one process's {@code threading.Lock}.
 *
 * <p>State: {@code held} is this process's holding, or null. Invariant: non-null exactly while
 * this process has a lease node under the lock (or had one, in a session since lost: then
 * {@link #release()} and {@link #check()} throw {@link SessionLostException}).
 */
public final class DistributedLock extends DistributedLockBase {
    private final InterProcessSemaphoreV2 leases;
    private final AtomicReference<Holding> held = new AtomicReference<>();
    private final Acquisitions acquisitions;

    DistributedLock(Coordinator coordinator, String path, String name) {
        super(coordinator, path, name);
        this.leases = new InterProcessSemaphoreV2(coordinator.client(), path, 1);
        this.acquisitions = Acquisitions.ofLeases(coordinator, path);
    }

    @Override
    boolean acquireWithin(long waitNanos) throws InterruptedException {
        coordinator.checkOpen();
        long epoch = coordinator.session().epoch();
        // A holding left from a lost session is replaced: its node is gone already.
        return acquisitions.takeLease("acquiring " + this, leases, path, waitNanos, epoch,
                held::set, node -> {
                    Holding holding = held.get();
                    return holding != null && holding.node.equals(node);
                });
    }

    @Override
    public void release() {
        Holding holding = held.getAndSet(null);
        if (holding == null) {
            throw new IllegalMonitorStateException("release unlocked lock");
        }
        try {
            coordinator.session().check(holding.epoch, toString());
        } finally {
            holding.returnLease(leases);
        }
    }

    @Override
    public boolean isOwned() {
        return held.get() != null;
    }

    @Override
    public long fencingToken() {
        Holding holding = held.get();
        if (holding == null) {
            throw new IllegalMonitorStateException("the lock is not held by this process");
        }
        return holding.fencingToken(coordinator, toString());
    }

    @Override
    public void check() {
        Holding holding = held.get();
        if (holding == null) {
            throw new IllegalMonitorStateException("the lock is not held by this process");
        }
        coordinator.session().check(holding.epoch, toString());
    }

    @Override
    long releaseSave() {
        release();
        return 0;
    }

    @Override
    void acquireRestore(long saved) throws InterruptedException {
        acquire();
    }

    @Override
    public boolean locked() {
        if (held.get() != null) {
            return true;
        }
        return !ZooKeeperCalls.participants("reading " + this, leases::getParticipantNodes).isEmpty();
    }

    @Override
    public String toString() {
        return "distributed Lock '" + name + "'";
    }
}
