package io.jthreading.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.jthreading.Guard;
import io.jthreading.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code threading.Lock} semantics across two coordinators (two ZooKeeper sessions). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DistributedLockTest extends TwoSessions {

    @Test
    void excludesThreadsOfBothCoordinatorsWithAnExactCount() throws Exception {
        String name = Zk.name("lock-count");
        int perWorker = 25;
        AtomicInteger counter = new AtomicInteger();  // read and written apart: only the lock keeps it whole
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Zk.Task<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            DistributedLock lock = (w % 2 == 0 ? one : two).lock(name);
            workers.add(Zk.async("worker-" + w, () -> {
                for (int i = 0; i < perWorker; i++) {
                    try (Guard held = lock.guard()) {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        int seen = counter.get();
                        Thread.yield();
                        counter.set(seen + 1);
                        inside.decrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Zk.Task<Void> worker : workers) {
            worker.join();
        }
        assertEquals(0, overlaps.get());
        assertEquals(4 * perWorker, counter.get());
        assertFalse(one.lock(name).locked());
    }

    @Test
    void aTryFailsWhileAnotherProcessHoldsIt() throws Exception {
        String name = Zk.name("lock-try");
        DistributedLock mine = one.lock(name);
        DistributedLock theirs = two.lock(name);
        assertFalse(theirs.locked(), "never acquired: not locked");
        assertTrue(mine.acquire());
        assertTrue(theirs.locked());
        assertFalse(theirs.isOwned());
        assertFalse(theirs.acquireNanos(false, Timeouts.UNSET_NANOS));
        assertFalse(theirs.tryLock());
        mine.release();
        assertTrue(theirs.acquireNanos(false, Timeouts.UNSET_NANOS));
        assertFalse(mine.tryLock());
        theirs.release();
    }

    @Test
    void aTimedAcquireGivesUpAfterTheTimeout() throws Exception {
        String name = Zk.name("lock-timeout");
        one.lock(name).acquire();
        long start = System.nanoTime();
        assertFalse(two.lock(name).acquireNanos(true, TimeUnit.MILLISECONDS.toNanos(300)));
        assertTrue(Zk.millisSince(start) >= 290, "returned before the timeout");
        start = System.nanoTime();
        assertFalse(two.lock(name).tryLock(Duration.ofMillis(200)));
        assertTrue(Zk.millisSince(start) >= 190, "returned before the timeout");
        one.lock(name).release();
        // A given-up wait leaves nothing behind that would block the next holder.
        assertTrue(two.lock(name).tryLock(Zk.STEP.toMillis(), TimeUnit.MILLISECONDS));
        two.lock(name).release();
    }

    @Test
    void anotherThreadOfTheHoldingProcessMayRelease() throws Exception {
        String name = Zk.name("lock-other-thread");
        DistributedLock lock = one.lock(name);
        Zk.async("acquirer", lock::acquire).join();
        assertTrue(lock.isOwned());
        lock.release();  // not the thread that acquired: a Lock is not owned
        assertFalse(lock.isOwned());
        assertTrue(two.lock(name).tryLock(Zk.STEP));
        two.lock(name).release();
    }

    @Test
    void aWaiterOnTheOtherCoordinatorGetsItOnRelease() throws Exception {
        String name = Zk.name("lock-handoff");
        one.lock(name).acquire();
        Zk.Task<Boolean> waiter = Zk.async("waiter", () -> two.lock(name).acquire())
                .blockedIn("InterProcessSemaphoreV2.internalAcquire1Lease");
        assertTrue(waiter.running());
        one.lock(name).release();
        assertTrue(waiter.join());
        assertTrue(two.lock(name).isOwned());
        two.lock(name).release();
    }

    @Test
    void releasingAnUnlockedLockRaises() throws Exception {
        String name = Zk.name("lock-unlocked");
        IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class,
                () -> one.lock(name).release());
        assertEquals("release unlocked lock", e.getMessage());
        // Held by the other process: still not this one's to release.
        two.lock(name).acquire();
        e = assertThrows(IllegalMonitorStateException.class, () -> one.lock(name).release());
        assertEquals("release unlocked lock", e.getMessage());
        two.lock(name).release();
        e = assertThrows(IllegalMonitorStateException.class, () -> two.lock(name).release());
        assertEquals("release unlocked lock", e.getMessage());
    }

    @Test
    void isAJavaUtilConcurrentLock() throws Exception {
        String name = Zk.name("lock-juc");
        java.util.concurrent.locks.Lock mine = one.lock(name);
        java.util.concurrent.locks.Lock theirs = two.lock(name);
        mine.lock();
        assertFalse(theirs.tryLock(50, TimeUnit.MILLISECONDS));
        Zk.Task<Void> interrupted = Zk.<Void>async("interruptible", () -> {
            theirs.lockInterruptibly();
            return null;
        }).blockedIn("InterProcessSemaphoreV2.internalAcquire1Lease");
        interrupted.thread.interrupt();
        assertThrows(InterruptedException.class, interrupted::join);
        mine.unlock();
        // The interrupted wait left no lease behind.
        assertTrue(theirs.tryLock(Zk.STEP.toMillis(), TimeUnit.MILLISECONDS));
        theirs.unlock();
        assertThrows(UnsupportedOperationException.class, mine::newCondition);
    }
}
