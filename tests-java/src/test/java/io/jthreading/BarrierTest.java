package io.jthreading;

import static io.jthreading.TestThreads.assertNoFailure;
import static io.jthreading.TestThreads.awaitParked;
import static io.jthreading.TestThreads.awaitTrue;
import static io.jthreading.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java API of {@link Barrier}: Python's {@code threading.Barrier} and Java's conventions. */
@Timeout(20)
class BarrierTest {
    @RegisterExtension
    final TestThreads threads = new TestThreads();

    /** A thread waiting at a barrier: its arrival index, or what it threw. */
    private static final class Arrival {
        final AtomicLong index = new AtomicLong(-100);
        final AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread thread;

        void join() throws InterruptedException {
            joinOrFail(thread);
        }

        /** Joins and returns what the wait threw (failing if it returned an index). */
        Throwable failure() throws InterruptedException {
            join();
            Throwable e = outcome.get();
            if (e == null) {
                throw new AssertionError(thread.getName() + " passed the barrier with index "
                        + index.get());
            }
            return e;
        }

        long passed() throws InterruptedException {
            join();
            assertNoFailure(outcome);
            return index.get();
        }
    }

    private interface Wait {
        long on(Barrier barrier) throws Exception;
    }

    /** Starts a thread that waits at {@code barrier} with {@code wait}. */
    private Arrival arrive(String name, Barrier barrier, Wait wait) {
        Arrival arrival = new Arrival();
        arrival.thread = threads.spawn(name, arrival.outcome,
                () -> arrival.index.set(wait.on(barrier)));
        return arrival;
    }

    private Arrival arrive(String name, Barrier barrier) {
        return arrive(name, barrier, Barrier::await);
    }

    /** Polls until {@code n} threads wait at {@code barrier}. */
    private static void awaitWaiting(Barrier barrier, long n) {
        awaitTrue(() -> barrier.nWaiting() == n, n + " thread(s) waiting at the barrier");
    }

    // ---- state -----------------------------------------------------------------------------------

    @Test
    void newBarrierIsEmptyAndWhole() {
        Barrier barrier = new Barrier(3);
        assertEquals(3, barrier.parties());
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
        assertEquals(Timeouts.FOREVER, barrier.defaultTimeoutNanos());
        assertEquals("<jthreading.Barrier: waiters=0/3>", barrier.toString());
    }

