package io.jthreading.python;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Java task on a Python executor ({@link PythonExecutor}) and its future.
 *
 * <p>The Python executor runs {@link #run} on one of its threads; the task completes this
 * future there with the Java value or exception, unconverted. Python's future of the run keeps
 * the state machine of cancellation: {@link #cancel} asks Python's {@code cancel()} first, which
 * fails once the task runs, and then this returns false and the task runs to its end (Python
 * threads cannot be interrupted); a Python-side cancel ({@code shutdown(cancel_futures=True)})
 * cancels this future too.
 */
public final class PythonTask<T> extends CompletableFuture<T> implements RunnableFuture<T> {
    private final Callable<T> callable;
    private final Runnable runnable; // what Java submitted, for shutdownNow()'s list
    /** Python's {@code fut.cancel} once submitted; dropped once settled. */
    private volatile PythonCallable canceller;
    /** Run or cancelled, whichever came first (before Python's cancel is linked). */
    private final AtomicBoolean claimed = new AtomicBoolean();

    PythonTask(Callable<T> callable, Runnable runnable) {
        this.callable = callable;
        this.runnable = runnable;
    }

    /** What Java submitted: the Runnable given to execute(), else this task. */
    Runnable submitted() {
        return runnable != null ? runnable : this;
    }

    /** For jthreading's Python side: {@code cancel} is Python's {@code fut.cancel} of the run. */
    public void linkPython(PythonCallable cancel) {
        canceller = cancel;
        if (isDone()) {
            canceller = null;
        }
    }

    @Override
    public void run() {
        if (!claimed.compareAndSet(false, true) || isDone()) {
            return;
        }
        try {
            complete(callable.call());
        } catch (Throwable error) {
            completeExceptionally(error);
        } finally {
            canceller = null;
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        PythonCallable python = canceller;
        if (python == null || isDone()) {
            // Not on Python's executor yet, or done: cancelled only if it never ran.
            if (claimed.compareAndSet(false, true)) {
                super.cancel(false);
            }
            return isCancelled();
        }
        // Python's done callback cancels this future (cancelFromPython) before cancel() returns.
        if (Boolean.TRUE.equals(python.call())) {
            super.cancel(false);
        }
        return isCancelled();
    }

    /** Python cancelled the run before it started. */
    public void cancelFromPython() {
        canceller = null;
        super.cancel(false);
    }
}
