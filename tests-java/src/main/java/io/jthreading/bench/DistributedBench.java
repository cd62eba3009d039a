package io.jthreading.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.jthreading.distributed.Coordinator;
import io.jthreading.distributed.DistributedBarrier;
import io.jthreading.distributed.DistributedCondition;
import io.jthreading.distributed.DistributedEvent;
import io.jthreading.distributed.DistributedLock;
import io.jthreading.distributed.DistributedRLock;
import io.jthreading.distributed.DistributedSemaphore;

/**
 * Java side of {@code benchmarks/distributed.py} (not part of the unit tests): the same loops as
 * the Python side, on the same io.jthreading.distributed objects, called from Java, so that the
 * difference is the Python-to-Java crossing. Each method returns the total nanoseconds of
 * {@code n} operations (or rounds); every wait is bounded so that a broken benchmark fails
 * instead of hanging.
 */
public final class DistributedBench {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private DistributedBench() {
    }

    public static long lock(Coordinator coordinator, String name, int n) throws InterruptedException {
        DistributedLock lock = coordinator.lock(name);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            lock.acquire();
            lock.release();
        }
        return System.nanoTime() - start;
    }

    public static long rLock(Coordinator coordinator, String name, int n) throws InterruptedException {
        DistributedRLock lock = coordinator.rLock(name);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            lock.acquire();
            lock.release();
        }
        return System.nanoTime() - start;
    }

    public static long semaphore(Coordinator coordinator, String name, int value, int n)
            throws InterruptedException {
        DistributedSemaphore semaphore = coordinator.semaphore(name, value);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            semaphore.acquire();
            semaphore.release();
        }
        return System.nanoTime() - start;
    }

    public static long eventSetClear(Coordinator coordinator, String name, int n) {
        DistributedEvent event = coordinator.event(name);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            event.set();
            event.clear();
        }
        return System.nanoTime() - start;
    }

    public static long eventIsSet(Coordinator coordinator, String name, int n) {
        DistributedEvent event = coordinator.event(name);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            event.isSet();
        }
        return System.nanoTime() - start;
    }

    /** A new name each time: {@code prefix + i}, made and then acquired and released once. */
    public static long newLock(Coordinator coordinator, String prefix, int n) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            DistributedLock lock = coordinator.lock(prefix + i);
            lock.acquire();
            lock.release();
        }
        return System.nanoTime() - start;
    }

    /**
     * {@code n} new named objects of one kind ({@code prefix + i}), made and not used: what
     * making one costs (its nodes are created in ZooKeeper). {@code kind} is the Python factory's
     * name; {@code prefix} the same every time makes the same objects again (the coordinator's
     * own, no request).
     */
    public static long newNamed(Coordinator coordinator, String kind, String prefix, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String name = prefix + i;
            switch (kind) {
                case "Lock" -> coordinator.lock(name);
                case "RLock" -> coordinator.rLock(name);
                case "Semaphore" -> coordinator.semaphore(name, 1);
                case "BoundedSemaphore" -> coordinator.boundedSemaphore(name, 1);
                case "Event" -> coordinator.event(name);
                case "Barrier" -> coordinator.barrier(name, 2);
                case "Condition" -> coordinator.condition(name);
                default -> throw new IllegalArgumentException("no such kind: " + kind);
            }
        }
        return System.nanoTime() - start;
    }

    /**
     * {@code n} reads of {@code fencingToken()} of a held Lock or Semaphore(1) ({@code kind} as
     * Python names it): the first reads ZooKeeper, the others check the session and answer.
     */
    public static long fencingToken(Coordinator coordinator, String kind, String name, int n)
            throws InterruptedException {
        DistributedLock lock = kind.equals("Lock") ? coordinator.lock(name) : null;
        DistributedSemaphore semaphore = lock == null ? coordinator.semaphore(name, 1) : null;
        if (lock != null) {
            lock.acquire();
        } else {
            semaphore.acquire();
        }
        try {
            long start = System.nanoTime();
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += lock != null ? lock.fencingToken() : semaphore.fencingToken();
            }
            long elapsed = System.nanoTime() - start;
            if (sum == 0) {
                throw new AssertionError("no token");
            }
            return elapsed;
        } finally {
            if (lock != null) {
                lock.release();
            } else {
                semaphore.release();
            }
        }
    }

    public static long connectClose(String hosts, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Coordinator.connect(hosts).close();
        }
        return System.nanoTime() - start;
    }

    /** {@code rounds} rounds of a 2-party Barrier: this thread on {@code a}, another on {@code b}. */
    public static long barrierRounds(Coordinator a, Coordinator b, String name, int rounds)
            throws Exception {
        DistributedBarrier mine = a.barrier(name, 2);
        DistributedBarrier theirs = b.barrier(name, 2);
        return withPartner(() -> {
            for (int i = 0; i < rounds; i++) {
                theirs.await(BOUND);
            }
        }, () -> {
            for (int i = 0; i < rounds; i++) {
                mine.await(BOUND);
            }
        });
    }

    /**
     * {@code rounds} round trips over one Condition (with its own RLock) between this thread on
     * {@code a} and another on {@code b}: each waits for its turn and hands it over with notify(),
     * so a round trip is two notify-to-wake handoffs. Each holds the lock but while it waits (taken
     * anew each round, the lock's queue alone would order the turns: nobody would wait). The turn
     * is an in-process variable: both threads are in this process, only their sessions differ.
     */
    public static long conditionRoundTrips(Coordinator a, Coordinator b, String name, int rounds)
            throws Exception {
        DistributedCondition mine = a.condition(name);
        DistributedCondition theirs = b.condition(name);
        AtomicInteger turn = new AtomicInteger(0);
        return withPartner(() -> pingPong(theirs, turn, 1, rounds),
                () -> pingPong(mine, turn, 0, rounds));
    }

    private static void pingPong(DistributedCondition condition, AtomicInteger turn, int me,
                                 int rounds) throws Exception {
        condition.lock().acquire();
        try {
            for (int i = 0; i < rounds; i++) {
                while (turn.get() != me) {
                    if (!condition.await(BOUND)) {
                        throw new IllegalStateException("condition ping-pong: no turn within bound");
                    }
                }
                turn.set(1 - me);
                condition.notify(1);
            }
        } finally {
            condition.lock().release();
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs {@code partner} on a new thread and {@code mine} here; the time of {@code mine}. */
    private static long withPartner(Work partner, Work mine) throws Exception {
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                partner.run();
            } catch (Exception e) {
                failed.set(e);
            }
        }, "bench-distributed-partner");
        thread.setDaemon(true);
        thread.start();
        long start = System.nanoTime();
        mine.run();
        long elapsed = System.nanoTime() - start;
        thread.join(BOUND.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("the partner thread did not end within bound");
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        return elapsed;
    }
}
