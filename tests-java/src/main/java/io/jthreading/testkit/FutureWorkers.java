package io.jthreading.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.jthreading.Event;
import io.jthreading.python.PythonRuntime;

/**
 * The Java side of tests-python/test_shared_futures.py: Java code on Java threads that
 * completes, fails, cancels and waits on futures, and Java tasks for executors, written as a
 * Java program would use java.util.concurrent. Every wait is bounded; the threads are daemons.
 *
 * <p>A wait's outcome is put in an AtomicReference: the value, the cause of the
 * ExecutionException (a Throwable), or the words "timeout" / "cancelled".
 */
public final class FutureWorkers {
    private static final long BOUND_SECONDS = 30;

    private FutureWorkers() {
    }

    /** A Java thread that completes {@code future} with {@code value} once {@code go} is set. */
    public static Thread startCompleter(CompletableFuture<Object> future, Object value, Event go) {
        return JavaWorkers.start("java-completer", () -> {
            JavaWorkers.awaitOrFail(go);
            future.complete(value);
        });
    }

    /** A Java thread that fails {@code future} with {@code error} once {@code go} is set. */
    public static Thread startFailer(CompletableFuture<Object> future, Throwable error, Event go) {
        return JavaWorkers.start("java-failer", () -> {
            JavaWorkers.awaitOrFail(go);
            future.completeExceptionally(error);
        });
    }

    /** A Java thread that calls {@code future.cancel(true)}; its return lands in {@code result}. */
    public static Thread startCanceller(Future<?> future, AtomicReference<Object> result) {
        return JavaWorkers.start("java-canceller", () -> result.set(future.cancel(true)));
    }

    /**
     * A Java thread that waits on {@code future.get} ({@code timeoutNanos}, at most the bound):
     * sets {@code waiting} just before, {@code done} after, the outcome into {@code outcome}.
     */
    public static Thread startGetter(Future<?> future, long timeoutNanos, Event waiting,
                                     AtomicReference<Object> outcome, Event done) {
        return JavaWorkers.start("java-getter", () -> {
            try {
                waiting.set();
                outcome.set(get(future, timeoutNanos));
            } finally {
                done.set();
            }
        });
    }

