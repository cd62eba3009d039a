package io.jthreading.distributed;

import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import io.jthreading.Guard;
import io.jthreading.Timeouts;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.framework.recipes.shared.VersionedValue;

/**
 * Python's {@code threading.Semaphore} and {@code BoundedSemaphore} across processes, on
 * Curator's {@code InterProcessSemaphoreV2}: each acquire takes a lease, an ephemeral node, so a
 * process that dies gives its permits back when its session ends.
 *
 * <p>Value: the lease count minus the leases taken. The lease count starts at the value the
 * first process gave (kept in ZooKeeper; later processes must give the same). A release gives
 * back a lease this process holds; with none held, a Semaphore raises the lease count by one, as
 * CPython's value grows, and a BoundedSemaphore refuses: "Semaphore released too many times".
 *
 * <p>State: {@code held}, this process's leases, any thread may give one back (semaphores are not
 * owned).
 */
public final class DistributedSemaphore {
    private final Coordinator coordinator;
    private final String path;
    private final String name;
    private final int initialValue;
    private final boolean bounded;
    private final SharedCount count;  // the lease count, for a Semaphore; null when bounded
    private final InterProcessSemaphoreV2 leases;
    private final Deque<Holding> held = new ConcurrentLinkedDeque<>();
    private final Acquisitions acquisitions;

    DistributedSemaphore(Coordinator coordinator, String path, String name, int value,
                         boolean bounded) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0");
        }
        this.coordinator = coordinator;
        this.path = path;
        this.name = name;
        this.acquisitions = Acquisitions.ofLeases(coordinator, path);
        this.bounded = bounded;
        coordinator.ensureNode(path + "/value", Integer.toString(value).getBytes(StandardCharsets.UTF_8));
        this.initialValue = Integer.parseInt(new String(ZooKeeperCalls.quickly("reading " + path,
                () -> coordinator.client().getData().forPath(path + "/value")),
                StandardCharsets.UTF_8));
        sameAs(value);
        if (bounded) {
            this.count = null;
            this.leases = new InterProcessSemaphoreV2(coordinator.client(), path, value);
        } else {
            this.count = new SharedCount(coordinator.client(), path + "/count", value);
            ZooKeeperCalls.quickly("starting " + this, count::start);
            this.leases = new InterProcessSemaphoreV2(coordinator.client(), path, count);
        }
    }

    /** This semaphore, if {@code value} is the one it was made with (by any process). */
    DistributedSemaphore sameAs(int value) {
        if (value != initialValue) {
            throw new IllegalArgumentException(kind() + " '" + name + "' was made with value "
                    + initialValue + ", not " + value);
        }
        return this;
    }

    /** {@code acquire()}: waits as long as it takes. */
    public boolean acquire() throws InterruptedException {
        return acquireWithin(Timeouts.FOREVER);
    }

    /**
     * Waits up to {@code waitNanos} for a permit ({@link Timeouts#FOREVER}: as long as it takes;
     * 0: a try). The Python façade turns CPython's (blocking, timeout) into this.
     */
    public boolean acquireWithin(long waitNanos) throws InterruptedException {
        coordinator.checkOpen();
        long epoch = coordinator.session().epoch();
        return acquisitions.takeLease("acquiring " + this, leases, path, waitNanos, epoch,
                held::push, node -> held.stream().anyMatch(holding -> holding.node.equals(node)));
    }

    /** Waits up to {@code timeout} for a permit; false if none came. */
    public boolean tryAcquire(java.time.Duration timeout) throws InterruptedException {
        return acquireWithin(Timeouts.javaWaitNanos(Timeouts.durationToNanos(timeout)));
    }

    public Guard guard() throws InterruptedException {
        acquire();
        return () -> release(1);
    }

    public void release() {
        release(1);
    }

    /**
     * {@code release(n)}: gives back {@code n} permits. Leases this process holds go first;
     * the rest raise the lease count (Semaphore) or are refused before anything is given back
     * (BoundedSemaphore). A lease from a lost session counts as given back, and the call then
     * throws {@link SessionLostException}.
     */
    public void release(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be one or more");
        }
        if (bounded && held.size() < n) {
            throw new IllegalArgumentException("Semaphore released too many times");
        }
        SessionLostException lost = null;
        int returned = 0;
        for (; returned < n; returned++) {
            Holding holding = held.poll();
            if (holding == null) {
                break;
            }
            holding.returnLease(leases);
            if (!coordinator.session().isCurrent(holding.epoch) && lost == null) {
                lost = new SessionLostException("the ZooKeeper session that held a permit of "
                        + this + " was lost: another process may hold it now");
            }
        }
        if (returned < n) {
            if (bounded) {
                throw new IllegalArgumentException("Semaphore released too many times");
            }
            raiseCount(n - returned);
        }
        if (lost != null) {
            throw lost;
        }
    }

    private void raiseCount(int by) {
        ZooKeeperCalls.quickly("releasing " + this, () -> {
            while (true) {
                VersionedValue<Integer> now = count.getVersionedValue();
                long raised = (long) now.getValue() + by;
                if (raised > Integer.MAX_VALUE) {
                    throw new io.jthreading.OverflowException("the value of " + this + " would pass " + Integer.MAX_VALUE);
                }
                if (count.trySetCount(now, (int) raised)) {
                    return;
                }
            }
        });
    }

    /** Permits free now: the lease count minus the leases taken (a snapshot). */
    public int value() {
        int total = bounded ? initialValue : count.getCount();
        int taken = ZooKeeperCalls.participants("reading " + this, leases::getParticipantNodes).size();
        return Math.max(0, total - taken);
    }

    /** Leases this process holds. */
    public int heldHere() {
        return held.size();
    }

    /** The fencing token of this process's most recent lease. */
    public long fencingToken() {
        Holding holding = held.peek();
        if (holding == null) {
            throw new IllegalMonitorStateException("this process holds no permit of " + this);
        }
        return holding.fencingToken(coordinator, toString());
    }

    public boolean isBounded() {
        return bounded;
    }

    public int initialValue() {
        return initialValue;
    }

    public String name() {
        return name;
    }

    private String kind() {
        return bounded ? "BoundedSemaphore" : "Semaphore";
    }

    @Override
    public String toString() {
        return "distributed " + kind() + " '" + name + "'";
    }
}
