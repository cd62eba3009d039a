package io.jthreading.python;

import java.util.concurrent.CompletableFuture;

/**
 * A Python {@code concurrent.futures.Future} as Java sees it ({@code jthreading.futures.to_java}).
 *
 * <p>Python's future keeps its own state machine; this one follows it: Python's done callback
 * completes it with the result (a {@link PythonObject} handle, or a Java object as itself), fails
 * it with a {@link PythonException}, or cancels it. Python's RUNNING has no Java twin: this
 * future is simply not done yet.
 *
 * <p>{@link #cancel} asks Python first, as the Python side would: Python's {@code cancel()} fails
 * once the future runs or is done, and then this returns false and stays incomplete until Python
 * finishes (the {@code Future} contract allows a cancel to fail). Completing it from Java by hand
 * ({@code complete}, {@code orTimeout}, ...) settles this Java future only, never Python's.
 * Dependent stages ({@code thenApply}, ...) are plain CompletableFutures.
 */
public class PythonBackedFuture<T> extends CompletableFuture<T> {
    /** Python's {@code fut.cancel}; dropped once settled, so nothing keeps Python's future. */
    private volatile PythonCallable canceller;
    private final long origin;

    /**
     * For jthreading's Python side: {@code canceller} is the Python future's {@code cancel};
     * {@code origin} names that future in Python, weakly (Python's {@code from_java} gives it back).
     */
    public PythonBackedFuture(PythonCallable canceller, long origin) {
        this.canceller = canceller;
        this.origin = origin;
    }

    /** For jthreading's Python side: the key of the Python future this one follows. */
    public long origin() {
        return origin;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        PythonCallable python = canceller;
        if (python == null || isDone()) {
            return super.cancel(mayInterruptIfRunning);
        }
        // Python's done callback cancels this future (cancelFromPython) before cancel() returns.
        if (Boolean.TRUE.equals(python.call())) {
            super.cancel(false);
        }
        return isCancelled();
    }

    /** Python's future finished with {@code value}. */
    public void completeFromPython(Object value) {
        canceller = null;
        complete(cast(value));
    }

    /** Python's future failed with {@code error}. */
    public void failFromPython(PythonException error) {
        canceller = null;
        completeExceptionally(error);
    }

    /** Python's future was cancelled. */
    public void cancelFromPython() {
        canceller = null;
        super.cancel(false);
    }

    @SuppressWarnings("unchecked")
    private T cast(Object value) {
        return (T) value;
    }
}
