package io.jthreading.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jthreading.Event;

/**
 * Futures and executors shared by a Java host and embedded Python (jthreading.futures): Java
 * waits on Python's futures, Python waits on Java's, a Python ThreadPoolExecutor serves as a
 * Java ExecutorService. Every wait is bounded.
 */
@Timeout(60)
class PythonFuturesTest {
    private static final long BOUND = 30;

    private EmbeddedPython py;

    @BeforeEach
    void openPython() {
        py = EmbeddedPython.open();
        py.exec("import concurrent.futures, threading\n"
                + "import jthreading, jthreading.futures as jf");
    }

    @AfterEach
    void closePython() {
        py.close();
    }

    @Test
    void javaWaitsOnAPythonFutureThatAPythonThreadCompletes() throws Exception {
        Event go = new Event();
        py.set("go", go);
        py.exec("fut = concurrent.futures.Future()\n"
                + "java_fut = jf.to_java(fut)\n"
                + "def finish():\n"
                + "    go.wait(30)\n"
                + "    fut.set_result(42)\n"
                + "worker = jthreading.Thread(target=finish); worker.start()");
        CompletableFuture<?> future = py.get("java_fut", CompletableFuture.class);
        assertThrows(TimeoutException.class, () -> future.get(1, TimeUnit.MILLISECONDS));
        go.set();
        Object result = future.get(BOUND, TimeUnit.SECONDS);
        assertInstanceOf(PythonObject.class, result); // Python's int, as a handle
        assertEquals(42L, PythonFutures.value(result));
        py.exec("worker.join(30)");
    }

    @Test
    void javaThreadsWaitOnFuturesOfAPythonThreadPool() throws Exception {
        py.exec("pool = concurrent.futures.ThreadPoolExecutor(2)\n"
                + "def fails(): raise KeyError('k')\n"
                + "java_futures = [jf.to_java(pool.submit(pow, 2, n)) for n in range(20)]\n"
                + "java_failed = jf.to_java(pool.submit(fails))");
        @SuppressWarnings("unchecked")
        List<CompletableFuture<?>> futures = py.get("java_futures", List.class);
        CompletableFuture<?> failed = py.get("java_failed", CompletableFuture.class);
        List<Object> values = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Object> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread waiter = new Thread(() -> {
            try {
                for (CompletableFuture<?> future : futures) {
                    values.add(PythonFutures.value(future.get(BOUND, TimeUnit.SECONDS)));
                }
                failed.get(BOUND, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failures.add(e.getCause().getMessage());
            } catch (Exception e) {
                failures.add(e);
            }
        });
        waiter.start();
        waiter.join(TimeUnit.SECONDS.toMillis(BOUND));
        List<Object> expected = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            expected.add(1L << n);
        }
        assertEquals(expected, values);
        assertEquals(List.of("KeyError: 'k'"), failures);
        py.exec("pool.shutdown(wait=True)");
    }