    /** {@code future.get} with a timeout, its outcome in the words of this class. */
    public static Object get(Future<?> future, long timeoutNanos) {
        try {
            return future.get(Math.min(timeoutNanos, TimeUnit.SECONDS.toNanos(BOUND_SECONDS)),
                    TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return "timeout";
        } catch (CancellationException e) {
            return "cancelled";
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The class name of what {@code future.get()} (bounded) throws, or "none". */
    public static String getThrows(Future<?> future) {
        try {
            future.get(BOUND_SECONDS, TimeUnit.SECONDS);
            return "none";
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }

    /** A plain Future (no callbacks): a FutureTask that returns {@code value} when run. */
    public static FutureTask<Object> plainFuture(Object value) {
        return new FutureTask<>(() -> value);
    }

    /** A plain Future whose run throws {@code error}. */
    public static FutureTask<Object> failingPlainFuture(Exception error) {
        return new FutureTask<>(() -> {
            throw error;
        });
    }

    /**
     * A plain Future whose run sets {@code started}, waits (bounded) for {@code release} and
     * puts into {@code ending} "released", or "interrupted" if its thread was interrupted.
     */
    public static FutureTask<Object> blockingPlainFuture(Event started, Event release,
                                                         AtomicReference<Object> ending) {
        return new FutureTask<>(() -> {
            started.set();
            try {
                release.await(BOUND_SECONDS);
                ending.set("released");
            } catch (InterruptedException e) {
                ending.set("interrupted");
            }
            return null;
        });
    }

    /** A Java thread that runs {@code task} once {@code go} is set. */
    public static Thread startRunner(Runnable task, Event go) {
        return JavaWorkers.start("java-runner", () -> {
            JavaWorkers.awaitOrFail(go);
            task.run();
        });
    }

    /** Counts in {@code calls} each time a {@code whenComplete} action on {@code future} runs. */
    public static void countCompletions(CompletableFuture<?> future, AtomicInteger calls) {
        future.whenComplete((value, error) -> calls.incrementAndGet());
    }

    // ---- Tasks for executors -----------------------------------------------------------------

    /** A Callable that counts its runs in {@code runs} and returns its own run's number. */
    public static Callable<Object> counting(AtomicInteger runs) {
        return () -> runs.incrementAndGet();
    }

    /** A Callable that returns {@code value} (the same Java object). */
    public static Callable<Object> returning(Object value) {
        return () -> value;
    }

    /** A Callable that throws {@code error}. */
    public static Callable<Object> throwing(Exception error) {
        return () -> {
            throw error;
        };
    }

    /** A Callable that sets {@code started}, waits (bounded) for {@code release}, returns "released". */
    public static Callable<Object> blocking(Event started, Event release) {
        return () -> {
            started.set();
            JavaWorkers.awaitOrFail(release);
            return "released";
        };
    }

    /** A Callable that returns the name of the Java thread it runs on. */
    public static Callable<Object> threadName() {
        return () -> Thread.currentThread().getName();
    }

    /**
     * {@code Executors.newFixedThreadPool(threads)} (same thread names, "pool-N-thread-M") whose
     * threads stay attached to Python while they live, for tests that run many Python calls on
     * a Java pool: a pool thread that is not attached attaches and closes once per call, and
     * without the native glue each close is a full collection of the process's heap (see
     * {@link #startSubmitters}).
     */
    public static ExecutorService attachedThreadPool(int threads) {
        ThreadFactory plain = Executors.defaultThreadFactory();
        return Executors.newFixedThreadPool(threads,
                body -> plain.newThread(() -> PythonRuntime.runAttached(body)));
    }

    /** {@code count} copies of {@code task}. */
    public static List<Callable<Object>> copies(Callable<Object> task, int count) {
        List<Callable<Object>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(task);
        }
        return tasks;
    }

    /**
     * Java threads that each submit {@code perThread} counting tasks to {@code executor} and
     * wait for every one; {@code total} gets the sum of the run numbers they got back and
     * {@code failures} anything unexpected. Join them with {@link MatrixWorkers#join}.
     *
     * <p>Each submitter stays attached to Python for its whole run
     * ({@link PythonRuntime#runAttached}), as a Java thread that calls into Python in a loop
     * should: submitting to a {@link io.jthreading.python.PythonExecutor} calls Python, and a
     * thread that is not attached attaches and closes once per call. Without the native glue
     * ({@code JTHREADING_NATIVE=0}) each close is Jep's full garbage collection of the whole
     * process's heap: 25-130 ms once the pytest run has left ~170,000 objects behind, so 1,000
     * submissions took 12-17 s on an idle 2-vCPU machine, and past the 30 s bound of
     * {@link MatrixWorkers#join} under load (the flaky
     * {@code test_a_python_thread_pool_runs_every_java_task_exactly_once}). Attached, the
     * submissions cost what the test itself does, whatever ran before it. Submitters that are not
     * attached: the overload below.
     */
    public static List<Thread> startSubmitters(ExecutorService executor, int threads,
                                               int perThread, AtomicInteger runs,
                                               AtomicReference<Object> total,
                                               AtomicReference<Object> failures) {
        return startSubmitters(executor, threads, perThread, true, runs, total, failures);
    }

    /**
     * {@link #startSubmitters(ExecutorService, int, int, AtomicInteger, AtomicReference,
     * AtomicReference)}, with submitters that are not attached to Python unless
     * {@code attached}: each of their calls into Python then attaches and closes (keep
     * {@code perThread} small: see above).
     */
    public static List<Thread> startSubmitters(ExecutorService executor, int threads,
                                               int perThread, boolean attached,
                                               AtomicInteger runs,
                                               AtomicReference<Object> total,
                                               AtomicReference<Object> failures) {
        AtomicInteger sum = new AtomicInteger();
        AtomicInteger left = new AtomicInteger(threads);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(JavaWorkers.start("java-submitter", () -> {
                try {
                    Runnable body = () -> submitAndWait(executor, perThread, runs, sum, failures);
                    if (attached) {
                        PythonRuntime.runAttached(body);
                    } else {
                        body.run();
                    }
                } catch (Throwable error) {
                    failures.set(error);
                } finally {
                    if (left.decrementAndGet() == 0) {
                        total.set(sum.get());
                    }
                }
            }));
        }
        return started;
    }

    private static void submitAndWait(ExecutorService executor, int count, AtomicInteger runs,
                                      AtomicInteger sum, AtomicReference<Object> failures) {
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(executor.submit(counting(runs)));
            }
            for (Future<Object> future : futures) {
                sum.addAndGet((Integer) future.get(BOUND_SECONDS, TimeUnit.SECONDS));
            }
        } catch (Throwable error) {
            failures.set(error);
        }
    }
}
