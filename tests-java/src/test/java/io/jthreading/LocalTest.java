package io.jthreading;

import static io.jthreading.TestThreads.assertNoFailure;
import static io.jthreading.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java API of {@link Local}: Python's {@code threading.local}. */
@Timeout(20)
class LocalTest {
    @RegisterExtension
    final TestThreads threads = new TestThreads();

    /** Runs {@code body} on a new thread and waits for it; rethrows what it threw. */
    private void onAnotherThread(TestThreads.Body body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        joinOrFail(threads.spawn("other", failure, body));
        assertNoFailure(failure);
    }

    // ---- attributes ------------------------------------------------------------------------------

    @Test
    void setGetHasDelete() {
        Local local = new Local();
        assertFalse(local.has("x"));
        local.set("x", 1);
        assertTrue(local.has("x"));
        assertEquals(1, local.get("x"));
        local.set("x", "two");
        assertEquals("two", local.get("x"));
        local.delete("x");
        assertFalse(local.has("x"));
    }

    @Test
    void nullIsAValue() {
        Local local = new Local();
        local.set("none", null);
        assertTrue(local.has("none"));
        assertNull(local.get("none"));
        assertEquals(Set.of("none"), local.names());
    }

    @Test
    void missingAttributeHasCPythonsMessage() {
        Local local = new Local();
        NoSuchElementException e =
                assertThrows(NoSuchElementException.class, () -> local.get("missing"));
        assertEquals("'_thread._local' object has no attribute 'missing'", e.getMessage());
    }

    @Test
    void deletingAMissingAttributeHasCPythonsMessage() {
        // CPython 3.11: del threading.local().x -> AttributeError:
        // "'_thread._local' object has no attribute 'x'", as for reading it.
        Local local = new Local();
        NoSuchElementException e =
                assertThrows(NoSuchElementException.class, () -> local.delete("x"));
        assertEquals("'_thread._local' object has no attribute 'x'", e.getMessage());
    }

    @Test
    void deletedAttributeIsMissingAgain() {
        Local local = new Local();
        local.set("x", 1);
        local.delete("x");
        assertThrows(NoSuchElementException.class, () -> local.get("x"));
        assertThrows(NoSuchElementException.class, () -> local.delete("x"));
    }

    @Test
    void namesIsASnapshotOfTheCallersNames() {
        Local local = new Local();
        assertEquals(Set.of(), local.names());
        local.set("a", 1);
        local.set("b", 2);
        Set<String> names = local.names();
        assertEquals(Set.of("a", "b"), names);
        assertThrows(UnsupportedOperationException.class, () -> names.add("c"));
        local.delete("a");
        assertEquals(Set.of("a", "b"), names, "a snapshot, not a view");
        assertEquals(Set.of("b"), local.names());
    }

    @Test
    void twoLocalsAreIndependent() {
        Local a = new Local();
        Local b = new Local();
        a.set("x", 1);
        assertFalse(b.has("x"));
    }

    // ---- isolation between threads --------------------------------------------------------------

    @Test
    void otherThreadsDoNotSeeOurAttributes() throws InterruptedException {
        Local local = new Local();
        local.set("x", "main");
        onAnotherThread(() -> {
            assertFalse(local.has("x"));
            assertEquals(Set.of(), local.names());
            assertThrows(NoSuchElementException.class, () -> local.get("x"));
            local.set("x", "other");
            local.set("y", 2);
        });
        assertEquals("main", local.get("x"), "another thread's set must not leak here");
        assertFalse(local.has("y"));
    }

    @Test
    void otherThreadsCannotDeleteOurAttributes() throws InterruptedException {
        Local local = new Local();
        local.set("x", 1);
        onAnotherThread(() -> assertThrows(NoSuchElementException.class, () -> local.delete("x")));
        assertEquals(1, local.get("x"));
    }

    @Test
    void concurrentThreadsEachKeepTheirOwnValue() throws InterruptedException {
        Local local = new Local();
        int n = 6;
        CyclicBarrier together = new CyclicBarrier(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int mine = i;
            workers.add(threads.spawn("worker-" + i, failure, () -> {
                local.set("id", mine);
                together.await(); // everyone has set its value
                for (int k = 0; k < 1000; k++) {
                    assertEquals(mine, local.get("id"));
                    local.set("id", mine);
                }
                together.await();
                assertEquals(mine, local.get("id"));
            }));
        }
        for (Thread t : workers) {
            joinOrFail(t);
        }
        assertNoFailure(failure);
        assertFalse(local.has("id"), "the test thread set nothing");
    }

    // ---- the initializer (Python: a subclass's __init__) ---------------------------------------

    @Test
    void initializerRunsLazilyOncePerThread() throws InterruptedException {
        List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
        Local local = new Local(l -> {
            ranOn.add(Thread.currentThread());
            l.set("color", "red");
        });
        assertEquals(List.of(), ranOn, "nothing runs before the first use");
        assertEquals("red", local.get("color"));
        local.set("color", "blue");
        assertTrue(local.has("color"));
        local.names();
        assertEquals("blue", local.get("color"), "the initializer must not run again");
        assertEquals(List.of(Thread.currentThread()), ranOn);
        AtomicReference<Thread> other = new AtomicReference<>();
        onAnotherThread(() -> {
            other.set(Thread.currentThread());
            assertEquals("red", local.get("color"), "each thread starts from the initializer");
            local.set("color", "green");
            assertEquals("green", local.get("color"));
        });
        assertEquals(List.of(Thread.currentThread(), other.get()), ranOn);
        assertEquals("blue", local.get("color"));
    }

    @Test
    void everyOperationTriggersTheInitializer() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Local local = new Local(l -> runs.incrementAndGet());
        onAnotherThread(() -> local.has("x"));
        onAnotherThread(() -> local.set("x", 1));
        onAnotherThread(local::names);
        onAnotherThread(() -> assertThrows(NoSuchElementException.class, () -> local.get("x")));
        onAnotherThread(() -> assertThrows(NoSuchElementException.class,
                () -> local.delete("x")));
        assertEquals(5, runs.get());
    }

    @Test
    void initializerMayUseTheLocalItself() {
        Local local = new Local(l -> {
            assertFalse(l.has("count"));
            l.set("count", 0);
            l.set("count", (Integer) l.get("count") + 1);
        });
        assertEquals(1, local.get("count"));
        assertEquals(Set.of("count"), local.names());
    }

    @Test
    void initializerSeesTheLocalItWasGiven() {
        AtomicReference<Local> given = new AtomicReference<>();
        Local local = new Local(given::set);
        local.has("x");
        assertSame(local, given.get());
    }

    @Test
    void failedInitializerLeavesNoNamespaceAndRunsAgain() {
        AtomicInteger runs = new AtomicInteger();
        Local local = new Local(l -> {
            l.set("partial", true);
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first __init__ fails");
            }
        });
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> local.get("partial"));
        assertEquals("first __init__ fails", e.getMessage());
        assertEquals(true, local.get("partial"), "the next use runs the initializer again");
        assertEquals(2, runs.get());
        assertEquals(Set.of("partial"), local.names());
    }

    @Test
    void failedInitializerInOneThreadDoesNotAffectAnother() throws InterruptedException {
        Local local = new Local(l -> {
            if (Thread.currentThread().getName().equals("doomed")) {
                throw new IllegalArgumentException("no");
            }
            l.set("ok", true);
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        joinOrFail(threads.spawn("doomed", failure, () -> local.has("ok")));
        assertTrue(failure.get() instanceof IllegalArgumentException, String.valueOf(failure));
        assertEquals(true, local.get("ok"));
    }
}
