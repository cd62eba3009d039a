package io.jthreading.python;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Java's half of {@code jthreading.futures}: tells Python when a Java future is done.
 *
 * <p>A {@link CompletionStage} (a {@code CompletableFuture}) says so itself: the Python callback
 * runs on the thread that completes it, as {@code whenComplete} does. A plain {@link Future}
 * says nothing, so one waiting thread (a daemon, from a cached pool) parks in {@code get()} per
 * such future until it is done: one thread per pending plain future is the cost.
 *
 * <p>The Python callback gets {@code (kind, payload)}: {@link #RESULT} and the value,
 * {@link #FAILED} and the cause (unwrapped from {@code CompletionException} and
 * {@code ExecutionException}), or {@link #CANCELLED} and null.
 */
public final class PythonFutures {
    public static final int RESULT = 0;
    public static final int FAILED = 1;
    public static final int CANCELLED = 2;

    private static final AtomicLong WAITERS = new AtomicLong();
    private static final ExecutorService WAITING = Executors.newCachedThreadPool(body -> {
        Thread thread = new Thread(body, "jthreading-future-waiter-" + WAITERS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** Python's plain-value conversion ({@code jthreading._future_to_java.plain_value}). */
    private static volatile PythonCallable plainValue;

    private PythonFutures() {
    }

    /**
     * The Java value of a Python future's result: a handle of a Python {@code bool}, {@code int}
     * (64 bits), {@code float} or {@code str} becomes a {@code Boolean}, {@code Long},
     * {@code Double} or {@code String}; anything else (a Java object, another handle, null) is
     * returned as it is. Needs Python ({@link PythonRuntime}).
     */
    public static Object value(Object result) {
        if (!(result instanceof PythonObject handle)) {
            return result;
        }
        PythonCallable convert = plainValue;
        if (convert == null) {
            PythonRuntime.call(python -> {
                python.exec("import jthreading.futures"); // installs plainValue
                return null;
            });
            convert = plainValue;
        }
        return convert.call(handle);
    }

    /** For jthreading's Python side, once per process. */
    public static void install(PythonCallable plainValueConversion) {
        plainValue = plainValueConversion;
    }

    /** Calls {@code settle(kind, payload)} once, when {@code future} is done. */
    public static void whenDone(Future<?> future, PythonCallable settle) {
        if (future instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> settle(future, value, error, settle));
        } else if (future.isDone()) {
            settleWhenDone(future, settle);
        } else {
            WAITING.execute(() -> settleWhenDone(future, settle));
        }
    }

    private static void settleWhenDone(Future<?> future, PythonCallable settle) {
        Object value = null;
        Throwable error = null;
        boolean interrupted = false;
        while (true) {
            try {
                value = future.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // nobody interrupts the waiters; keep waiting if one does
            } catch (ExecutionException | CancellationException e) {
                error = e;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        settle(future, value, error, settle);
    }

    private static void settle(Future<?> future, Object value, Throwable error,
                               PythonCallable settle) {
        if (error == null) {
            settle.call(RESULT, value);
        } else if (future.isCancelled()) {
            settle.call(CANCELLED, null);
        } else {
            settle.call(FAILED, cause(error));
        }
    }

    /** The exception the future failed with, as its own code threw it. */
    static Throwable cause(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    /**
     * Throws {@code error} as it is, for Python: Jep turns what a Java call throws into the
     * Python exception it makes of any Java exception ({@code args[0]} is {@code error}).
     */
    public static void rethrow(Throwable error) {
        PythonFutures.<RuntimeException>sneaky(error);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneaky(Throwable error) throws E {
        throw (E) error;
    }
}
