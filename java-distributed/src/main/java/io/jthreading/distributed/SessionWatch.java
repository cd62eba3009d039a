package io.jthreading.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;

/**
 * The coordinator's view of its ZooKeeper session, for the holdings made in it.
 *
 * <p>Invariant: {@link #epoch()} grows each time Curator reports the session LOST (expired, or
 * given up after the session timeout without a connection), and each time Curator replaces its
 * ZooKeeper handle (it does so on expiry, before the new session exists, whereas the LOST report
 * reaches listeners later, on another thread: counting only LOST left a window in which a holder
 * in the new session was told it still held). A holding records the
 * epoch it was made in; once the epoch has moved on, ZooKeeper has deleted (or will delete) its
 * ephemeral node and another process may hold the primitive, so the holding is lost for good,
 * whatever the connection does next.
 */
final class SessionWatch implements ConnectionStateListener {
    private volatile long epoch;
    private volatile CuratorFramework client;
    private volatile ConnectionState state = ConnectionState.CONNECTED;
    private final List<Runnable> onChange = new CopyOnWriteArrayList<>();

    void watch(CuratorFramework client) {
        this.client = client;
        client.getConnectionStateListenable().addListener(this);
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState newState) {
        if (newState == ConnectionState.LOST) {
            epoch++;  // one writer: Curator's event thread
        }
        state = newState;
        for (Runnable wake : new ArrayList<>(onChange)) {
            wake.run();  // waiters re-check rather than trust a watch the session may have lost
        }
    }

    long epoch() {
        // Both counters only grow, so their sum changes whenever either does.
        return epoch + client.getZookeeperClient().getInstanceIndex();
    }

    String state() {
        return state.name();
    }

    /** Called on every state change; a waiter's wake-up. */
    void addWaker(Runnable wake) {
        onChange.add(wake);
    }

    void removeWaker(Runnable wake) {
        onChange.remove(wake);
    }

    /** Whether a holding made in {@code heldEpoch} can still be trusted. */
    boolean isCurrent(long heldEpoch) {
        return epoch() == heldEpoch && state != ConnectionState.LOST;
    }

    /** Throws if a holding made in {@code heldEpoch} cannot be trusted any more. */
    void check(long heldEpoch, String what) {
        if (!isCurrent(heldEpoch)) {
            throw new SessionLostException("the ZooKeeper session that held " + what
                    + " was lost: another process may hold it now");
        }
    }
}
