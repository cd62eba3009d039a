package io.jthreading;

import static io.jthreading.TestThreads.assertNoFailure;
import static io.jthreading.TestThreads.awaitTrue;
import static io.jthreading.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Threads#findDeadlocks()}, {@link Threads#dump} and the watchdog, from Java: each test
 * makes a real cycle of Java threads whose waits are bounded, finds it, then breaks it (a plain
 * Lock may be released by any thread), so nothing is left blocked.
 */
@Timeout(60)
class DeadlockFinderTest {
    private static final double WAIT_SECONDS = 30;

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** T1 holds {@code lock} and waits on {@code rlock}; T2 holds {@code rlock}, waits on {@code lock}. */
    private Thread[] lockRLockCycle(Lock lock, RLock rlock) throws InterruptedException {
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread first = threads.spawn("first", failure, () -> {
            lock.lock();
            bothHold.countDown();
            bothHold.await();
            if (rlock.acquire(true, WAIT_SECONDS)) {
                rlock.release();
            }
        });
        Thread second = threads.spawn("second", failure, () -> {
            rlock.lock();
            try {
                bothHold.countDown();
                bothHold.await();
                lock.acquire(true, WAIT_SECONDS);
                lock.release();
            } finally {
                rlock.unlock();
            }
        });
        return new Thread[] {first, second};
    }

    private static List<Deadlock> awaitDeadlocks() {
        awaitTrue(() -> !Threads.findDeadlocks().isEmpty(), "a deadlock to be found");
        return Threads.findDeadlocks();
    }

    @Test
    void findsTheLockRLockCycleOnceWithBothThreadsAndPrimitives() throws Exception {
        Lock lock = new Lock();
        RLock rlock = new RLock();
        Thread[] cycle = lockRLockCycle(lock, rlock);
        List<Deadlock> found = awaitDeadlocks();
        assertEquals(1, found.size(), found::toString);
        List<Deadlock.Link> links = found.get(0).links();
        assertEquals(2, links.size());
        Deadlock.Link first = links.stream().filter(l -> l.javaThread() == cycle[0]).findFirst()
                .orElseThrow();
        Deadlock.Link second = links.stream().filter(l -> l.javaThread() == cycle[1]).findFirst()
                .orElseThrow();
        assertSame(rlock, first.waitsOn());
        assertSame(lock, second.waitsOn());
        assertEquals("acquire", first.operation());
        assertEquals(Math.min(first.ident(), second.ident()), links.get(0).ident());
        assertTrue(found.get(0).toString().contains("\"first\""), found.get(0).toString());

        lock.release(); // for "second", which then frees the RLock for "first"
        joinOrFail(cycle[0]);
        joinOrFail(cycle[1]);
        assertNoFailure(failure);
        assertEquals(List.of(), Threads.findDeadlocks());
    }

    @Test
    void aSemaphoreHolderSeenByJavaClosesACycle() throws Exception {
        Semaphore semaphore = new Semaphore(1);
        Lock lock = new Lock();
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread holder = threads.spawn("permit-holder", failure, () -> {
            assertTrue(semaphore.tryAcquire());
            bothHold.countDown();
            bothHold.await();
            if (lock.acquire(true, WAIT_SECONDS)) {
                lock.release();
            }
            semaphore.release();
        });
        Thread locker = threads.spawn("lock-holder", failure, () -> {
            lock.lock();
            bothHold.countDown();
            bothHold.await();
            if (semaphore.acquire(true, true, (long) (WAIT_SECONDS * 1e9))) {
                semaphore.release();
            }
        });
        List<Deadlock> found = awaitDeadlocks();
        assertEquals(1, found.size());
        Set<Object> waitedOn = found.get(0).links().stream().map(Deadlock.Link::waitsOn)
                .collect(Collectors.toSet());
        assertEquals(Set.of(semaphore, lock), waitedOn);
        assertArrayEquals(new long[] {Threads.identOf(holder)}, semaphore.holderIdents());

        lock.release();
        joinOrFail(holder);
        joinOrFail(locker);
        assertNoFailure(failure);
        assertEquals(0, semaphore.holderIdents().length);
    }

    @Test
    void aPermitGivenBackByAnotherThreadLeavesNoHolder() throws Exception {
        Semaphore semaphore = new Semaphore(2);
        Thread taker = threads.spawn("taker", failure, () -> {
            assertTrue(semaphore.tryAcquire());
            assertTrue(semaphore.tryAcquire());
        });
        joinOrFail(taker);
        assertEquals(1, semaphore.holderIdents().length);
        semaphore.release(2); // by this thread, which took nothing
        assertEquals(0, semaphore.holderIdents().length);
        assertNoFailure(failure);
    }

