package io.jthreading.distributed;

import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.zookeeper.WatchedEvent;

/**
 * One waiter's wake-up: a ZooKeeper watch fires it, and so does any change of the session's
 * state. A waiter re-reads the node after every wake-up, and after {@link #RECHECK_NANOS} at the
 * latest: a watch set in a session that then expired never fires, and the re-check costs one read
 * per waiter every few seconds.
 */
final class Wakeup implements CuratorWatcher, Runnable {
    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** A deadline that never comes. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private boolean woken;

    synchronized void arm() {
        woken = false;
    }

    @Override
    public synchronized void process(WatchedEvent event) {
        woken = true;
        notifyAll();
    }

    @Override
    public synchronized void run() {
        woken = true;
        notifyAll();
    }

    /** Waits for a wake-up, the re-check time, or the deadline; false once the deadline passed. */
    synchronized boolean await(long deadline) throws InterruptedException {
        long recheck = System.nanoTime() + RECHECK_NANOS;
        while (!woken) {
            long now = System.nanoTime();
            if (deadline != NO_DEADLINE && now - deadline >= 0) {
                return false;
            }
            long until = deadline == NO_DEADLINE || recheck - deadline < 0 ? recheck : deadline;
            long left = until - now;
            if (left <= 0) {
                return true;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** The deadline for a wait of {@code nanos} ({@code Timeouts.FOREVER}: none). */
    static long deadline(long nanos) {
        if (nanos < 0 || nanos >= (1L << 61)) {
            return NO_DEADLINE;
        }
        return System.nanoTime() + nanos;
    }

    static long left(long deadline) {
        return deadline == NO_DEADLINE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
    }
}
