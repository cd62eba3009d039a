package io.jthreading.distributed;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;

/**
 * One process's connection to a ZooKeeper ensemble, and the factory of its named primitives:
 * {@code coordinator.lock("jobs/db")} in one process and in another are the same lock.
 *
 * <p>The same name and kind give the same object within a coordinator, so two parts of one
 * program that ask for "jobs/db" exclude each other as they would with one lock. What a
 * primitive holds belongs to this coordinator's ZooKeeper session: when the process dies, or the
 * session expires, ZooKeeper releases it for the others (after the session timeout), and the
 * holder is told ({@link SessionLostException}).
 *
 * <p>With no ensemble address, the coordinator starts a single-node ZooKeeper in this JVM
 * ({@link EmbeddedZooKeeper}) and stops it at {@link #close()}. Close a coordinator
 * (try-with-resources): its session then ends at once, releasing what it held, where a
 * process that just exits leaves the others waiting for the session timeout; and an embedded
 * server's threads keep a JVM alive until it is closed, as an ExecutorService's do.
 */
public final class Coordinator implements AutoCloseable {
    /** The default session timeout: a dead holder's primitives are free after at most this. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    /** No longer than the session timeout: Curator warns otherwise, since a connection that
     *  takes longer than the session lasts would find the session gone. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private final CuratorFramework client;
    private final String ensemble;
    private final EmbeddedZooKeeper ownServer;
    private final SessionWatch session = new SessionWatch();
    private final Map<String, Object> primitives = new ConcurrentHashMap<>();

    private Coordinator(String ensemble, EmbeddedZooKeeper ownServer, Duration sessionTimeout,
                        Duration connectionTimeout) {
        this.ownServer = ownServer;
        this.ensemble = ensemble;
        this.client = CuratorFrameworkFactory.builder()
                .connectString(ensemble)
                .sessionTimeoutMs(millis(sessionTimeout, "session timeout"))
                .connectionTimeoutMs(millis(connectionTimeout, "connection timeout"))
                // Ride out a leader election or a server restart (seconds) without failing the
                // call: about 30 s of retries in all, well past a session timeout.
                .retryPolicy(new BoundedExponentialBackoffRetry(50, 2000, 20))
                .build();
        session.watch(client);
        client.start();
        try {
            if (!client.blockUntilConnected(millis(connectionTimeout, "connection timeout"),
                    TimeUnit.MILLISECONDS)) {
                client.close();
                throw new CoordinationException("could not connect to ZooKeeper at " + ensemble
                        + " within " + connectionTimeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new CoordinationException("interrupted while connecting to " + ensemble, e);
        }
    }

    /** Connects to {@code "host:port,host:port/chroot"}, with the default timeouts. */
    public static Coordinator connect(String ensemble) {
        return connect(ensemble, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
    }

    /**
     * Connects to {@code ensemble} ({@code null}: an embedded single-node ZooKeeper of its own).
     * The session timeout is what ZooKeeper waits before it releases a silent process's
     * primitives; the server may narrow it to its own bounds (2 to 20 ticks).
     */
    public static Coordinator connect(String ensemble, Duration sessionTimeout,
                                      Duration connectionTimeout) {
        if (ensemble == null) {
            EmbeddedZooKeeper server = EmbeddedZooKeeper.start();
            try {
                return new Coordinator(server.connectString(), server, sessionTimeout,
                        connectionTimeout);
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
        }
        if (ensemble.isBlank()) {
            throw new IllegalArgumentException("hosts must not be empty");
        }
        return new Coordinator(ensemble, null, sessionTimeout, connectionTimeout);
    }

    /** A coordinator on an embedded single-node ZooKeeper of its own (tests, demos). */
    public static Coordinator embedded() {
        return connect(null, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
    }

    // ---- the primitives -----------------------------------------------------------------

    public DistributedLock lock(String name) {
        return made("lock", name, path -> new DistributedLock(this, path, name));
    }

    public DistributedRLock rLock(String name) {
        return made("rlock", name, path -> new DistributedRLock(this, path, name));
    }

    public DistributedSemaphore semaphore(String name, int value) {
        DistributedSemaphore made = made("semaphore", name,
                path -> new DistributedSemaphore(this, path, name, value, false));
        return made.sameAs(value);
    }

    public DistributedSemaphore boundedSemaphore(String name, int value) {
        DistributedSemaphore made = made("bounded-semaphore", name,
                path -> new DistributedSemaphore(this, path, name, value, true));
        return made.sameAs(value);
    }

    public DistributedEvent event(String name) {
        return made("event", name, path -> new DistributedEvent(this, path, name));
    }

    public DistributedBarrier barrier(String name, int parties) {
        return barrier(name, parties, null, null);
    }

    /** {@code Barrier(parties, action, timeout)}; a null timeout waits forever. */
    public DistributedBarrier barrier(String name, int parties, Runnable action, Duration timeout) {
        DistributedBarrier made = made("barrier", name,
                path -> new DistributedBarrier(this, path, name, parties, action, timeout));
        return made.sameAs(parties);
    }

    /** A Condition with its own distributed RLock (CPython's default). */
    public DistributedCondition condition(String name) {
        return made("condition", name,
                path -> new DistributedCondition(this, path, name,
                        new DistributedRLock(this, path + "/lock", name)));
    }

    /** A Condition over {@code lock}, a {@link DistributedLock} or {@link DistributedRLock}. */
    public DistributedCondition condition(String name, DistributedLockBase lock) {
        Objects.requireNonNull(lock, "lock");
        if (lock.coordinator() != this) {
            throw new IllegalArgumentException("the lock belongs to another coordinator");
        }
        DistributedCondition made = made("condition", name,
                path -> new DistributedCondition(this, path, name, lock));
        if (made.lock() != lock) {
            throw new IllegalArgumentException("condition '" + name
                    + "' was made with another lock in this process");
        }
        return made;
    }

    @SuppressWarnings("unchecked")
    private <T> T made(String kind, String name, Function<String, T> make) {
        String path = Names.path(kind, name);
        checkOpen();
        return (T) primitives.computeIfAbsent(path, make::apply);
    }

    // ---- the session --------------------------------------------------------------------

    /**
     * Curator's view of the connection: CONNECTED, SUSPENDED (no server reachable; what is held
     * may be lost if it lasts a session timeout), RECONNECTED, LOST (the session ended: every
     * holding made before is gone), READ_ONLY.
     */
    public String state() {
        return session.state();
    }

    /** The ZooKeeper session id (it changes when a lost session is replaced). */
    public long sessionId() {
        return ZooKeeperCalls.quickly("reading the session id",
                () -> client.getZookeeperClient().getZooKeeper().getSessionId());
    }

    /** The connect string: the ensemble's as given, or the embedded server's. */
    public String hosts() {
        return ensemble;
    }

    /** The embedded server's connect string, or null when connected to an ensemble. */
    public String embeddedConnectString() {
        return ownServer == null ? null : ownServer.connectString();
    }

    public boolean isClosed() {
        return client.getState() == org.apache.curator.framework.imps.CuratorFrameworkState.STOPPED;
    }

    /** Ends the session (ZooKeeper releases everything it held at once) and the embedded server. */
    @Override
    public void close() {
        if (isClosed()) {
            return;
        }
        client.close();
        if (ownServer != null) {
            ownServer.close();
        }
    }

    // ---- for the primitives -------------------------------------------------------------

    CuratorFramework client() {
        return client;
    }

    SessionWatch session() {
        return session;
    }

    void checkOpen() {
        if (isClosed()) {
            throw new IllegalStateException("the coordinator is closed");
        }
    }

    /** Creates {@code path} (and its parents) as persistent nodes holding {@code data}, if absent. */
    void ensureNode(String path, byte[] data) {
        ZooKeeperCalls.quickly("creating " + path, () -> {
            try {
                client.create().creatingParentsIfNeeded().forPath(path, data);
            } catch (KeeperException.NodeExistsException ignored) {
                // made by another process, or by an earlier run: the first data wins
            }
        });
    }

    private static int millis(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        long millis = duration.toMillis();
        if (millis <= 0 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be positive and below 24 days");
        }
        return (int) millis;
    }
}
