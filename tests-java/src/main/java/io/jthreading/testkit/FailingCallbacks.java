package io.jthreading.testkit;

import java.util.concurrent.atomic.AtomicReference;

import io.jthreading.Threads;

/**
 * Java callbacks that fail, for the fault tests written in Python: a Runnable that throws, an
 * ExceptHook that records or throws, and a recorder of what reaches Java's own last resort (the
 * default uncaught-exception handler).
 */
public final class FailingCallbacks {
    private FailingCallbacks() {
    }

    /** A Runnable that throws {@code IllegalStateException(message)}. */
    public static Runnable throwing(String message) {
        return () -> {
            throw new IllegalStateException(message);
        };
    }

    /** A hook that records "THREAD-NAME: ERROR" in {@code seen}. */
    public static Threads.ExceptHook recordingHook(AtomicReference<String> seen) {
        return (thread, error) -> seen.set(thread.getName() + ": " + error);
    }

    /** A hook that itself throws {@code IllegalArgumentException(message)}. */
    public static Threads.ExceptHook throwingHook(String message) {
        return (thread, error) -> {
            throw new IllegalArgumentException(message);
        };
    }

    /**
     * Makes Java's default uncaught-exception handler record "THREAD-NAME: ERROR" in
     * {@code seen}; returns the previous handler, for {@link #restoreDefaultHandler}.
     */
    public static Thread.UncaughtExceptionHandler recordDefaultHandler(AtomicReference<String> seen) {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(
                (thread, error) -> seen.set(thread.getName() + ": " + error));
        return previous;
    }

    public static void restoreDefaultHandler(Thread.UncaughtExceptionHandler previous) {
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }
}
