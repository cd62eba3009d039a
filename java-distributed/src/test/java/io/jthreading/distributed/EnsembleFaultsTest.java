package io.jthreading.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.test.KillSession;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults as a user meets them, on a real 3-node ensemble: the leader killed mid-run, a holder
 * whose process dies, an expired session, a waiter across a failover. Every coordinator is a
 * ZooKeeper session of its own: a process, as ZooKeeper sees it.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EnsembleFaultsTest {
    /** Sessions that must outlive a leader election (the ensemble allows up to 10 s). */
    static final Duration SURVIVOR = Duration.ofSeconds(8);
    /** The session of a process that dies: what the others wait for its holdings. */
    static final Duration VICTIM = Duration.ofSeconds(3);
    /** Slack over a session timeout: the server's expiry tick, a loaded machine. */
    static final long MARGIN_MILLIS = 5000;
    static final Duration RUN = Duration.ofSeconds(60);

    static Ensemble ensemble;
    final List<Coordinator> coordinators = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        ensemble = new Ensemble();
    }

    @AfterAll
    static void stop() throws Exception {
        ensemble.close();
    }

    @AfterEach
    void closeAndHeal() throws Exception {
        coordinators.forEach(Coordinator::close);
        ensemble.heal();
    }

    Coordinator coordinator(Duration session) {
        Coordinator made = ensemble.coordinator(session);
        coordinators.add(made);
        return made;
    }

    /** What a crashed process does to its session: it goes silent, and the server expires it. */
    static long killSession(Coordinator process) {
        ZooKeeper zooKeeper = ZooKeeperCalls.quickly("getting the handle",
                () -> process.client().getZookeeperClient().getZooKeeper());
        long negotiated = zooKeeper.getSessionTimeout();
        KillSession.kill(zooKeeper);
        return negotiated;
    }

    @Test
    void killingTheLeaderMidRunLosesNoIncrementAndHangsNothing() throws Exception {
        String name = Zk.name("ensemble-count");
        int perWorker = 15;
        AtomicInteger counter = new AtomicInteger();  // read and written apart: only the lock keeps it whole
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>());  // in acquisition order
        List<Zk.Task<Void>> workers = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            DistributedLock lock = coordinator(SURVIVOR).lock(name);
            for (int w = 0; w < 2; w++) {
                workers.add(Zk.async("worker-" + c + "." + w, () -> {
                    for (int i = 0; i < perWorker; i++) {
                        lock.acquire();
                        try {
                            tokens.add(lock.fencingToken());
                            int seen = counter.get();
                            Thread.yield();
                            counter.set(seen + 1);
                        } finally {
                            lock.release();
                        }
                    }
                    return null;
                }));
            }
        }
        int total = workers.size() * perWorker;
        Zk.until(() -> counter.get() >= total / 3, "a third of the increments");
        int atKill = counter.get();
        ensemble.killLeader();
        long deadline = System.nanoTime() + RUN.toNanos();
        for (Zk.Task<Void> worker : workers) {
            worker.get(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        assertTrue(atKill < total, "the leader died mid-run");
        assertTrue(coordinators.stream().anyMatch(c -> c.state().equals("RECONNECTED")),
                "the workers' sessions went through the failover");
        assertEquals(total, counter.get());
        assertEquals(total, tokens.size());
        for (int i = 1; i < tokens.size(); i++) {
            assertTrue(tokens.get(i) > tokens.get(i - 1), "token " + i + " grew: " + tokens);
        }
    }

    @Test
    void aDeadHoldersLocksGoToTheWaitersWithinItsSessionTimeout() throws Exception {
        String name = Zk.name("ensemble-dead-holder");
        Coordinator holder = coordinator(VICTIM);
        Coordinator waiter = coordinator(SURVIVOR);
        holder.lock(name).acquire();
        holder.rLock(name).acquire();
        long lockToken = holder.lock(name).fencingToken();
        long rLockToken = holder.rLock(name).fencingToken();
        Zk.Task<Long> lockWaiter = Zk.async("lock waiter", () -> {
            waiter.lock(name).acquire();
            return waiter.lock(name).fencingToken();
        }).blockedIn("InterProcessSemaphoreV2.internalAcquire1Lease");
        Zk.Task<Long> rLockWaiter = Zk.async("rlock waiter", () -> {
            waiter.rLock(name).acquire();
            try {
                return waiter.rLock(name).fencingToken();
            } finally {
                waiter.rLock(name).release();
            }
        }).blockedIn("LockInternals.internalLockLoop");
        long sessionMillis = killSession(holder);
        long start = System.nanoTime();
        Duration within = Duration.ofMillis(sessionMillis + MARGIN_MILLIS);
        assertTrue(lockWaiter.get(within) > lockToken);
        assertTrue(rLockWaiter.get(within.minusNanos(System.nanoTime() - start)) > rLockToken);
        waiter.lock(name).release();
    }

    @Test
    void anExpiredSessionIsReportedToItsHolder() throws Exception {
        String name = Zk.name("ensemble-expired");
        Coordinator holder = coordinator(VICTIM);
        Coordinator other = coordinator(SURVIVOR);
        DistributedLock lock = holder.lock(name);
        DistributedRLock rLock = holder.rLock(name);
        DistributedSemaphore semaphore = holder.semaphore(name, 1);
        DistributedCondition condition = holder.condition(name);
        lock.acquire();
        rLock.acquire();
        semaphore.acquire();
        condition.lock().acquire();
        long token = lock.fencingToken();  // read once while the session lives
        rLock.fencingToken();
        semaphore.fencingToken();
        killSession(holder);
        Zk.until(() -> holder.state().equals("RECONNECTED"), "a new session after the lost one");

        assertThrows(SessionLostException.class, lock::check);
        assertThrows(SessionLostException.class, lock::fencingToken);
        assertThrows(SessionLostException.class, lock::release);
        IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, lock::release);
        assertEquals("release unlocked lock", e.getMessage());

        assertThrows(SessionLostException.class, rLock::check);
        assertThrows(SessionLostException.class, rLock::fencingToken);
        assertThrows(SessionLostException.class, rLock::release);
        assertEquals(0, rLock.holdCount());

        assertThrows(SessionLostException.class, semaphore::fencingToken);
        assertThrows(SessionLostException.class, semaphore::release);
        assertEquals(0, semaphore.heldHere());

        // A wait over a lost lock raises, and leaves no waiter node to swallow a notify.
        assertThrows(SessionLostException.class, condition::await);
        assertEquals(0, other.condition(name).waiting());

        // What it held is free for the others, with a larger token; the holder may start over.
        assertTrue(other.lock(name).tryLock(Zk.STEP));
        assertTrue(other.lock(name).fencingToken() > token);
        other.lock(name).release();
        assertTrue(lock.tryLock(Zk.STEP));
        lock.check();
        lock.release();
    }

    @Test
    void waitersSurviveALeaderFailover() throws Exception {
        String name = Zk.name("ensemble-failover-waiters");
        Coordinator waiting = coordinator(SURVIVOR);
        Coordinator waking = coordinator(SURVIVOR);
        Zk.Task<Boolean> eventWaiter = Zk.async("event waiter",
                () -> waiting.event(name).await(RUN)).blockedIn("Wakeup.await");
        DistributedCondition condition = waiting.condition(name);
        Zk.Task<Boolean> conditionWaiter = Zk.async("condition waiter", () -> {
            condition.lock().acquire();
            try {
                return condition.await(RUN);
            } finally {
                condition.lock().release();
            }
        }).blockedIn("DistributedCondition.waitUntilGone");
        ensemble.killLeader();
        ensemble.awaitLeader();
        // Woken only by what happens after the failover.
        waking.event(name).set();
        DistributedCondition notifier = waking.condition(name);
        notifier.lock().acquire();
        try {
            notifier.notify(1);
        } finally {
            notifier.lock().release();
        }
        assertTrue(eventWaiter.join());
        assertTrue(conditionWaiter.join());
        // The servers drop their clients while they elect: the waiters' session rode it out.
        assertEquals("RECONNECTED", waiting.state());
    }
}
