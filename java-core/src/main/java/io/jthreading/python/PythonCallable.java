package io.jthreading.python;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A Python callable that Java code can call from any thread ({@link PythonRuntime}).
 *
 * <p>It holds only a key: the callable stays in Python, in jthreading's registry
 * ({@code jthreading._callbacks}). So registering one converts no Python object to Java, which
 * Jep refuses on threads it did not create. When this object is garbage-collected its key is
 * queued for release, and the registry drops released keys the next time it registers one.
 */
public final class PythonCallable implements Runnable, BooleanSupplier, Supplier<Object> {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ConcurrentLinkedQueue<Long> RELEASED = new ConcurrentLinkedQueue<>();

    private final long key;

    /** For jthreading's Python side: the callable registered under {@code key}. */
    public PythonCallable(long key) {
        this.key = key;
        CLEANER.register(this, () -> RELEASED.add(key));
    }

    public long key() {
        return key;
    }

    /** Calls it with Java arguments (converted by Jep); returns its result converted back. */
    public Object call(Object... args) {
        return PythonRuntime.call(python -> python.invoke("__jthreading_call__", key, args));
    }

    @Override
    public void run() {
        call();
    }

    /** Its result's truth value, as Python's {@code bool()} sees it. */
    @Override
    public boolean getAsBoolean() {
        return Boolean.TRUE.equals(
                PythonRuntime.call(python -> python.invoke("__jthreading_truth__", key)));
    }

    @Override
    public Object get() {
        return call();
    }

    /** Keys of collected PythonCallables, for the registry to drop. */
    public static long[] drainReleasedKeys() {
        List<Long> keys = new ArrayList<>();
        for (Long key; (key = RELEASED.poll()) != null;) {
            keys.add(key);
        }
        return keys.stream().mapToLong(Long::longValue).toArray();
    }
}