    @Test
    void defaultTimeoutIsKept() {
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250),
                new Barrier(2, null, Duration.ofMillis(250)).defaultTimeoutNanos());
        assertEquals(0, new Barrier(2, null, Duration.ofSeconds(-1)).defaultTimeoutNanos());
    }

    @Test
    void nWaitingCountsArrivals() throws Exception {
        Barrier barrier = new Barrier(3);
        Arrival a = arrive("a", barrier);
        awaitWaiting(barrier, 1);
        Arrival b = arrive("b", barrier);
        awaitWaiting(barrier, 2);
        assertEquals("<jthreading.Barrier: waiters=2/3>", barrier.toString());
        assertEquals(2, barrier.await());
        assertEquals(Set.of(0L, 1L), Set.of(a.passed(), b.passed()));
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
    }

    // ---- passing ------------------------------------------------------------------------------------

    @Test
    void singlePartyPassesAtOnceAndRunsItsActionEachTime() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Barrier barrier = new Barrier(1, runs::incrementAndGet);
        assertEquals(0, barrier.await());
        assertEquals(0, barrier.await(Duration.ZERO), "the last arriver never waits");
        assertEquals(2, runs.get());
    }

    @Test
    void indicesAreTheArrivalOrder() throws Exception {
        int parties = 4;
        Barrier barrier = new Barrier(parties);
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < parties - 1; i++) {
            arrivals.add(arrive("party-" + i, barrier));
            awaitWaiting(barrier, i + 1);
        }
        assertEquals(parties - 1, barrier.await());
        for (int i = 0; i < parties - 1; i++) {
            assertEquals(i, arrivals.get(i).passed());
        }
    }

    @Test
    void lastArriversOwnTimeoutDoesNotMatter() throws Exception {
        Barrier barrier = new Barrier(2);
        Arrival first = arrive("first", barrier);
        awaitWaiting(barrier, 1);
        assertEquals(1, barrier.await(Duration.ZERO));
        assertEquals(0, first.passed());
        assertFalse(barrier.isBroken());
    }

    @Test
    void actionRunsOncePerPhaseInTheLastArriver() throws Exception {
        int parties = 3;
        int phases = 20;
        List<Thread> actionThreads = Collections.synchronizedList(new ArrayList<>());
        List<Thread> lastArrivers = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Barrier> holder = new AtomicReference<>();
        List<Long> waitingDuringAction = Collections.synchronizedList(new ArrayList<>());
        Barrier barrier = new Barrier(parties, () -> {
            actionThreads.add(Thread.currentThread());
            waitingDuringAction.add(holder.get().nWaiting());
        });
        holder.set(barrier);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < parties; i++) {
            workers.add(threads.spawn("party-" + i, failure, () -> {
                for (int phase = 0; phase < phases; phase++) {
                    long index = barrier.await();
                    if (index == parties - 1) {
                        lastArrivers.add(Thread.currentThread());
                    }
                }
            }));
        }
        for (Thread t : workers) {
            joinOrFail(t);
        }
        assertNoFailure(failure);
        assertEquals(phases, actionThreads.size(), "one action per phase");
        assertEquals(lastArrivers, actionThreads, "the last arriver runs the action");
        for (long waiting : waitingDuringAction) {
            assertEquals(parties, waiting, "the action runs once everyone has arrived");
        }
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
    }

    @Test
    void nobodyPassesBeforeTheActionReturns() throws Exception {
        CountDownLatch inAction = new CountDownLatch(1);
        Event finishAction = new Event();
        Barrier barrier = new Barrier(2, () -> {
            inAction.countDown();
            finishAction.awaitUninterruptibly();
        });
        Arrival first = arrive("first", barrier);
        awaitWaiting(barrier, 1);
        Arrival last = arrive("last", barrier);
        assertTrue(inAction.await(TestThreads.BLOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS));
        awaitParked(first.thread);
        assertTrue(first.thread.isAlive(), "a party passed while the action was running");
        assertEquals(-100, first.index.get());
        finishAction.set();
        assertEquals(0, first.passed());
        assertEquals(1, last.passed());
    }

    // ---- breaking -----------------------------------------------------------------------------------

    @Test
    void actionThatThrowsBreaksTheBarrier() throws Exception {
        RuntimeException boom = new IllegalStateException("boom");
        Barrier barrier = new Barrier(3, () -> {
            throw boom;
        });
        Arrival a = arrive("a", barrier);
        Arrival b = arrive("b", barrier);
        awaitWaiting(barrier, 2);
        RuntimeException thrown = assertThrows(RuntimeException.class, barrier::await);
        assertSame(boom, thrown, "the last arriver gets the action's exception");
        assertInstanceOf(BrokenBarrierException.class, a.failure());
        assertInstanceOf(BrokenBarrierException.class, b.failure());
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, barrier::await, "broken until reset");
    }

    @Test
    void actionThatThrowsAnErrorBreaksTheBarrierToo() throws Exception {
        Barrier barrier = new Barrier(2, () -> {
            throw new AssertionError("action failed");
        });
        Arrival a = arrive("a", barrier);
        awaitWaiting(barrier, 1);
        AssertionError e = assertThrows(AssertionError.class, barrier::await);
        assertEquals("action failed", e.getMessage());
        assertInstanceOf(BrokenBarrierException.class, a.failure());
        assertTrue(barrier.isBroken());
    }

    @Test
    void timeoutBreaksTheBarrierForEveryone() throws Exception {
        Barrier barrier = new Barrier(3);
        Arrival patient = arrive("patient", barrier);
        awaitWaiting(barrier, 1);
        assertThrows(BrokenBarrierException.class, () -> barrier.await(Duration.ofMillis(20)));
        assertInstanceOf(BrokenBarrierException.class, patient.failure());
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
        assertEquals("<jthreading.Barrier: broken>", barrier.toString());
    }

    @Test
    void defaultTimeoutBreaksTheBarrier() throws Exception {
        Barrier barrier = new Barrier(2, null, Duration.ofMillis(20));
        assertThrows(BrokenBarrierException.class, barrier::await);
        assertTrue(barrier.isBroken());
    }

    @Test
    void explicitTimeoutOverridesTheDefault() throws Exception {
        Barrier barrier = new Barrier(2, null, Duration.ofMillis(1));
        Arrival patient = arrive("patient", barrier, b -> b.await(Duration.ofSeconds(60)));
        awaitWaiting(barrier, 1);
        awaitParked(patient.thread);
        // Not synchronisation: a window far longer than the 1 ms default it must not use.
        patient.thread.join(30);
        assertFalse(barrier.isBroken(), "the waiter's own timeout applies, not the default");
        assertEquals(1, barrier.await());
        assertEquals(0, patient.passed());
    }

    @Test
    void nonPositiveTimeoutsBreakAtOnce() throws Exception {
        // CPython: wait(0) and wait(-1) by a thread that is not the last -> BrokenBarrierError.
        Barrier barrier = new Barrier(2);
        assertThrows(BrokenBarrierException.class, () -> barrier.await(Duration.ZERO));
        assertTrue(barrier.isBroken());
        barrier.reset();
        assertThrows(BrokenBarrierException.class, () -> barrier.await(Duration.ofSeconds(-1)));
        barrier.reset();
        assertThrows(BrokenBarrierException.class, () -> barrier.awaitNanos(0));
        barrier.reset();
        assertThrows(BrokenBarrierException.class,
                () -> barrier.await(Duration.ofSeconds(Long.MIN_VALUE)));
        assertTrue(barrier.isBroken());
    }

    @Test
    void hugeDurationWaitsWithoutOverflow() throws Exception {
        Barrier barrier = new Barrier(2);
        Arrival patient = arrive("patient", barrier,
                b -> b.await(Duration.ofSeconds(Long.MAX_VALUE)));
        awaitWaiting(barrier, 1);
        assertEquals(1, barrier.await());
        assertEquals(0, patient.passed());
    }

    @Test
    void zeroPartiesIsAcceptedButCanOnlyTimeOut() {
        // CPython 3.11 does not validate parties.
        Barrier barrier = new Barrier(0);
        assertEquals(0, barrier.parties());
        assertThrows(BrokenBarrierException.class, () -> barrier.await(Duration.ofMillis(10)));
        assertTrue(barrier.isBroken());
    }

    @Test
    void abortBreaksTheBarrierForWaitersAndLaterArrivals() throws Exception {
        Barrier barrier = new Barrier(3);
        Arrival a = arrive("a", barrier);
        Arrival b = arrive("b", barrier, x -> x.await(Duration.ofSeconds(60)));
        awaitWaiting(barrier, 2);
        barrier.abort();
        assertInstanceOf(BrokenBarrierException.class, a.failure());
        assertInstanceOf(BrokenBarrierException.class, b.failure());
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
        assertThrows(BrokenBarrierException.class, barrier::await);
        assertThrows(BrokenBarrierException.class, () -> barrier.await(Duration.ZERO));
    }

    @Test
    void abortWithoutWaitersBreaksTheBarrier() {
        Barrier barrier = new Barrier(2);
        barrier.abort();
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, barrier::await);
    }

    @Test
    void resetMendsABrokenBarrier() throws Exception {
        Barrier barrier = new Barrier(2);
        barrier.abort();
        barrier.reset();
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
        Arrival a = arrive("a", barrier);
        awaitWaiting(barrier, 1);
        assertEquals(1, barrier.await());
        assertEquals(0, a.passed());
    }

    @Test
    void resetBreaksCurrentWaitersThenTheBarrierIsAsNew() throws Exception {
        Barrier barrier = new Barrier(3);
        Arrival a = arrive("a", barrier);
        Arrival b = arrive("b", barrier);
        awaitWaiting(barrier, 2);
        barrier.reset();
        assertInstanceOf(BrokenBarrierException.class, a.failure());
        assertInstanceOf(BrokenBarrierException.class, b.failure());
        assertFalse(barrier.isBroken(), "CPython: broken is False after reset");
        assertEquals(0, barrier.nWaiting());
        Arrival c = arrive("c", barrier);
        Arrival d = arrive("d", barrier);
        awaitWaiting(barrier, 2);
        assertEquals(2, barrier.await());
        assertEquals(Set.of(0L, 1L), Set.of(c.passed(), d.passed()));
    }

    @Test
    void resetOfAnIdleBarrierChangesNothing() throws Exception {
        Barrier barrier = new Barrier(1);
        barrier.reset();
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.await());
    }

    // ---- interrupts ----------------------------------------------------------------------------------

    @Test
    void interruptedWaiterBreaksTheBarrierForTheOthers() throws Exception {
        Barrier barrier = new Barrier(3);
        Arrival victim = arrive("victim", barrier);
        awaitWaiting(barrier, 1);
        Arrival other = arrive("other", barrier, b -> b.await(Duration.ofSeconds(60)));
        awaitWaiting(barrier, 2);
        awaitParked(victim.thread);
        victim.thread.interrupt();
        assertInstanceOf(InterruptedException.class, victim.failure());
        assertInstanceOf(BrokenBarrierException.class, other.failure());
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
        assertThrows(BrokenBarrierException.class, barrier::await);
    }

    @Test
    void interruptedTimedWaiterBreaksTheBarrierToo() throws Exception {
        Barrier barrier = new Barrier(2);
        Arrival victim = arrive("victim", barrier, b -> b.await(Duration.ofSeconds(60)));
        awaitWaiting(barrier, 1);
        awaitParked(victim.thread);
        victim.thread.interrupt();
        assertInstanceOf(InterruptedException.class, victim.failure());
        assertTrue(barrier.isBroken());
    }

    // ---- the Python facade's entry points --------------------------------------------------------------

    @Test
    void pythonBarrierWithAnActionHandsItToTheLastArriver() throws Exception {
        AtomicInteger javaRuns = new AtomicInteger();
        Barrier barrier = Barrier.forPython(2, javaRuns::incrementAndGet);
        Arrival first = arrive("first", barrier, b -> b.arrive(Timeouts.FOREVER, true));
        awaitWaiting(barrier, 1);
        assertEquals(Barrier.ACTION_DUE, barrier.arrive(Timeouts.FOREVER, true));
        assertEquals(0, javaRuns.get(), "a Python caller runs the action itself");
        assertEquals(2, barrier.nWaiting(), "the action runs with every party counted");
        awaitParked(first.thread);
        assertTrue(first.thread.isAlive(), "nobody passes before the action is done");
        barrier.actionDone(true);
        assertEquals(0, first.passed());
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
    }

    @Test
    void pythonActionThatRaisedBreaksTheBarrier() throws Exception {
        Barrier barrier = Barrier.forPython(2, () -> { });
        Arrival first = arrive("first", barrier, b -> b.arrive(Timeouts.FOREVER, true));
        awaitWaiting(barrier, 1);
        assertEquals(Barrier.ACTION_DUE, barrier.arrive(Timeouts.FOREVER, true));
        barrier.actionDone(false);
        assertInstanceOf(BrokenBarrierException.class, first.failure());
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
    }

    @Test
    void aJavaThreadArrivingLastAtAPythonBarrierRunsTheActionInJava() throws Exception {
        AtomicInteger javaRuns = new AtomicInteger();
        Barrier barrier = Barrier.forPython(2, javaRuns::incrementAndGet);
        Arrival first = arrive("first", barrier, b -> b.arrive(Timeouts.FOREVER, true));
        awaitWaiting(barrier, 1);
        assertEquals(1, barrier.await(Duration.ofSeconds(10)));
        assertEquals(1, javaRuns.get());
        assertEquals(0, first.passed());
    }

    @Test
    void badTimeoutOfANonLastArriverLeavesNoTrace() throws Exception {
        Barrier barrier = Barrier.forPython(2, null);
        assertEquals(Barrier.TIMEOUT_REJECTED, barrier.arrive(0, false));
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
        Arrival first = arrive("first", barrier, b -> b.arrive(Timeouts.FOREVER, true));
        awaitWaiting(barrier, 1);
        assertEquals(1, barrier.arrive(0, false), "the last arriver never uses its timeout");
        assertEquals(0, first.passed());
    }

    @Test
    void idsAreDistinct() {
        assertTrue(new Barrier(1).id() != new Barrier(1).id());
    }
}
