package io.jthreading;

import static io.jthreading.TestThreads.assertNoFailure;
import static io.jthreading.TestThreads.awaitParked;
import static io.jthreading.TestThreads.awaitTrue;
import static io.jthreading.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.jthreading.internal.OffHeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java API of {@link Semaphore} and {@link BoundedSemaphore}: CPython's rules and messages. */
@Timeout(20)
class SemaphoreTest {
    private static final String TOO_MANY = "Semaphore released too many times";
    private static final long LONG_NANOS = TimeUnit.SECONDS.toNanos(60);

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    // ---- construction -------------------------------------------------------------------------

    @Test
    void defaultValueIsOne() {
        assertEquals(1, new Semaphore().value());
        BoundedSemaphore bounded = new BoundedSemaphore();
        assertEquals(1, bounded.value());
        assertEquals(1, bounded.initialValue());
    }

    @Test
    void givenValueIsKept() {
        assertEquals(0, new Semaphore(0).value());
        assertEquals(7, new Semaphore(7).value());
        assertEquals(Long.MAX_VALUE, new Semaphore(Long.MAX_VALUE).value());
        assertEquals(3, new BoundedSemaphore(3).initialValue());
    }

    @Test
    void negativeValueIsRejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertEquals("semaphore initial value must be >= 0", e.getMessage());
        IllegalArgumentException bounded =
                assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
        assertEquals("semaphore initial value must be >= 0", bounded.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(Long.MIN_VALUE));
    }

    // ---- acquire / release --------------------------------------------------------------------

    @Test
    void acquireTakesPermitsAndReleaseGivesThemBack() throws InterruptedException {
        Semaphore sem = new Semaphore(2);
        assertTrue(sem.acquire());
        assertTrue(sem.tryAcquire());
        assertEquals(0, sem.value());
        assertFalse(sem.tryAcquire());
        assertEquals(0, sem.value(), "a failed try must not go negative");
        sem.release();
        assertEquals(1, sem.value());
        sem.release(3);
        assertEquals(4, sem.value());
    }

    @Test
    void plainSemaphoreMayBeReleasedPastItsInitialValue() {
        Semaphore sem = new Semaphore(1);
        sem.release();
        sem.release(10);
        assertEquals(12, sem.value());
    }

    @Test
    void releaseOfLessThanOneIsRejected() {
        Semaphore sem = new Semaphore(1);
        for (long n : new long[] {0, -1, Long.MIN_VALUE}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> sem.release(n));
            assertEquals("n must be one or more", e.getMessage());
        }
        assertEquals(1, sem.value());
        BoundedSemaphore bounded = new BoundedSemaphore(1);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> bounded.release(0));
        assertEquals("n must be one or more", e.getMessage());
    }

    @Test
    void releasePastLongMaxOverflows() {
        Semaphore sem = new Semaphore(Long.MAX_VALUE);
        assertThrows(OverflowException.class, sem::release);
        assertEquals(Long.MAX_VALUE, sem.value());
    }

    // ---- BoundedSemaphore ---------------------------------------------------------------------

    @Test
    void boundedReleaseOfAFullSemaphoreThrowsAndChangesNothing() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sem::release);
        assertEquals(TOO_MANY, e.getMessage());
        assertEquals(2, sem.value());
    }

    @Test
    void boundedReleaseIsAllOrNothing() throws InterruptedException {
        // CPython: BoundedSemaphore(2), acquire(), release(2) -> ValueError, _value stays 1.
        BoundedSemaphore sem = new BoundedSemaphore(2);
        sem.acquire();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> sem.release(2));
        assertEquals(TOO_MANY, e.getMessage());
        assertEquals(1, sem.value(), "no partial release");
        sem.release(1);
        assertEquals(2, sem.value());
    }

    @Test
    void boundedReleaseUpToTheInitialValueIsFine() throws InterruptedException {
        BoundedSemaphore sem = new BoundedSemaphore(3);
        sem.acquire();
        sem.acquire();
        sem.acquire();
        sem.release(2);
        sem.release();
        assertEquals(3, sem.value());
        assertThrows(IllegalArgumentException.class, sem::release);
        assertEquals(3, sem.value());
    }

    @Test
    void boundedSemaphoreOfZeroCanNeverBeReleased() {
        BoundedSemaphore sem = new BoundedSemaphore(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sem::release);
        assertEquals(TOO_MANY, e.getMessage());
        assertEquals(0, sem.value());
    }

    @Test
    void boundedOverReleaseWakesNobody() throws InterruptedException {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        sem.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean got = new AtomicBoolean();
        Thread waiter = threads.spawn("waiter", failure, () -> got.set(sem.acquire()));
        awaitParked(waiter);
        assertThrows(IllegalArgumentException.class, () -> sem.release(2));
        assertEquals(0, sem.value());
        assertFalse(got.get());
        sem.release();
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(got.get());
        assertEquals(0, sem.value());
    }

    // ---- Python's acquire(blocking, timeout) ---------------------------------------------------

    @Test
    void nonBlockingAcquireWithATimeoutIsRejected() {
        Semaphore sem = new Semaphore(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sem.acquire(false, true, 1_000_000_000L));
        assertEquals("can't specify timeout for non-blocking acquire", e.getMessage());
        assertEquals(1, sem.value(), "the rejected call must not take a permit");
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> sem.acquire(false, true, 0));
        assertEquals("can't specify timeout for non-blocking acquire", zero.getMessage());
    }

    @Test
    void pythonEntryPointCases() throws InterruptedException {
        Semaphore sem = new Semaphore(3);
        assertTrue(sem.acquire(false, false, 0), "acquire(False)");
        assertTrue(sem.acquire(true, false, 0), "acquire()");
        assertTrue(sem.acquire(true, true, -2_000_000_000L),
                "acquire(timeout=-2) with a permit free: True");
        assertEquals(0, sem.value());
        assertFalse(sem.acquire(false, false, 0));
        assertFalse(sem.acquire(true, true, 0), "acquire(timeout=0) on an empty semaphore");
        assertFalse(sem.acquire(true, true, -2_000_000_000L),
                "acquire(timeout=-2) on an empty semaphore: False, no error");
        assertFalse(sem.acquire(true, true, TimeUnit.MILLISECONDS.toNanos(20)));
        assertEquals(0, sem.value());
    }

    @Test
    void timeoutMaxWithAPermitFreeSucceeds() throws InterruptedException {
        // CPython: acquire(timeout=TIMEOUT_MAX + 1) with permits -> True.
        Semaphore sem = new Semaphore(1);
        assertTrue(sem.acquire(true, true, Long.MAX_VALUE));
        assertEquals(0, sem.value());
    }

    @Test
    void boundedWaitsOnAnEmptySemaphoreReturnFalse() throws InterruptedException {
        Semaphore sem = new Semaphore(0);
        assertFalse(sem.tryAcquire(Duration.ofMillis(20)));
        assertFalse(sem.tryAcquire(Duration.ZERO));
        assertFalse(sem.tryAcquire(Duration.ofSeconds(-1)));
        assertFalse(sem.tryAcquire(Duration.ofSeconds(Long.MIN_VALUE)));
        assertEquals(0, sem.value());
    }

    @Test
    void durationOverloadTakesAFreePermitAndDoesNotOverflow() throws InterruptedException {
        Semaphore sem = new Semaphore(2);
        assertTrue(sem.tryAcquire(Duration.ofSeconds(1)));
        assertTrue(sem.tryAcquire(Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(0, sem.value());
    }

    @Test
    void hugeDurationWaitsUntilReleased() throws InterruptedException {
        Semaphore sem = new Semaphore(0);
        AtomicBoolean got = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = threads.spawn("waiter", failure,
                () -> got.set(sem.tryAcquire(Duration.ofSeconds(Long.MAX_VALUE))));
        awaitParked(waiter);
        sem.release();
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(got.get());
    }

    // ---- blocking, wake-ups, interrupts ---------------------------------------------------------

    @Test
    void releaseWakesABlockedAcquirer() throws InterruptedException {
        Semaphore sem = new Semaphore(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger got = new AtomicInteger();
        List<Thread> waiters = threads.blockedWaiters(2, failure, () -> {
            if (sem.acquire(true, true, LONG_NANOS)) {
                got.incrementAndGet();
            }
        });
        sem.release();
        awaitTrue(() -> got.get() == 1, "one waiter got the permit");
        assertEquals(0, sem.value());
        sem.release();
        for (Thread t : waiters) {
            joinOrFail(t);
        }
        assertNoFailure(failure);
        assertEquals(2, got.get());
    }

    @Test
    void releaseNWakesNWaiters() throws InterruptedException {
        Semaphore sem = new Semaphore(0);
        int n = 4;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger got = new AtomicInteger();
        List<Thread> waiters = threads.blockedWaiters(n + 1, failure, () -> {
            sem.acquire();
            got.incrementAndGet();
        });
        sem.release(n);
        awaitTrue(() -> got.get() == n, n + " waiters got a permit");
        assertEquals(0, sem.value());
        assertEquals(n, got.get(), "release(n) must not let more than n through");
        sem.release();
        for (Thread t : waiters) {
            joinOrFail(t);
        }
        assertNoFailure(failure);
        assertEquals(n + 1, got.get());
    }

    @Test
    void interruptingABlockedAcquireThrowsAndTakesNothing() throws InterruptedException {
        Semaphore sem = new Semaphore(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> waiters = threads.blockedWaiters(1, failure, sem::acquire);
        waiters.get(0).interrupt();
        joinOrFail(waiters.get(0));
        assertInstanceOf(InterruptedException.class, failure.get());
        assertEquals(0, sem.value());
        sem.release();
        assertEquals(1, sem.value(), "the interrupted waiter must not have consumed a permit");
    }

    @Test
    void interruptingTimedAndDurationAcquiresThrows() throws InterruptedException {
        Semaphore sem = new BoundedSemaphore(0);
        AtomicReference<Throwable> timed = new AtomicReference<>();
        AtomicReference<Throwable> duration = new AtomicReference<>();
        Thread a = threads.blockedWaiters(1, timed, () -> sem.acquire(true, true, LONG_NANOS))
                .get(0);
        Thread b = threads.blockedWaiters(1, duration,
                () -> sem.tryAcquire(Duration.ofSeconds(60))).get(0);
        a.interrupt();
        b.interrupt();
        joinOrFail(a);
        joinOrFail(b);
        assertInstanceOf(InterruptedException.class, timed.get());
        assertInstanceOf(InterruptedException.class, duration.get());
    }

    @Test
    void interruptedWaiterDoesNotStopOthersFromGettingPermits() throws InterruptedException {
        Semaphore sem = new Semaphore(0);
        AtomicReference<Throwable> interrupted = new AtomicReference<>();
        Thread victim = threads.blockedWaiters(1, interrupted, sem::acquire).get(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> others = threads.blockedWaiters(2, failure, sem::acquire);
        victim.interrupt();
        joinOrFail(victim);
        assertInstanceOf(InterruptedException.class, interrupted.get());
        sem.release(2);
        for (Thread t : others) {
            joinOrFail(t);
        }
        assertNoFailure(failure);
        assertEquals(0, sem.value());
    }

    @Test
    void guardIgnoresInterruptsButKeepsTheFlag() throws InterruptedException {
        Semaphore sem = new Semaphore(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread waiter = threads.spawn("guarded", failure, () -> {
            try (Guard g = sem.guard()) {
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        awaitParked(waiter);
        waiter.interrupt();
        sem.release();
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertTrue(flag.get(), "guard() must re-assert the interrupt it swallowed");
        assertEquals(1, sem.value(), "the guard gives its permit back");
    }

    // ---- Java idioms, contention, misc -------------------------------------------------------------

    @Test
    void guardTakesAndGivesBackAPermit() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        try (Guard outer = sem.guard()) {
            assertEquals(1, sem.value());
            try (Guard inner = sem.guard()) {
                assertEquals(0, sem.value());
            }
            assertEquals(1, sem.value());
        }
        assertEquals(2, sem.value());
        assertThrows(IllegalStateException.class, () -> {
            try (Guard g = sem.guard()) {
                throw new IllegalStateException("boom");
            }
        });
        assertEquals(2, sem.value());
    }

    @Test
    void permitsLimitConcurrency() throws Exception {
        int permits = 3;
        int workers = 8;
        int rounds = 2_000;
        BoundedSemaphore sem = new BoundedSemaphore(permits);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        CyclicBarrier gate = new CyclicBarrier(workers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            started.add(threads.spawn("worker-" + i, failure, () -> {
                gate.await();
                for (int k = 0; k < rounds; k++) {
                    sem.acquire();
                    try {
                        int now = inside.incrementAndGet();
                        maxInside.accumulateAndGet(now, Math::max);
                        inside.decrementAndGet();
                    } finally {
                        sem.release();
                    }
                }
            }));
        }
        for (Thread t : started) {
            joinOrFail(t);
        }
        assertNoFailure(failure);
        assertTrue(maxInside.get() <= permits, "at most " + permits + " inside, saw " + maxInside);
        assertEquals(permits, sem.value());
    }

    @Test
    void toStringShowsTheValue() throws InterruptedException {
        Semaphore sem = new Semaphore(3);
        assertEquals("<jthreading.Semaphore: value=3>", sem.toString());
        BoundedSemaphore bounded = new BoundedSemaphore(3);
        bounded.acquire();
        assertEquals("<jthreading.BoundedSemaphore: value=2/3>", bounded.toString());
    }

    @Test
    void idsAreDistinct() {
        assertTrue(new Semaphore().id() != new BoundedSemaphore().id());
    }

    /** The layout the native glue reads (native-glue/src/fast_methods.c, semaphore_state). */
    @Test
    void stateMemoryHoldsPermitsWaitersFlagAndBoundForTheNativeGlue() throws InterruptedException {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        long memory = sem.stateAddress();
        assertEquals(1, OffHeap.loadLong(sem, memory), "permits");
        assertEquals(0, OffHeap.loadInt(sem, memory + 8), "nobody waits");
        assertEquals(1, OffHeap.loadLong(sem, memory + 16), "bound");
        Semaphore plain = new Semaphore(3);
        assertEquals(-1, OffHeap.loadLong(plain, plain.stateAddress() + 16), "a plain semaphore: no bound");
        assertTrue(sem.tryAcquire());
        assertEquals(0, OffHeap.loadLong(sem, memory));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = threads.spawn("waiter", failure, () -> {
            sem.acquire();
            sem.release();
        });
        awaitParked(waiter);
        assertEquals(1, OffHeap.loadInt(sem, memory + 8), "a parked acquirer sets the waiters flag");
        sem.release();
        joinOrFail(waiter);
        assertNoFailure(failure);
        assertEquals(0, OffHeap.loadInt(sem, memory + 8), "the release that woke it cleared the flag");
        assertEquals(1, OffHeap.loadLong(sem, memory));
    }
}
