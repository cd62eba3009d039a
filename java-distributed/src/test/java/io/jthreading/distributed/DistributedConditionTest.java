package io.jthreading.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code threading.Condition} across two coordinators. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DistributedConditionTest extends TwoSessions {
    static final String WAITING = "DistributedCondition.waitUntilGone";

    /** A thread that takes the condition's lock, waits, and reports what the wait returned. */
    static Zk.Task<Boolean> waiter(String thread, DistributedCondition condition) {
        return Zk.async(thread, () -> {
            condition.lock().acquire();
            try {
                return condition.await(Zk.STEP);
            } finally {
                condition.lock().release();
            }
        });
    }

    static void notify(DistributedCondition condition, int n) throws InterruptedException {
        condition.lock().acquire();
        try {
            if (n == Integer.MAX_VALUE) {
                condition.notifyAllWaiters();
            } else {
                condition.notify(n);
            }
        } finally {
            condition.lock().release();
        }
    }

    @Test
    void notifyWakesExactlyNOfTheWaitersOfEveryProcess() throws Exception {
        String name = Zk.name("condition-notify-n");
        List<Zk.Task<Boolean>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(waiter("waiter-" + i, (i == 0 ? one : two).condition(name)).blockedIn(WAITING));
        }
        assertEquals(3, one.condition(name).waiting());
        notify(one.condition(name), 2);
        assertEquals(1, two.condition(name).waiting(), "exactly two were notified");
        Zk.until(() -> waiters.stream().filter(Zk.Task::isDone).count() == 2, "two woken");
        Zk.Task<Boolean> left = waiters.stream().filter(Zk.Task::running).findFirst().orElseThrow();
        for (Zk.Task<Boolean> waiter : waiters) {
            if (waiter != left) {
                assertTrue(waiter.join());
            }
        }
        assertTrue(Zk.inFrame(left.thread, WAITING), "the third is still waiting");
        notify(two.condition(name), 1);
        assertTrue(left.join());
        assertEquals(0, one.condition(name).waiting());
    }

    @Test
    void notifyAllWakesEveryWaiter() throws Exception {
        String name = Zk.name("condition-notify-all");
        List<Zk.Task<Boolean>> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiters.add(waiter("waiter-" + i, (i % 2 == 0 ? one : two).condition(name)).blockedIn(WAITING));
        }
        notify(two.condition(name), Integer.MAX_VALUE);
        for (Zk.Task<Boolean> waiter : waiters) {
            assertTrue(waiter.join());
        }
        assertEquals(0, one.condition(name).waiting());
    }

    @Test
    void aNotifyRightAfterTheWaiterReleasedTheLockIsNotLost() throws Exception {
        for (int round = 0; round < 3; round++) {
            String name = Zk.name("condition-no-lost-notify");
            DistributedCondition mine = one.condition(name);
            DistributedCondition theirs = two.condition(name);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch notifierWaits = new CountDownLatch(1);
            Zk.Task<Boolean> waiter = Zk.async("waiter", () -> {
                mine.lock().acquire();
                try {
                    holding.countDown();
                    assertTrue(notifierWaits.await(20, TimeUnit.SECONDS));
                    // The notifier gets the lock the moment the wait releases it.
                    return mine.await(Zk.STEP);
                } finally {
                    mine.lock().release();
                }
            });
            assertTrue(holding.await(20, TimeUnit.SECONDS));
            Zk.Task<Void> notifier = Zk.<Void>async("notifier", () -> {
                notify(theirs, 1);
                return null;
            }).blockedIn("LockInternals.internalLockLoop");
            notifierWaits.countDown();
            notifier.join();
            assertTrue(waiter.join(), "the waiter was notified (a lost notify times out: false)");
        }
    }

    @Test
    void aWaitTimesOutWithFalseAndTheLockHeldAgain() throws Exception {
        String name = Zk.name("condition-timeout");
        DistributedCondition condition = one.condition(name);
        condition.lock().acquire();
        condition.lock().acquire();  // an RLock held twice: wait restores both levels
        long start = System.nanoTime();
        assertFalse(condition.await(Duration.ofMillis(250)));
        assertTrue(Zk.millisSince(start) >= 240, "returned before the timeout");
        assertEquals(2, ((DistributedRLock) condition.lock()).holdCount());
        assertEquals(0, condition.waiting(), "a timed-out waiter leaves no node behind");
        condition.lock().release();
        condition.lock().release();
        assertTrue(two.condition(name).lock().tryLock(Zk.STEP));
        two.condition(name).lock().release();
    }

    @Test
    void anInterruptedWaitLeavesNoWaiterBehindAndHoldsTheLockAgain() throws Exception {
        String name = Zk.name("condition-interrupted");
        DistributedCondition condition = one.condition(name);
        Zk.Task<Boolean> waiter = Zk.async("waiter", () -> {
            condition.lock().acquire();
            try {
                condition.await(Zk.STEP);
                return false;
            } catch (InterruptedException expected) {
                return condition.lock().isOwned();
            } finally {
                condition.lock().release();
            }
        }).blockedIn(WAITING);
        waiter.thread.interrupt();
        assertTrue(waiter.join(), "interrupted, with the lock held again");
        assertEquals(0, two.condition(name).waiting(), "its waiter node is gone");
        // So the next notify reaches a real waiter rather than a ghost.
        Zk.Task<Boolean> next = waiter("next waiter", two.condition(name)).blockedIn(WAITING);
        notify(one.condition(name), 1);
        assertTrue(next.join());
    }

    @Test
    void waitAndNotifyNeedTheLock() {
        DistributedCondition condition = one.condition(Zk.name("condition-unowned"));
        IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class,
                condition::await);
        assertEquals("cannot wait on un-acquired lock", e.getMessage());
        e = assertThrows(IllegalMonitorStateException.class, () -> condition.notify(1));
        assertEquals("cannot notify on un-acquired lock", e.getMessage());
        e = assertThrows(IllegalMonitorStateException.class, condition::notifyAllWaiters);
        assertEquals("cannot notify on un-acquired lock", e.getMessage());
    }

    @Test
    void worksOverADistributedLock() throws Exception {
        String name = Zk.name("condition-over-lock");
        DistributedCondition mine = one.condition(name, one.lock(name));
        DistributedCondition theirs = two.condition(name, two.lock(name));
        assertSame(mine, one.condition(name, one.lock(name)));
        assertThrows(IllegalArgumentException.class, () -> one.condition(name, one.lock("other")));
        assertThrows(IllegalArgumentException.class, () -> one.condition(name, two.lock(name)));
        Zk.Task<Boolean> waiter = waiter("waiter", mine).blockedIn(WAITING);
        notify(theirs, 1);
        assertTrue(waiter.join());
    }
}
