package io.jthreading.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java side of the shared queues, without Python: the {@link BlockingQueue} contract,
 * CPython's Queue rules (FIFO, LIFO, heapq's priority order, task_done/join, shutdown), timeouts,
 * interrupts, and many producers and consumers with exact counts. Every wait is bounded.
 */
@Timeout(60)
class SharedQueueTest {
    private static final long BOUND_MILLIS = 10_000;
    private final List<Thread> started = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    @AfterEach
    void interruptLeftovers() {
        started.forEach(Thread::interrupt);
    }

    private interface Body {
        void run() throws Throwable;
    }

    private Thread spawn(String name, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        thread.setDaemon(true);
        started.add(thread);
        thread.start();
        return thread;
    }

    private static void awaitParked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (thread.getState() != Thread.State.WAITING
                && thread.getState() != Thread.State.TIMED_WAITING) {
            if (!thread.isAlive()) {
                fail(thread.getName() + " ended instead of blocking");
            }
            if (System.nanoTime() > deadline) {
                fail(thread.getName() + " did not block");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void joinOrFail(Thread thread) throws InterruptedException {
        thread.join(BOUND_MILLIS);
        assertFalse(thread.isAlive(), thread.getName() + " is still running");
        if (failure.get() != null) {
            throw new AssertionError("a worker failed: " + failure.get(), failure.get());
        }
    }

    // ---- order -----------------------------------------------------------------------------

    @Test
    void fifoLifoAndPriorityOrder() throws InterruptedException {
        List<BlockingQueue<Integer>> queues = List.of(new SharedQueue<>(), new SharedLifoQueue<>(),
                new SharedPriorityQueue<>(), new SharedSimpleQueue<>());
        List<List<Integer>> expected = List.of(List.of(111, 333, 222), List.of(222, 333, 111),
                List.of(111, 222, 333), List.of(111, 333, 222));
        for (int i = 0; i < queues.size(); i++) {
            BlockingQueue<Integer> q = queues.get(i);
            q.put(111);
            q.put(333);
            q.put(222);
            assertEquals(expected.get(i), List.of(q.take(), q.take(), q.take()));
        }
    }

    /** A ranked item whose ties are told apart by a tag (heapq's order of equal items). */
    private record Ranked(int rank, int tag) implements Comparable<Ranked> {
        @Override
        public int compareTo(Ranked other) {
            return Integer.compare(rank, other.rank);
        }
    }

    @Test
    void priorityOrderIsHeapqsIncludingTies() {
        Random random = new Random(7);
        SharedPriorityQueue<Ranked> q = new SharedPriorityQueue<>();
        List<Ranked> model = new ArrayList<>(); // heapq written out as the reference
        for (int step = 0; step < 2_000; step++) {
            if (random.nextInt(10) < 6) {
                Ranked item = new Ranked(random.nextInt(5), step);
                assertTrue(q.offer(item));
                heappush(model, item);
            } else {
                assertEquals(model.isEmpty() ? null : heappop(model), q.poll());
            }
            assertArrayEquals(model.toArray(), q.toArray());
        }
    }

    // heapq's push and pop, from its documented algorithm, for the model only.
    private static void heappush(List<Ranked> heap, Ranked item) {
        heap.add(item);
        int pos = heap.size() - 1;
        while (pos > 0) {
            int parent = (pos - 1) / 2;
            if (heap.get(pos).compareTo(heap.get(parent)) >= 0) {
                break;
            }
            Collections.swap(heap, pos, parent);
            pos = parent;
        }
    }

    private static Ranked heappop(List<Ranked> heap) {
        Ranked last = heap.remove(heap.size() - 1);
        if (heap.isEmpty()) {
            return last;
        }
        Ranked top = heap.set(0, last);
        int pos = 0;
        int end = heap.size();
        while (2 * pos + 1 < end) {
            int child = 2 * pos + 1;
            if (child + 1 < end && heap.get(child).compareTo(heap.get(child + 1)) >= 0) {
                child++;
            }
            Collections.swap(heap, pos, child);
            pos = child;
        }
        while (pos > 0) {
            int parent = (pos - 1) / 2;
            if (heap.get(pos).compareTo(heap.get(parent)) >= 0) {
                break;
            }
            Collections.swap(heap, pos, parent);
            pos = parent;
        }
        return top;
    }

    @Test
    void priorityQueueWithAComparatorAndSameOrderAsJavasForDistinctItems() {
        SharedPriorityQueue<Integer> reversed = new SharedPriorityQueue<>(0, Comparator.reverseOrder());
        PriorityQueue<Integer> reference = new PriorityQueue<>(Comparator.reverseOrder());
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            int value = random.nextInt();
            reversed.offer(value);
            reference.offer(value);
        }
        while (!reference.isEmpty()) {
            assertEquals(reference.poll(), reversed.poll());
        }
    }

    @Test
    void removingFromTheMiddleOfTheHeapKeepsItAHeap() {
        Random random = new Random(11);
        SharedPriorityQueue<Integer> q = new SharedPriorityQueue<>();
        List<Integer> reference = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int value = random.nextInt(50);
            q.add(value);
            reference.add(value);
        }
        for (int i = 0; i < 100; i++) {
            Integer victim = reference.remove(random.nextInt(reference.size()));
            assertTrue(q.remove(victim));
        }
        Iterator<Integer> it = q.iterator();
        Integer first = it.next();
        it.remove();
        reference.remove(first);
        Collections.sort(reference);
        List<Integer> drained = new ArrayList<>();
        q.drainTo(drained);
        assertEquals(reference, drained);
    }