    @Test
    void aJoinWaitsForTheJoinedThread() throws Exception {
        Lock lock = new Lock();
        CountDownLatch locked = new CountDownLatch(1);
        JThread[] joiner = new JThread[1];
        JThread worker = new JThread(() -> {
            try {
                locked.await();
                if (lock.acquire(true, WAIT_SECONDS)) {
                    lock.release();
                }
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            }
        }, "worker", true);
        joiner[0] = new JThread(() -> {
            lock.lock();
            locked.countDown();
            try {
                worker.join(Duration.ofSeconds((long) WAIT_SECONDS));
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            }
        }, "joiner", true);
        worker.start();
        joiner[0].start();
        List<Deadlock> found = awaitDeadlocks();
        assertEquals(1, found.size());
        assertTrue(found.get(0).links().stream().anyMatch(l -> l.waitsOn() == worker
                && l.operation().equals("join")), found::toString);
        lock.release();
        assertTrue(worker.join(Duration.ofSeconds(10)));
        assertTrue(joiner[0].join(Duration.ofSeconds(10)));
    }

    @Test
    void conditionAndEventWaitsAreNoCycle() throws Exception {
        Condition condition = new Condition();
        Event event = new Event();
        Thread conditionWaiter = threads.spawn("condition-waiter", failure, () -> {
            try (Guard held = condition.guard()) {
                condition.waitNanos(TimeUnit.SECONDS.toNanos((long) WAIT_SECONDS));
            }
        });
        Thread eventWaiter = threads.spawn("event-waiter", failure,
                () -> event.await(WAIT_SECONDS));
        awaitTrue(() -> Threads.dump().contains("\"event-waiter\"")
                && Threads.dump().split("\"condition-waiter\"")[1].contains("    waiting "),
                "both threads seen waiting");
        String dump = Threads.dump();
        assertTrue(dump.contains("in wait on <Condition("), dump);
        assertTrue(dump.contains("in wait on <jthreading.Event: unset>"), dump);
        assertEquals(List.of(), Threads.findDeadlocks());
        assertTrue(dump.contains("No deadlock found."), dump);
        event.set();
        try (Guard held = condition.guard()) {
            condition.notifyAllWaiters();
        }
        joinOrFail(conditionWaiter);
        joinOrFail(eventWaiter);
        assertNoFailure(failure);
    }

    @Test
    void theDumpNamesTheHolderAndShowsTheJavaFrames() throws Exception {
        Lock lock = new Lock();
        RLock rlock = new RLock();
        Thread[] cycle = lockRLockCycle(lock, rlock);
        awaitDeadlocks();
        StringBuilder out = new StringBuilder();
        Threads.dump(out);
        String dump = out.toString();
        String first = dump.substring(dump.indexOf("\n\"first\" "));
        first = first.substring(0, first.indexOf("\n\n", 1));
        assertTrue(first.contains("languages=Java"), first);
        assertTrue(first.contains("in acquire on <locked jthreading.RLock object owner="), first);
        assertTrue(first.contains("held by \"second\" (ident " + Threads.identOf(cycle[1]) + ")"),
                first);
        assertTrue(first.contains("\tat io.jthreading.RLock.acquire("), first);
        assertTrue(first.contains("\tat io.jthreading.DeadlockFinderTest"), first);
        assertTrue(dump.contains("Found 1 deadlock:"), dump);
        lock.release();
        joinOrFail(cycle[0]);
        joinOrFail(cycle[1]);
        assertNoFailure(failure);
    }

    @Test
    void theWatchdogReportsEachNewCycleOnce() throws Exception {
        List<Deadlock> reports = new CopyOnWriteArrayList<>();
        CountDownLatch reported = new CountDownLatch(1);
        try (Watchdog watchdog = Threads.startWatchdog(Duration.ofMillis(20), deadlock -> {
            reports.add(deadlock);
            reported.countDown();
        })) {
            assertTrue(watchdog.isRunning());
            Lock lock = new Lock();
            RLock rlock = new RLock();
            Thread[] cycle = lockRLockCycle(lock, rlock);
            assertTrue(reported.await(10, TimeUnit.SECONDS));
            // More looks at the same cycle: no new report (nothing to wait on for "nothing").
            long looks = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < looks) {
                java.lang.Thread.onSpinWait();
            }
            assertEquals(1, reports.size());
            lock.release();
            joinOrFail(cycle[0]);
            joinOrFail(cycle[1]);
        }
        assertThrows(IllegalArgumentException.class,
                () -> Threads.startWatchdog(Duration.ZERO, null));
        assertNoFailure(failure);
    }
}
