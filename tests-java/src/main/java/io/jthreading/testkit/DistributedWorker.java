package io.jthreading.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.jthreading.distributed.Coordinator;
import io.jthreading.distributed.DistributedBarrier;
import io.jthreading.distributed.DistributedEvent;
import io.jthreading.distributed.DistributedLock;
import io.jthreading.distributed.DistributedSemaphore;

/**
 * The Java process of the cross-process test (tests-python/test_distributed_processes.py): the
 * same steps as tests-python/distributed_worker.py, on the same named primitives. A plain Java
 * program: no Python in this JVM.
 *
 * <p>Usage: DistributedWorker HOSTS RUN COUNTER_FILE INCREMENTS ROUNDS ROLE; prints a JSON report.
 */
public final class DistributedWorker {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private DistributedWorker() {
    }

    public static void main(String[] args) throws Exception {
        String hosts = args[0];
        String run = args[1];
        Path counterFile = Path.of(args[2]);
        int increments = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        String role = args[5];
        List<String> fields = new ArrayList<>();
        fields.add("\"language\": \"java\"");
        fields.add("\"role\": \"" + role + "\"");
        try (Coordinator coordinator = Coordinator.connect(hosts)) {
            DistributedLock lock = coordinator.lock(run + "/counter");
            DistributedEvent go = coordinator.event(run + "/go");
            DistributedSemaphore actions = coordinator.semaphore(run + "/actions", 0);
            DistributedBarrier barrier = coordinator.barrier(run + "/rounds", 3,
                    actions::release, WAIT);

            barrier.await();  // everyone connected
            if (role.equals("setter")) {
                go.set();
                fields.add("\"woken\": null");
            } else {
                fields.add("\"set_before_wait\": " + go.isSet());
                fields.add("\"woken\": " + go.await(WAIT));
            }

            List<String> logged = new ArrayList<>();
            for (int i = 0; i < increments; i++) {
                lock.acquire();
                try {
                    String text = Files.readString(counterFile, StandardCharsets.US_ASCII).trim();
                    int value = (text.isEmpty() ? 0 : Integer.parseInt(text)) + 1;
                    Files.writeString(counterFile, Integer.toString(value), StandardCharsets.US_ASCII);
                    logged.add("[" + lock.fencingToken() + ", " + value + "]");
                } finally {
                    lock.release();
                }
            }
            fields.add("\"increments\": [" + String.join(", ", logged) + "]");

            List<String> indices = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                indices.add(Integer.toString(barrier.await()));
            }
            fields.add("\"indices\": [" + String.join(", ", indices) + "]");
        }
        System.out.println("{" + String.join(", ", fields) + "}");
    }
}
