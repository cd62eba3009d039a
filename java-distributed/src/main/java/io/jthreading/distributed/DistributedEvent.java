package io.jthreading.distributed;

import java.time.Duration;

import io.jthreading.Timeouts;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Python's {@code threading.Event} across processes: one node whose data is "1" (set) or "0".
 *
 * <p>Invariant: {@link #set()} and {@link #clear()} write only when they change the flag, so
 * every write of the node is a change. A waiter that read "0" at version v therefore knows a
 * {@code set()} happened as soon as it reads any later version, even if the flag was cleared
 * again since: it returns True, as CPython's waiters woken by {@code set()} do.
 */
public final class DistributedEvent {
    private static final byte[] SET = {'1'};
    private static final byte[] CLEAR = {'0'};

    private final Coordinator coordinator;
    private final String path;
    private final String name;

    DistributedEvent(Coordinator coordinator, String path, String name) {
        this.coordinator = coordinator;
        this.path = path;
        this.name = name;
        coordinator.ensureNode(path, CLEAR);
    }

    public boolean isSet() {
        coordinator.checkOpen();
        return isSet(ZooKeeperCalls.quickly("reading " + this,
                () -> coordinator.client().getData().forPath(path)));
    }

    public void set() {
        write(SET);
    }

    public void clear() {
        write(CLEAR);
    }

    private void write(byte[] flag) {
        coordinator.checkOpen();
        ZooKeeperCalls.quickly("writing " + this, () -> {
            while (true) {
                Stat stat = new Stat();
                byte[] now = coordinator.client().getData().storingStatIn(stat).forPath(path);
                if (isSet(now) == isSet(flag)) {
                    return;
                }
                try {
                    coordinator.client().setData().withVersion(stat.getVersion()).forPath(path, flag);
                    return;
                } catch (KeeperException.BadVersionException raced) {
                    // another process wrote first: look again
                }
            }
        });
    }

    /** {@code wait()}: waits as long as it takes; always true. */
    public boolean await() throws InterruptedException {
        return awaitNanos(Timeouts.FOREVER);
    }

    public boolean await(Duration timeout) throws InterruptedException {
        return awaitNanos(Timeouts.javaWaitNanos(Timeouts.durationToNanos(timeout)));
    }

    /**
     * {@code wait(timeout)}: true once the flag is set or was set since the wait began, false
     * when {@code nanos} passed first ({@link Timeouts#FOREVER}: no timeout).
     */
    public boolean awaitNanos(long nanos) throws InterruptedException {
        coordinator.checkOpen();
        long deadline = Wakeup.deadline(nanos);
        Wakeup wakeup = new Wakeup();
        coordinator.session().addWaker(wakeup);
        try {
            int firstVersion = -1;
            while (true) {
                wakeup.arm();
                Stat stat = new Stat();
                byte[] flag = ZooKeeperCalls.interruptibly("waiting on " + this,
                        () -> coordinator.client().getData().storingStatIn(stat)
                                .usingWatcher(wakeup).forPath(path));
                if (isSet(flag) || firstVersion >= 0 && stat.getVersion() != firstVersion) {
                    return true;
                }
                if (firstVersion < 0) {
                    firstVersion = stat.getVersion();
                }
                if (!wakeup.await(deadline)) {
                    return false;
                }
            }
        } finally {
            coordinator.session().removeWaker(wakeup);
        }
    }

    private static boolean isSet(byte[] flag) {
        return flag != null && flag.length == 1 && flag[0] == '1';
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "distributed Event '" + name + "'";
    }
}
