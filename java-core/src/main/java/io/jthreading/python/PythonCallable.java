package io.jthreading.python;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Python callable that Java code can call from any thread ({@link PythonRuntime}).
 *
 * <p>Like every {@link PythonObject} it holds only a key: the callable stays in Python, in
 * jthreading's handle registry ({@code jthreading._handles}), and is released with the handle.
 */
public final class PythonCallable extends PythonObject
        implements Runnable, BooleanSupplier, Supplier<Object>, Consumer<Object> {

    /** For jthreading's Python side: the callable registered under {@code key}. */
    public PythonCallable(long key) {
        super(key);
    }

    /** Calls it with Java arguments (converted by Jep); returns its result converted back. */
    public Object call(Object... args) {
        return PythonRuntime.call(python -> python.invoke("__jthreading_call__", key(), args));
    }

    @Override
    public void run() {
        call();
    }

    /** Its result's truth value, as Python's {@code bool()} sees it. */
    @Override
    public boolean getAsBoolean() {
        return Boolean.TRUE.equals(
                PythonRuntime.call(python -> python.invoke("__jthreading_truth__", key())));
    }

    @Override
    public Object get() {
        return call();
    }

    /** Calls it with one argument (a watchdog's hook, say), dropping the result. */
    @Override
    public void accept(Object argument) {
        call(argument);
    }
}