    @Test
    void aSimpleQueueRefusesToDrainIntoItself() {
        SharedSimpleQueue<Integer> q = new SharedSimpleQueue<>();
        q.add(1);
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q));
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q, 1));
        assertEquals(1, q.size());
    }

    @Test
    void itemsThatCannotBeOrderedThrowClassCastExceptionAsHeapqLeavesIt() {
        SharedPriorityQueue<Object> q = new SharedPriorityQueue<>();
        q.offer(1);
        assertThrows(ClassCastException.class, () -> q.offer(new Object()));
        assertEquals(2, q.size()); // heappush appended it before comparing
        assertEquals(1, q.unfinishedTasks()); // but it is no task
    }

    // ---- BlockingQueue contract --------------------------------------------------------------

    @Test
    void nullsAreRefused() {
        SharedQueue<Object> q = new SharedQueue<>();
        assertThrows(NullPointerException.class, () -> q.offer(null));
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(NullPointerException.class, () -> q.offer(null, 1, TimeUnit.SECONDS));
        assertThrows(NullPointerException.class, () -> q.add(null));
        assertThrows(NullPointerException.class, () -> q.drainTo(null));
        assertFalse(q.contains(null));
        assertFalse(q.remove(null));
    }

    @Test
    void boundedQueueOfferAddRemainingCapacity() {
        SharedQueue<String> q = new SharedQueue<>(2);
        assertEquals(2, q.remainingCapacity());
        assertTrue(q.offer("a"));
        assertTrue(q.add("b"));
        assertEquals(0, q.remainingCapacity());
        assertTrue(q.isFull());
        assertFalse(q.offer("c"));
        assertEquals("Queue full", assertThrows(IllegalStateException.class, () -> q.add("c")).getMessage());
        assertEquals("a", q.element());
        assertEquals("a", q.remove());
        assertEquals(Integer.MAX_VALUE, new SharedQueue<>().remainingCapacity());
        assertEquals(Integer.MAX_VALUE, new SharedQueue<>(-4).remainingCapacity());
    }

    @Test
    void pollPeekOnEmpty() throws InterruptedException {
        SharedQueue<String> q = new SharedQueue<>();
        assertNull(q.poll());
        assertNull(q.peek());
        assertNull(q.poll(0, TimeUnit.SECONDS));
        assertNull(q.poll(-5, TimeUnit.SECONDS));
        assertThrows(NoSuchElementException.class, q::remove);
        assertThrows(NoSuchElementException.class, q::element);
        long start = System.nanoTime();
        assertNull(q.poll(30, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    void timedOfferOnAFullQueueTimesOut() throws InterruptedException {
        SharedQueue<String> q = new SharedQueue<>(1);
        q.put("x");
        long start = System.nanoTime();
        assertFalse(q.offer("y", 30, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(30));
        assertFalse(q.offer("y", Long.MIN_VALUE, TimeUnit.NANOSECONDS));
    }

    @Test
    void drainToContainsRemoveClearIteratorToArray() {
        SharedQueue<Integer> q = new SharedQueue<>(10);
        for (int i = 0; i < 6; i++) {
            q.add(i);
        }
        assertTrue(q.contains(3));
        assertTrue(q.remove((Object) 3));
        assertFalse(q.contains(3));
        assertArrayEquals(new Object[] {0, 1, 2, 4, 5}, q.toArray());
        assertArrayEquals(new Integer[] {0, 1, 2, 4, 5}, q.toArray(new Integer[0]));
        Integer[] roomy = new Integer[7];
        assertSame(roomy, q.toArray(roomy));
        assertNull(roomy[5]);
        Iterator<Integer> it = q.iterator();
        assertThrows(IllegalStateException.class, it::remove);
        assertEquals(0, it.next());
        it.remove();
        assertEquals(List.of(1, 2, 4, 5), new ArrayList<>(q));
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q));
        List<Integer> sink = new ArrayList<>();
        assertEquals(2, q.drainTo(sink, 2));
        assertEquals(List.of(1, 2), sink);
        assertEquals(2, q.drainTo(sink));
        assertEquals(List.of(1, 2, 4, 5), sink);
        assertTrue(q.isEmpty());
        q.add(9);
        q.clear();
        assertEquals(0, q.size());
        assertEquals(7, q.unfinishedTasks()); // gets of any kind leave tasks unfinished
        assertEquals("[]", q.toString());
        SharedLifoQueue<Integer> lifo = new SharedLifoQueue<>();
        lifo.add(1);
        lifo.add(2);
        assertEquals(List.of(2, 1), new ArrayList<>(lifo)); // in take order
        assertEquals(2, lifo.peek());
    }

    @Test
    void aDrainOrRemovalWakesABlockedPut() throws InterruptedException {
        SharedQueue<Integer> q = new SharedQueue<>(1);
        q.put(1);
        Thread putter = spawn("putter", () -> q.put(2));
        awaitParked(putter);
        q.drainTo(new ArrayList<>());
        joinOrFail(putter);
        assertEquals(2, q.poll());
    }

    // ---- blocking, interrupts ------------------------------------------------------------------

    @Test
    void takeWaitsForAPutAndPutForATake() throws InterruptedException {
        SharedQueue<String> q = new SharedQueue<>(1);
        AtomicReference<String> got = new AtomicReference<>();
        Thread taker = spawn("taker", () -> got.set(q.take()));
        awaitParked(taker);
        q.put("a");
        joinOrFail(taker);
        assertEquals("a", got.get());
        q.put("b");
        Thread putter = spawn("putter", () -> q.put("c"));
        awaitParked(putter);
        assertEquals("b", q.take());
        joinOrFail(putter);
        assertEquals("c", q.take());
    }

    @Test
    void interruptsEndBlockedTakesAndPuts() throws InterruptedException {
        SharedQueue<String> q = new SharedQueue<>(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread taker = spawn("taker", () -> {
            try {
                q.take();
            } catch (InterruptedException e) {
                thrown.set(e);
            }
        });
        awaitParked(taker);
        taker.interrupt();
        joinOrFail(taker);
        assertTrue(thrown.get() instanceof InterruptedException);
        q.put("x");
        thrown.set(null);
        Thread putter = spawn("putter", () -> {
            try {
                q.offer("y", 1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                thrown.set(e);
            }
        });
        awaitParked(putter);
        putter.interrupt();
        joinOrFail(putter);
        assertTrue(thrown.get() instanceof InterruptedException);
        assertEquals(1, q.size());
        assertFalse(q.mutex().locked()); // released on the way out
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, q::take); // not empty: still (j.u.c's rule)
        assertFalse(Thread.interrupted());
        assertEquals(1, q.size());
        assertEquals("x", q.poll()); // a non-blocking method ignores the status

    }

    // ---- task_done / join ----------------------------------------------------------------------

    @Test
    void taskDoneAndJoin() throws InterruptedException {
        SharedQueue<Integer> q = new SharedQueue<>();
        assertTrue(q.join(Duration.ZERO));
        q.put(1);
        q.put(2);
        assertFalse(q.join(Duration.ofMillis(20)));
        Thread joiner = spawn("joiner", q::join);
        awaitParked(joiner);
        q.take();
        q.taskDone();
        q.take();
        assertTrue(joiner.isAlive());
        q.taskDone();
        joinOrFail(joiner);
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("task_done() called too many times", e.getMessage());
        assertEquals(0, q.unfinishedTasks());
    }

    // ---- shutdown ----------------------------------------------------------------------------

    @Test
    void shutdownWakesEveryWaiterAndRefusesPuts() throws InterruptedException {
        SharedQueue<String> q = new SharedQueue<>(1);
        AtomicReference<Throwable> takeEnded = new AtomicReference<>();
        Thread taker = spawn("taker", () -> {
            try {
                q.take();
            } catch (ShutDownException e) {
                takeEnded.set(e);
            }
        });
        awaitParked(taker);
        q.shutdown();
        joinOrFail(taker);
        assertTrue(takeEnded.get() instanceof ShutDownException);
        assertTrue(q.isShutdown());
        assertThrows(ShutDownException.class, () -> q.put("a"));
        assertThrows(ShutDownException.class, () -> q.offer("a"));
        assertThrows(ShutDownException.class, q::poll);
    }

    @Test
    void shutdownLetsTheRestBeTakenUnlessImmediate() throws InterruptedException {
        SharedQueue<String> q = new SharedQueue<>();
        q.put("a");
        q.put("b");
        q.shutdown(false);
        assertEquals("a", q.take());
        SharedQueue<String> immediate = new SharedQueue<>();
        immediate.put("a");
        immediate.put("b");
        immediate.take();
        Thread joiner = spawn("joiner", immediate::join);
        awaitParked(joiner);
        immediate.shutdown(true);
        assertEquals(0, immediate.size());
        assertEquals(1, immediate.unfinishedTasks()); // the taken one, not yet done
        assertThrows(ShutDownException.class, immediate::take);
        immediate.taskDone();
        joinOrFail(joiner);
    }

    @Test
    void theMutexLocksOutEveryOperation() throws InterruptedException {
        SharedQueue<String> q = new SharedQueue<>();
        q.mutex().lock();
        Thread putter = spawn("putter", () -> q.offer("a"));
        awaitParked(putter);
        assertTrue(putter.isAlive());
        q.mutex().unlock();
        joinOrFail(putter);
        assertEquals(1, q.size());
    }

    // ---- many threads --------------------------------------------------------------------------

    @Test
    void manyProducersAndConsumersSeeEachItemOnce() throws InterruptedException {
        for (BlockingQueue<Integer> q : List.<BlockingQueue<Integer>>of(new SharedQueue<>(7),
                new SharedLifoQueue<>(3), new SharedPriorityQueue<>(5), new SharedSimpleQueue<>())) {
            int producers = 4;
            int consumers = 4;
            int per = 5_000;
            ConcurrentLinkedQueue<Integer> taken = new ConcurrentLinkedQueue<>();
            CountDownLatch done = new CountDownLatch(producers);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int first = p * per;
                threads.add(spawn("producer-" + p, () -> {
                    for (int i = 0; i < per; i++) {
                        if (i % 3 == 0) {
                            assertTrue(q.offer(first + i, BOUND_MILLIS, TimeUnit.MILLISECONDS));
                        } else {
                            q.put(first + i);
                        }
                    }
                    done.countDown();
                }));
            }
            java.util.concurrent.atomic.AtomicInteger remaining =
                    new java.util.concurrent.atomic.AtomicInteger(producers * per);
            for (int c = 0; c < consumers; c++) {
                threads.add(spawn("consumer-" + c, () -> {
                    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS * 3);
                    while (remaining.get() > 0) { // (the poll's bound only lets it see the end)
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("starved");
                        }
                        Integer item = q.poll(5, TimeUnit.MILLISECONDS);
                        if (item != null) {
                            taken.add(item);
                            remaining.decrementAndGet();
                        }
                    }
                }));
            }
            assertTrue(done.await(BOUND_MILLIS, TimeUnit.MILLISECONDS));
            for (Thread thread : threads) {
                joinOrFail(thread);
            }
            List<Integer> sorted = new ArrayList<>(taken);
            Collections.sort(sorted);
            assertEquals(producers * per, sorted.size(), q.getClass().getSimpleName());
            for (int i = 0; i < sorted.size(); i++) {
                assertEquals(i, sorted.get(i));
            }
            assertEquals(0, q.size());
        }
    }
}
