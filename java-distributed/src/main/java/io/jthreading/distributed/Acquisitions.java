package io.jthreading.distributed;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.jthreading.Timeouts;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The Curator acquires of one primitive in this process, one at a time, and the clean-up after
 * one that failed.
 *
 * <p>Why: interrupted while it waits for ZooKeeper's answer, a Curator recipe cannot always
 * delete the node it made (its delete fails on the very interrupt), and the node stays for the
 * session's life: a Lock held by nobody, forever (found by interrupting acquires at random
 * moments: 1 in ~30). Since this process's acquirers of a primitive take turns, a node of this
 * session under the recipe's folders that no holding here claims can only be such a leftover,
 * and is deleted before the exception goes on.
 */
final class Acquisitions {
    @FunctionalInterface
    interface Acquire<T> {
        /** Curator's acquire, waiting up to {@code waitNanos} (FOREVER: as long as it takes). */
        T run(long waitNanos) throws Exception;
    }

    private final Coordinator coordinator;
    private final List<String> folders;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);

    /** {@code folders}: where the recipe makes its nodes. */
    Acquisitions(Coordinator coordinator, List<String> folders) {
        this.coordinator = coordinator;
        this.folders = folders;
    }

    /**
     * Runs {@code acquire} within {@code waitNanos} (0: a try); {@code notAcquired} if the wait
     * ran out in the queue of this process. {@code held} tells this session's nodes that belong
     * to holdings (never deleted). {@code acquire} records its holding before it returns.
     */
    <T> T run(String what, long waitNanos, Acquire<T> acquire, T notAcquired,
              Predicate<String> held) throws InterruptedException {
        boolean forever = Timeouts.isEffectivelyForever(waitNanos);
        long deadline = Wakeup.deadline(forever ? Timeouts.FOREVER : waitNanos);
        if (forever) {
            oneAtATime.lockInterruptibly();
        } else if (!oneAtATime.tryLock(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
            return notAcquired;
        }
        try {
            long left = forever ? Timeouts.FOREVER : Wakeup.left(deadline);
            return ZooKeeperCalls.interruptibly(what, () -> acquire.run(left));
        } catch (InterruptedException | RuntimeException e) {
            ZooKeeperCalls.withInterruptSetAside(() -> removeLeftovers(held));
            throw e;
        } finally {
            oneAtATime.unlock();
        }
    }

    /** For Curator's semaphore recipe at {@code path} (a Lock's, a Semaphore's): its lease
     *  nodes and its internal lock's. */
    static Acquisitions ofLeases(Coordinator coordinator, String path) {
        return new Acquisitions(coordinator, List.of(path + "/leases", path + "/locks"));
    }

    /**
     * {@link #run} for a lease of {@code leases}, the recipe at {@code path}: false if none came
     * within {@code waitNanos}; {@code keep} records the holding before this returns.
     */
    boolean takeLease(String what, InterProcessSemaphoreV2 leases, String path, long waitNanos,
                      long epoch, Consumer<Holding> keep, Predicate<String> held)
            throws InterruptedException {
        return run(what, waitNanos, left -> {
            Holding taken = Holding.takeLease(leases, path, left, epoch);
            if (taken == null) {
                return false;
            }
            keep.accept(taken);
            return true;
        }, false, held);
    }

    private void removeLeftovers(Predicate<String> held) {
        try {
            long session = coordinator.sessionId();
            for (String folder : folders) {
                List<String> children;
                try {
                    children = coordinator.client().getChildren().forPath(folder);
                } catch (KeeperException.NoNodeException none) {
                    continue;
                }
                for (String child : children) {
                    String node = folder + "/" + child;
                    Stat stat = held.test(node) ? null
                            : coordinator.client().checkExists().forPath(node);
                    if (stat != null && stat.getEphemeralOwner() == session) {
                        try {
                            coordinator.client().delete().forPath(node);
                        } catch (KeeperException.NoNodeException gone) {
                            // Curator's own background delete got there first
                        }
                    }
                }
            }
        } catch (Exception e) {
            // Best effort: ZooKeeper is unreachable or the session is gone (and its nodes with
            // it); the acquire's own exception is what the caller needs.
        }
    }
}
