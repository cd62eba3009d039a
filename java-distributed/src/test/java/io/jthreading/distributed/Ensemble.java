package io.jthreading.distributed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;

/**
 * A real 3-node ZooKeeper ensemble on loopback in the test JVM (curator-test's TestingCluster),
 * with short ticks so that elections and session expiry take seconds, and the means to find and
 * kill its leader.
 */
final class Ensemble implements AutoCloseable {
    private final TestingCluster cluster;
    private final Set<InstanceSpec> killed = new HashSet<>();

    Ensemble() throws Exception {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // Ticks of TICK_MILLIS: sessions may be 1 to 10 s; "srvr" tells each node's role.
            specs.add(new InstanceSpec(null, -1, -1, -1, true, -1, Zk.TICK_MILLIS, -1,
                    Map.of("4lw.commands.whitelist", "srvr")));
        }
        cluster = new TestingCluster(specs);
        cluster.start();
        awaitWhole();
    }

    String connectString() {
        return cluster.getConnectString();
    }

    Coordinator coordinator(Duration session) {
        return Coordinator.connect(connectString(), session, Zk.CONNECT);
    }

    /** Kills the current leader (as a crash: no clean hand-over); returns it. */
    InstanceSpec killLeader() throws Exception {
        InstanceSpec leader = leader();
        if (!cluster.killServer(leader)) {
            throw new AssertionError("could not kill " + leader);
        }
        killed.add(leader);
        return leader;
    }

    /** Waits until the surviving nodes have elected a leader again. */
    void awaitLeader() {
        Zk.until(() -> leaderOrNull() != null, "a leader elected");
    }

    /** Restarts the killed nodes and waits until all three serve again under one leader. */
    void heal() throws Exception {
        for (InstanceSpec spec : killed) {
            cluster.restartServer(spec);
        }
        killed.clear();
        awaitWhole();
    }

    private void awaitWhole() {
        Zk.until(() -> {
            int leaders = 0;
            for (InstanceSpec spec : cluster.getInstances()) {
                String mode = mode(spec);
                if (mode == null) {
                    return false;
                }
                leaders += mode.equals("leader") ? 1 : 0;
            }
            return leaders == 1;
        }, "three nodes serving under one leader");
    }

    InstanceSpec leader() {
        Zk.until(() -> leaderOrNull() != null, "a leader");
        return leaderOrNull();
    }

    private InstanceSpec leaderOrNull() {
        for (InstanceSpec spec : cluster.getInstances()) {
            if (!killed.contains(spec) && "leader".equals(mode(spec))) {
                return spec;
            }
        }
        return null;
    }

    /** The node's "Mode:" from the srvr command (leader, follower), or null if it does not serve. */
    private static String mode(InstanceSpec spec) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(spec.getHostname(), spec.getPort()), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            for (String line : reply.split("\n")) {
                if (line.startsWith("Mode: ")) {
                    return line.substring("Mode: ".length()).trim();
                }
            }
            return null;  // "This ZooKeeper instance is not currently serving requests"
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        cluster.close();
    }
}
