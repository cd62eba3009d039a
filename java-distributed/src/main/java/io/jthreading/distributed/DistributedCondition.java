package io.jthreading.distributed;

import java.time.Duration;
import java.util.List;

import io.jthreading.Timeouts;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Python's {@code threading.Condition} across processes, over a distributed Lock or RLock.
 *
 * <p>Waiter nodes: {@link #awaitNanos} creates an ephemeral sequential node under
 * {@code <path>/waiters} <em>before</em> it releases the lock; {@link #notify(int)}, called with
 * the lock held, deletes the oldest {@code n} of them. A waiter was notified exactly when its
 * node is gone, so a notification is never lost: it cannot fall between a waiter's release of
 * the lock and the start of its wait. A waiter that times out deletes its own node; if the node
 * was gone already, a notify got there first and the wait returns True, as in CPython. A waiter
 * whose process dies takes its node with its session, so a notify skips it.
 */
public final class DistributedCondition {
    private final Coordinator coordinator;
    private final String waiters;
    private final String name;
    private final DistributedLockBase lock;

    DistributedCondition(Coordinator coordinator, String path, String name, DistributedLockBase lock) {
        this.coordinator = coordinator;
        this.waiters = path + "/waiters";
        this.name = name;
        this.lock = lock;
        coordinator.ensureNode(waiters, new byte[0]);
    }

    public DistributedLockBase lock() {
        return lock;
    }

    /** {@code wait()}: releases the lock, waits for a notify, takes the lock again. */
    public boolean await() throws InterruptedException {
        return awaitNanos(Timeouts.FOREVER);
    }

    public boolean await(Duration timeout) throws InterruptedException {
        return awaitNanos(Timeouts.javaWaitNanos(Timeouts.durationToNanos(timeout)));
    }

    /** {@code wait(timeout)}: true if notified, false if {@code nanos} passed first. */
    public boolean awaitNanos(long nanos) throws InterruptedException {
        if (!lock.isOwned()) {
            throw new IllegalMonitorStateException("cannot wait on un-acquired lock");
        }
        long deadline = Wakeup.deadline(nanos);
        if (Thread.interrupted()) {
            throw new InterruptedException();  // as j.u.c's await: before anything else
        }
        String node = createWaiterNode();
        if (Thread.interrupted()) {
            deleteIfPresent(node);  // interrupted while the node was made: no wait, no node
            throw new InterruptedException();
        }
        long saved;
        try {
            saved = lock.releaseSave();
        } catch (RuntimeException e) {
            // The lock's session was lost (SessionLostException): no wait happens, so the node
            // goes too, or it would be a ghost waiter that swallows the next notify (found by
            // the tests).
            deleteIfPresent(node);
            throw e;
        }
        Wakeup wakeup = new Wakeup();
        coordinator.session().addWaker(wakeup);
        boolean notified = false;
        try {
            notified = waitUntilGone(node, wakeup, deadline);
        } finally {
            coordinator.session().removeWaker(wakeup);
            // Neither step is cut short by an interrupt: a waiter node left behind would
            // swallow a later notify, and a wait must end holding the lock (found by
            // interrupting waits at random moments).
            try {
                if (!notified) {
                    notified = !deleteIfPresent(node);  // gone already: a notify won the race
                }
            } finally {
                // As j.u.c's await: never without the lock, the interrupt kept for the caller.
                ZooKeeperCalls.uninterruptibly(() -> lock.acquireRestore(saved));
            }
        }
        return notified;
    }

    private boolean waitUntilGone(String node, Wakeup wakeup, long deadline)
            throws InterruptedException {
        while (true) {
            wakeup.arm();
            Stat stat = ZooKeeperCalls.interruptibly("waiting on " + this,
                    () -> coordinator.client().checkExists().usingWatcher(wakeup).forPath(node));
            if (stat == null) {
                return true;
            }
            if (!wakeup.await(deadline)) {
                return false;
            }
        }
    }

    /** Makes this wait's waiter node; never cut short by an interrupt. */
    private String createWaiterNode() {
        String what = "waiting on " + this;
        CuratorEvent made = InBackground.call(what, callback -> coordinator.client().create()
                .withMode(CreateMode.EPHEMERAL_SEQUENTIAL).inBackground(callback)
                .forPath(waiters + "/waiter-"));
        InBackground.check(made, what);
        return made.getName();
    }

    /** Deletes {@code node}; false if it was gone already. Never cut short by an interrupt. */
    private boolean deleteIfPresent(String node) {
        String what = "leaving " + this;
        CuratorEvent deleted = InBackground.call(what,
                callback -> coordinator.client().delete().inBackground(callback).forPath(node));
        if (deleted.getResultCode() == KeeperException.Code.NONODE.intValue()) {
            return false;
        }
        InBackground.check(deleted, what);
        return true;
    }

    /** {@code notify(n)}: wakes the {@code n} longest waiters, of any process. */
    public void notify(int n) {
        if (!lock.isOwned()) {
            throw new IllegalMonitorStateException("cannot notify on un-acquired lock");
        }
        if (n <= 0) {
            return;
        }
        List<String> children = ZooKeeperCalls.quickly("notifying " + this,
                () -> coordinator.client().getChildren().forPath(waiters));
        // The sequence suffix orders the waiters (the names differ only there).
        children.sort(null);
        int woken = 0;
        for (String child : children) {
            if (woken == n) {
                break;
            }
            if (deleteIfPresent(waiters + "/" + child)) {
                woken++;
            }
        }
    }

    /** {@code notify_all()} (Object.notifyAll is final: core's Condition uses this name too). */
    public void notifyAllWaiters() {
        notify(Integer.MAX_VALUE);
    }

    /** Waiters in all processes now (a snapshot). */
    public int waiting() {
        return ZooKeeperCalls.quickly("reading " + this,
                () -> coordinator.client().getChildren().forPath(waiters)).size();
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "distributed Condition '" + name + "'";
    }
}
