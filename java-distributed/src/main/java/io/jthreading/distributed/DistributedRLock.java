package io.jthreading.distributed;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jthreading.Timeouts;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;

/**
 * Python's {@code threading.RLock} across processes: Curator's {@code InterProcessMutex},
 * reentrant and owned by the thread that acquired it, as in CPython. Its contenders queue by
 * ZooKeeper's sequence suffix ({@link SequenceOrder}), so kazoo's Lock on the same path (with
 * {@code extra_lock_patterns=("-lock-",)}) shares it.
 *
 * <p>State, touched only by the owning thread: {@code count} (this thread's recursion depth,
 * the same as Curator's own) and {@code holding} (the ZooKeeper node and session epoch of the
 * outermost acquire). Curator keeps the owner.
 */
public final class DistributedRLock extends DistributedLockBase {
    private final InterProcessMutex mutex;
    private final Acquisitions acquisitions;
    private int count;
    private Holding holding;

    DistributedRLock(Coordinator coordinator, String path, String name) {
        super(coordinator, path, name);
        this.mutex = new InterProcessMutex(coordinator.client(), path, new SequenceOrder());
        this.acquisitions = new Acquisitions(coordinator, List.of(path));
    }

    @Override
    boolean acquireWithin(long waitNanos) throws InterruptedException {
        coordinator.checkOpen();
        if (mutex.isOwnedByCurrentThread()) {
            // Reentry: Curator counts it without asking ZooKeeper.
            ZooKeeperCalls.interruptibly("acquiring " + this, () -> {
                mutex.acquire();
                return null;
            });
            count++;
            return true;
        }
        long epoch = coordinator.session().epoch();
        return acquisitions.run("acquiring " + this, waitNanos, left -> {
            boolean acquired = true;
            if (Timeouts.isEffectivelyForever(left)) {
                mutex.acquire();
            } else {
                acquired = mutex.acquire(left, TimeUnit.NANOSECONDS);
            }
            if (acquired) {
                count = 1;
                holding = new Holding(null, epoch, null);
            }
            return acquired;
        }, false, this::isLocalHoldersNode);
    }

    @Override
    public void release() {
        if (!mutex.isOwnedByCurrentThread()) {
            throw new IllegalMonitorStateException("cannot release un-acquired lock");
        }
        Holding outermost = holding;
        count--;
        if (count == 0) {
            holding = null;
        }
        try {
            coordinator.session().check(outermost.epoch, toString());
        } finally {
            ZooKeeperCalls.withInterruptSetAside(this::releaseInCurator);
        }
    }

    /** Whether {@code node} is the node of a thread of this process that holds the lock. */
    private boolean isLocalHoldersNode(String node) {
        if (!mutex.isAcquiredInThisProcess()) {
            return false;
        }
        try {
            // The holder's node sorts first among the participants while it holds.
            Iterator<String> nodes = mutex.getParticipantNodes().iterator();
            return nodes.hasNext() && nodes.next().equals(node);
        } catch (Exception e) {
            return true;  // cannot tell: keep it
        }
    }

    private void releaseInCurator() {
        try {
            mutex.release();
        } catch (InterruptedException e) {
            // Interrupted during the delete: Curator has let go locally and finishes the delete
            // in the background (a guaranteed delete), so the release is done; the interrupt
            // is kept for what the thread does next (found by interrupting Condition waits).
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            ZooKeeperCalls.quickly("releasing " + this, () -> {
                throw e;
            });
        }
    }

    @Override
    public boolean isOwned() {
        return mutex.isOwnedByCurrentThread();
    }

    /** How many times the calling thread holds it (0 if it does not). */
    public int holdCount() {
        return mutex.isOwnedByCurrentThread() ? count : 0;
    }

    @Override
    public long fencingToken() {
        if (!mutex.isOwnedByCurrentThread()) {
            throw new IllegalMonitorStateException("cannot read the fencing token of an "
                    + "un-acquired lock");
        }
        Holding current = holding;
        if (current.node == null) {
            coordinator.session().check(current.epoch, toString());
            // The owner's node sorts first among the mutex's participants while it holds.
            Iterator<String> nodes = ZooKeeperCalls.participants("reading " + this,
                    mutex::getParticipantNodes).iterator();
            if (!nodes.hasNext()) {
                throw new SessionLostException("the ZooKeeper node that held " + this
                        + " is gone: its session was lost, another process may hold it now");
            }
            current = new Holding(nodes.next(), current.epoch, null);
            holding = current;
        }
        return current.fencingToken(coordinator, toString());
    }

    @Override
    public void check() {
        if (!mutex.isOwnedByCurrentThread()) {
            throw new IllegalMonitorStateException("cannot check an un-acquired lock");
        }
        coordinator.session().check(holding.epoch, toString());
    }

    @Override
    long releaseSave() {
        if (!mutex.isOwnedByCurrentThread()) {
            throw new IllegalMonitorStateException("cannot release un-acquired lock");
        }
        int saved = count;
        for (int i = 0; i < saved; i++) {
            release();
        }
        return saved;
    }

    @Override
    void acquireRestore(long saved) throws InterruptedException {
        acquire();
        for (long i = 1; i < saved; i++) {
            acquire();
        }
    }

    @Override
    public boolean locked() {
        if (mutex.isAcquiredInThisProcess()) {
            return true;
        }
        return !ZooKeeperCalls.participants("reading " + this, mutex::getParticipantNodes).isEmpty();
    }

    @Override
    public String toString() {
        return "distributed RLock '" + name + "'";
    }
}
