package io.jthreading.distributed;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A single-node ZooKeeper server on loopback, in this JVM: the coordinator's default when no
 * ensemble is given, and {@code jthreading zk-server} for several processes on one machine.
 * Not an ensemble: no failover. Its data lives in a temporary folder deleted at close, unless a
 * data folder is given.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    /** ZooKeeper's own default: sessions may last 2 to 20 ticks. */
    public static final int TICK_MILLIS = 2000;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;
    private final Path dataDir;
    private final boolean deleteDataDir;

    private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory connections, Path dataDir,
                              boolean deleteDataDir) {
        this.server = server;
        this.connections = connections;
        this.dataDir = dataDir;
        this.deleteDataDir = deleteDataDir;
    }

    /** A server on a free loopback port, with its data in a temporary folder. */
    public static EmbeddedZooKeeper start() {
        return start(0, null, TICK_MILLIS);
    }

    /**
     * A server on {@code port} of loopback (0: a free one), with its data in {@code dataDir}
     * (null: a temporary folder deleted at close).
     */
    public static EmbeddedZooKeeper start(int port, Path dataDir, int tickMillis) {
        Path dir = dataDir;
        try {
            boolean temporary = dir == null;
            if (temporary) {
                dir = Files.createTempDirectory("jthreading-zookeeper-");
            } else {
                Files.createDirectories(dir);
            }
            File files = dir.toFile();
            ZooKeeperServer server = new ZooKeeperServer(files, files, tickMillis);
            ServerCnxnFactory connections = ServerCnxnFactory.createFactory(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            connections.startup(server);
            return new EmbeddedZooKeeper(server, connections, dir, temporary);
        } catch (IOException e) {
            throw new CoordinationException("could not start ZooKeeper on port " + port + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException("interrupted while starting ZooKeeper", e);
        }
    }

    public int port() {
        return connections.getLocalPort();
    }

    /** "127.0.0.1:port", for {@link Coordinator#connect(String)} in any local process. */
    public String connectString() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
        if (deleteDataDir) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary folder left behind is harmless
            }
        }
    }

    /**
     * {@code jthreading zk-server}: runs a standalone server until killed.
     * Arguments: {@code [--port N] [--data-dir DIR] [--tick-ms N]}; prints the connect string.
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedZooKeeper server;
        try {
            server = startFromArguments(args);
        } catch (IllegalArgumentException e) {
            System.err.println("jthreading zk-server: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException | LinkageError e) {
            // Exit: threads ZooKeeper started before the failure would keep the JVM running.
            System.err.println("jthreading zk-server: could not start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "zk-server shutdown"));
        System.out.println("jthreading zk-server: ZooKeeper at " + server.connectString()
                + (server.deleteDataDir ? " (data in a temporary folder)"
                        : " (data in " + server.dataDir + ")"));
        System.out.flush();
        Thread.currentThread().join();
    }

    private static EmbeddedZooKeeper startFromArguments(String[] args) {
        int port = 2181;
        Path dataDir = null;
        int tick = TICK_MILLIS;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(value, "--port"));
                case "--data-dir" -> dataDir = Path.of(required(value, "--data-dir"));
                case "--tick-ms" -> tick = Integer.parseInt(required(value, "--tick-ms"));
                default -> throw usage("unknown argument " + args[i]);
            }
            i++;
        }
        return start(port, dataDir, tick);
    }

    private static String required(String value, String option) {
        if (value == null) {
            throw usage(option + " needs a value");
        }
        return value;
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem
                + "; usage: jthreading zk-server [--port N] [--data-dir DIR] [--tick-ms N]");
    }
}
