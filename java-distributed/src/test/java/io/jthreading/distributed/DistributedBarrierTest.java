package io.jthreading.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code threading.Barrier} across two coordinators. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DistributedBarrierTest extends TwoSessions {
    static final String WAITING = "Wakeup.await";

    @Test
    void roundsPassAcrossProcessesWithEveryIndexOnceAndOneActionEach() throws Exception {
        String name = Zk.name("barrier-rounds");
        int parties = 3;
        int rounds = 4;
        AtomicInteger actions = new AtomicInteger();
        DistributedBarrier[] barriers = {
                one.barrier(name, parties, actions::incrementAndGet, null),
                one.barrier(name, parties, actions::incrementAndGet, null),
                two.barrier(name, parties, actions::incrementAndGet, null)};
        assertSame(barriers[0], barriers[1]);
        List<Zk.Task<int[]>> waiters = new ArrayList<>();
        for (int p = 0; p < parties; p++) {
            DistributedBarrier barrier = barriers[p];
            waiters.add(Zk.async("party-" + p, () -> {
                int[] indices = new int[rounds];
                for (int r = 0; r < rounds; r++) {
                    indices[r] = barrier.await(Zk.STEP);
                    // The round's action ran before anyone of the round was let through.
                    if (actions.get() < r + 1) {
                        throw new AssertionError("round " + r + " passed before its action");
                    }
                }
                return indices;
            }));
        }
        int[][] indices = new int[parties][];
        for (int p = 0; p < parties; p++) {
            indices[p] = waiters.get(p).join();
        }
        for (int r = 0; r < rounds; r++) {
            int[] round = new int[parties];
            for (int p = 0; p < parties; p++) {
                round[p] = indices[p][r];
            }
            Arrays.sort(round);
            assertEquals(List.of(0, 1, 2), Arrays.stream(round).boxed().toList(), "round " + r);
        }
        assertEquals(rounds, actions.get());
        assertFalse(one.barrier(name, parties).isBroken());
        assertEquals(0, two.barrier(name, parties).waiting());
        // Every arrival took its mark away when its round ended (the deletes run in the background).
        Zk.until(() -> arrivalMarks(name).isEmpty(), "no arrival marks left");
    }

    @Test
    void aWaiterWhoseProcessDiesBreaksItForTheOthers() throws Exception {
        String name = Zk.name("barrier-dead-waiter");
        Coordinator dying = Zk.coordinator();
        DistributedBarrier mine = one.barrier(name, 3);
        DistributedBarrier doomed = dying.barrier(name, 3);
        Zk.Task<Integer> doomedWaiter = Zk.async("doomed", doomed::await).blockedIn(WAITING);
        Zk.until(() -> mine.waiting() == 1, "the doomed party waiting");
        Zk.Task<Integer> waiter = Zk.async("survivor", mine::await).blockedIn(WAITING);
        Zk.until(() -> mine.waiting() == 2, "both waiting");
        // The process dies: its session ends, and it cannot break the barrier itself (every
        // call of its client fails from now on). No timeout anywhere: only the marks tell.
        dying.client().close();
        assertThrows(BrokenBarrierException.class, waiter::join);
        assertTrue(mine.isBroken());
        assertThrows(Exception.class, doomedWaiter::join);
        mine.reset();
        assertFalse(mine.isBroken());
        assertEquals(0, mine.waiting());
        Zk.until(() -> arrivalMarks(name).isEmpty(), "no arrival marks left");
    }

    @Test
    void abortBreaksItForWaitersAndLaterArrivalsUntilReset() throws Exception {
        String name = Zk.name("barrier-abort");
        DistributedBarrier mine = one.barrier(name, 2);
        DistributedBarrier theirs = two.barrier(name, 2);
        Zk.Task<Integer> waiter = Zk.async("waiter", () -> theirs.await(Zk.STEP)).blockedIn(WAITING);
        Zk.until(() -> mine.waiting() == 1, "one waiting");
        mine.abort();
        assertThrows(BrokenBarrierException.class, waiter::join);
        assertTrue(mine.isBroken());
        assertTrue(theirs.isBroken());
        assertThrows(BrokenBarrierException.class, () -> theirs.await(Zk.STEP));
        mine.reset();
        assertFalse(theirs.isBroken());
        passOnce(mine, theirs);
        Zk.until(() -> arrivalMarks(name).isEmpty(), "no arrival marks left");
    }

    @Test
    void resetBreaksTheRoundsWaitersAndLeavesItWhole() throws Exception {
        String name = Zk.name("barrier-reset");
        DistributedBarrier mine = one.barrier(name, 2);
        DistributedBarrier theirs = two.barrier(name, 2);
        Zk.Task<Integer> waiter = Zk.async("waiter", () -> theirs.await(Zk.STEP)).blockedIn(WAITING);
        Zk.until(() -> mine.waiting() == 1, "one waiting");
        mine.reset();
        assertThrows(BrokenBarrierException.class, waiter::join);
        assertFalse(mine.isBroken());
        passOnce(mine, theirs);
        Zk.until(() -> arrivalMarks(name).isEmpty(), "no arrival marks left");
    }

    @Test
    void aWaiterWhoseTimeoutExpiresDuringTheActionPassesAsInCPython() throws Exception {
        String name = Zk.name("barrier-slow-action");
        Duration timeout = Duration.ofSeconds(3);  // ample for the test to arrive within it
        AtomicLong waiterStarted = new AtomicLong();
        DistributedBarrier mine = one.barrier(name, 2, () -> {
            // Outlast the waiter's timeout: this is what is tested, so time is the condition.
            long until = waiterStarted.get() + timeout.toNanos() + 500_000_000L;
            while (System.nanoTime() - until < 0) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
        }, null);
        DistributedBarrier theirs = two.barrier(name, 2);
        Zk.Task<Integer> waiter = Zk.async("waiter", () -> {
            waiterStarted.set(System.nanoTime());
            return theirs.await(timeout);
        }).blockedIn(WAITING);
        Zk.until(() -> mine.waiting() == 1, "one waiting");
        assertEquals(1, mine.await(Zk.STEP));
        assertEquals(0, waiter.join());
        assertFalse(mine.isBroken());
    }

    @Test
    void aCallerDuringTheActionWaitsForTheNextRoundAndItsTimeoutStartsThere() throws Exception {
        String name = Zk.name("barrier-caller-during-action");
        CountDownLatch actionRunning = new CountDownLatch(1);
        CountDownLatch actionMayEnd = new CountDownLatch(1);
        DistributedBarrier mine = one.barrier(name, 2, () -> {
            actionRunning.countDown();
            try {
                actionMayEnd.await(Zk.STEP.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, null);
        DistributedBarrier theirs = two.barrier(name, 2);
        Zk.Task<Integer> waiter = Zk.async("waiter", () -> theirs.await(Zk.STEP)).blockedIn(WAITING);
        Zk.until(() -> mine.waiting() == 1, "one waiting");
        Zk.Task<Integer> last = Zk.async("last", () -> mine.await(Zk.STEP));
        assertTrue(actionRunning.await(Zk.STEP.toSeconds(), TimeUnit.SECONDS));
        Duration timeout = Duration.ofSeconds(2);
        Zk.Task<Integer> late = Zk.async("late", () -> theirs.await(timeout)).blockedIn(WAITING);
        // Let the late caller's timeout pass while the action runs: time is what is tested.
        LockSupport.parkNanos(timeout.toNanos() + 500_000_000L);
        assertTrue(late.running(), "the late caller gave up during the action");
        actionMayEnd.countDown();
        assertEquals(1, last.join());
        assertEquals(0, waiter.join());
        // The late caller is the next round's first arrival, with its whole timeout ahead.
        Zk.until(() -> mine.waiting() == 1, "the late caller in the next round");
        LockSupport.parkNanos(300_000_000L);
        assertTrue(late.running(), "the late caller's timeout counted from before its arrival");
        assertEquals(1, mine.await(Zk.STEP));
        assertEquals(0, late.join());
        assertFalse(mine.isBroken());
    }

    @Test
    void aTimeoutBreaksIt() throws Exception {
        String name = Zk.name("barrier-timeout");
        DistributedBarrier mine = one.barrier(name, 2);
        long start = System.nanoTime();
        assertThrows(BrokenBarrierException.class, () -> mine.await(Duration.ofMillis(250)));
        assertTrue(Zk.millisSince(start) >= 240, "broke before the timeout");
        assertTrue(two.barrier(name, 2).isBroken());
        // The barrier's own default timeout, too.
        String other = Zk.name("barrier-default-timeout");
        assertThrows(BrokenBarrierException.class,
                () -> one.barrier(other, 2, null, Duration.ofMillis(100)).await());
        assertTrue(two.barrier(other, 2).isBroken());
    }

    @Test
    void anActionThatRaisesBreaksItForTheOthers() throws Exception {
        String name = Zk.name("barrier-action-raises");
        DistributedBarrier mine = one.barrier(name, 2, () -> {
            throw new IllegalStateException("action failed");
        }, null);
        DistributedBarrier theirs = two.barrier(name, 2);
        Zk.Task<Integer> waiter = Zk.async("waiter", () -> theirs.await(Zk.STEP)).blockedIn(WAITING);
        Zk.until(() -> mine.waiting() == 1, "one waiting");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mine.await(Zk.STEP));
        assertEquals("action failed", e.getMessage());
        assertThrows(BrokenBarrierException.class, waiter::join);
        assertTrue(theirs.isBroken());
        Zk.until(() -> arrivalMarks(name).isEmpty(), "no arrival marks left");
    }

    @Test
    void partiesAreCheckedAndAgreed() {
        String name = Zk.name("barrier-parties");
        assertThrows(IllegalArgumentException.class, () -> one.barrier(Zk.name("barrier-zero"), 0));
        one.barrier(name, 2);
        assertThrows(IllegalArgumentException.class, () -> two.barrier(name, 3));
        assertThrows(IllegalArgumentException.class, () -> one.barrier(name, 3));
        assertEquals(2, two.barrier(name, 2).parties());
    }

    private static List<String> arrivalMarks(String name) {
        try {
            return one.client().getChildren().forPath(Names.path("barrier", name) + "/arrivals");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void passOnce(DistributedBarrier mine, DistributedBarrier theirs) throws Exception {
        Zk.Task<Integer> other = Zk.async("other", () -> theirs.await(Zk.STEP));
        int index = mine.await(Zk.STEP);
        assertEquals(1, index + other.join());
    }
}
