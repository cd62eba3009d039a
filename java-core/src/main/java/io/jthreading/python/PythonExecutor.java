package io.jthreading.python;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Python {@code concurrent.futures.Executor} (a {@code ThreadPoolExecutor}, say) as a Java
 * {@code ExecutorService}; made in Python by {@code jthreading.futures.executor_to_java(pool)}.
 *
 * <p>Each Java task runs on one of the Python executor's threads and completes its future there
 * with the Java value or exception as it is ({@link PythonTask}). Python's future of each run
 * decides cancellation: {@code cancel(true)} fails once the task runs (Python threads are not
 * interrupted), and {@link #shutdownNow} is Python's {@code shutdown(cancel_futures=True)}: it
 * cancels the tasks not yet started, returns them, and lets the running ones finish.
 * Termination is Python's: {@link #awaitTermination} waits for Python's
 * {@code shutdown(wait=True)} (on one daemon thread that this executor starts at shutdown).
 * A refused submission (the Python executor is shut down) is a
 * {@link RejectedExecutionException} with Python's message.
 */
public final class PythonExecutor extends AbstractExecutorService {
    private final PythonCallable submit;
    private final PythonCallable shutdown;
    private final PythonCallable isShutdown;
    private final Set<PythonTask<?>> pending = ConcurrentHashMap.newKeySet();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile boolean shutdownCalled;

    /**
     * For jthreading's Python side: {@code submit(task)} runs {@code task.run} on the executor
     * (None, or Python's reason for refusing), {@code shutdown(wait, cancelFutures)} and
     * {@code isShutdown()} are the executor's.
     */
    public PythonExecutor(PythonCallable submit, PythonCallable shutdown,
                          PythonCallable isShutdown) {
        this.submit = submit;
        this.shutdown = shutdown;
        this.isShutdown = isShutdown;
    }

    @Override
    protected <T> PythonTask<T> newTaskFor(Callable<T> callable) {
        return new PythonTask<>(callable, null);
    }

    @Override
    protected <T> PythonTask<T> newTaskFor(Runnable runnable, T value) {
        return new PythonTask<>(Executors.callable(runnable, value), null);
    }

    @Override
    public CompletableFuture<?> submit(Runnable task) {
        return (CompletableFuture<?>) super.submit(task);
    }

    @Override
    public <T> CompletableFuture<T> submit(Runnable task, T result) {
        return (CompletableFuture<T>) super.submit(task, result);
    }

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        return (CompletableFuture<T>) super.submit(task);
    }

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command);
        PythonTask<?> task = command instanceof PythonTask<?> own ? own
                : new PythonTask<>(reporting(command), command);
        pending.add(task);
        task.whenComplete((value, error) -> pending.remove(task));
        Object refused;
        try {
            refused = submit.call(task);
        } catch (RuntimeException | Error error) {
            pending.remove(task);
            throw error;
        }
        if (refused != null) {
            pending.remove(task);
            throw new RejectedExecutionException(String.valueOf(refused));
        }
    }

    /** A plain Runnable's exception goes where a Java pool thread would send it. */
    private static Callable<Object> reporting(Runnable command) {
        return () -> {
            try {
                command.run();
            } catch (Throwable error) {
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, error);
            }
            return null;
        };
    }

    @Override
    public void shutdown() {
        shutdownCalled = true;
        shutdown.call(false, false);
        watchTermination();
    }

    /** Python's {@code shutdown(wait=False, cancel_futures=True)}; the tasks it cancelled. */
    @Override
    public List<Runnable> shutdownNow() {
        shutdownCalled = true;
        List<PythonTask<?>> before = new ArrayList<>(pending);
        shutdown.call(false, true);
        watchTermination();
        List<Runnable> cancelled = new ArrayList<>();
        for (PythonTask<?> task : before) {
            if (task.isCancelled()) {
                cancelled.add(task.submitted());
            }
        }
        return cancelled;
    }

    @Override
    public boolean isShutdown() {
        return shutdownCalled || Boolean.TRUE.equals(isShutdown.call());
    }

    @Override
    public boolean isTerminated() {
        if (isShutdown()) {
            watchTermination();
        }
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        if (isShutdown()) {
            watchTermination();
        }
        return terminated.await(timeout, unit);
    }

    /** Python's {@code shutdown(wait=True)} on a daemon thread; its return is termination. */
    private void watchTermination() {
        if (!watching.compareAndSet(false, true)) {
            return;
        }
        Thread watcher = new Thread(() -> {
            try {
                shutdown.call(true, false);
            } finally {
                terminated.countDown();
            }
        }, "jthreading-python-executor-termination");
        watcher.setDaemon(true);
        watcher.start();
    }

    // invokeAny: AbstractExecutorService's would cancel the losers through FutureTasks that
    // interrupt the Python threads running them; here every task is a PythonTask.
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        try {
            return any(tasks, false, 0);
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return any(tasks, true, unit.toNanos(timeout));
    }

    private <T> T any(Collection<? extends Callable<T>> tasks, boolean timed, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException();
        }
        CompletableFuture<T> first = new CompletableFuture<>();
        AtomicInteger unfinished = new AtomicInteger(tasks.size());
        List<PythonTask<T>> started = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> callable : tasks) {
                PythonTask<T> task = newTaskFor(Objects.requireNonNull(callable));
                task.whenComplete((value, error) -> {
                    if (error == null) {
                        first.complete(value);
                    } else if (unfinished.decrementAndGet() == 0) {
                        first.completeExceptionally(new CompletionException(error));
                    }
                });
                execute(task);
                started.add(task);
            }
            return timed ? first.get(nanos, TimeUnit.NANOSECONDS) : first.get();
        } finally {
            for (PythonTask<T> task : started) {
                task.cancel(true);
            }
        }
    }
}