    @Test
    void aPythonFailureIsTheCauseOfTheExecutionException() throws Exception {
        py.exec("fut = concurrent.futures.Future()\n"
                + "java_fut = jf.to_java(fut)\n"
                + "error = ValueError('msg')\n"
                + "fut.set_exception(error)");
        CompletableFuture<?> future = py.get("java_fut", CompletableFuture.class);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> future.get(BOUND, TimeUnit.SECONDS));
        PythonException cause = assertInstanceOf(PythonException.class, failed.getCause());
        assertEquals("ValueError: msg", cause.getMessage());
        py.set("handle", cause.pythonException());
        py.exec("from jthreading import _handles\nsame = _handles.from_java(handle) is error");
        assertEquals(Boolean.TRUE, py.get("same"));
    }

    @Test
    void javaCancelFollowsPythonsCancel() throws Exception {
        py.exec("pending, running = concurrent.futures.Future(), concurrent.futures.Future()\n"
                + "running.set_running_or_notify_cancel()\n"
                + "java_pending, java_running = jf.to_java(pending), jf.to_java(running)");
        CompletableFuture<?> pending = py.get("java_pending", CompletableFuture.class);
        CompletableFuture<?> running = py.get("java_running", CompletableFuture.class);
        assertTrue(pending.cancel(true));
        assertEquals(Boolean.TRUE, py.get("pending.cancelled()"));
        assertFalse(running.cancel(true)); // Python's cancel() fails once running
        assertFalse(running.isDone());
        py.exec("running.set_result(None)");
        assertNull(running.get(BOUND, TimeUnit.SECONDS));
    }

    @Test
    void pythonWaitsOnAJavaFuture() throws Exception {
        CompletableFuture<Object> value = new CompletableFuture<>();
        CompletableFuture<Object> failure = new CompletableFuture<>();
        py.set("value", value);
        py.set("failure", failure);
        py.exec("outcomes = []\n"
                + "def wait():\n"
                + "    outcomes.append(jf.from_java(value).result(30))\n"
                + "    outcomes.append(type(jf.from_java(failure).exception(30)).__name__)\n"
                + "waiter = threading.Thread(target=wait); waiter.start()");
        value.complete("from Java");
        failure.completeExceptionally(new IllegalArgumentException("bad"));
        py.exec("waiter.join(30)\nalive = waiter.is_alive()");
        assertEquals(Boolean.FALSE, py.get("alive"));
        assertEquals(List.of("from Java", "ValueError"), py.get("outcomes", List.class));
    }

    @Test
    void aPythonCancelCancelsTheJavaFuture() {
        CompletableFuture<Object> future = new CompletableFuture<>();
        py.set("future", future);
        py.exec("cancelled = jf.from_java(future).cancel()");
        assertEquals(Boolean.TRUE, py.get("cancelled"));
        assertTrue(future.isCancelled());
    }

    @Test
    void aPythonThreadPoolIsAnExecutorServiceForJava() throws Exception {
        py.exec("pool = concurrent.futures.ThreadPoolExecutor(4)\n"
                + "service = jf.executor_to_java(pool)");
        ExecutorService service = py.get("service", ExecutorService.class);
        AtomicInteger runs = new AtomicInteger();
        List<Thread> submitters = new ArrayList<>();
        Set<Integer> seen = java.util.Collections.synchronizedSet(new HashSet<>());
        for (int t = 0; t < 4; t++) {
            Thread submitter = new Thread(() -> {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int i = 0; i < 250; i++) {
                    futures.add(service.submit(runs::incrementAndGet));
                }
                for (Future<Integer> future : futures) {
                    try {
                        seen.add(future.get(BOUND, TimeUnit.SECONDS));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            });
            submitter.start();
            submitters.add(submitter);
        }
        for (Thread submitter : submitters) {
            submitter.join(TimeUnit.SECONDS.toMillis(BOUND));
        }
        assertEquals(1000, runs.get());
        assertEquals(1000, seen.size()); // every run number exactly once

        List<Callable<String>> tasks = List.of(() -> "a", () -> "b", () -> "c");
        List<String> results = new ArrayList<>();
        for (Future<String> future : service.invokeAll(tasks)) {
            results.add(future.get());
        }
        assertEquals(List.of("a", "b", "c"), results);
        IllegalStateException error = new IllegalStateException("java task");
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> service.submit(() -> {
                    throw error;
                }).get(BOUND, TimeUnit.SECONDS));
        assertSame(error, failed.getCause());

        service.shutdown();
        assertTrue(service.awaitTermination(BOUND, TimeUnit.SECONDS));
        assertTrue(service.isTerminated());
        assertThrows(RejectedExecutionException.class, () -> service.submit(() -> 1));
    }

    @Test
    void aJavaExecutorServiceRunsPythonCalls() throws Exception {
        ExecutorService service = java.util.concurrent.Executors.newFixedThreadPool(3);
        py.set("service", service);
        py.exec("with jf.JavaExecutor(service) as executor:\n"
                + "    squares = list(executor.map(lambda x: x * x, range(100)))\n"
                + "ok = squares == [x * x for x in range(100)]");
        assertEquals(Boolean.TRUE, py.get("ok"));
        assertTrue(service.isTerminated());
    }
}
