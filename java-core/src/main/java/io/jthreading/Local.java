package io.jthreading;

import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Python's {@code threading.local} for Java threads: a namespace of attributes per thread,
 * isolated between threads and released when the thread ends. An initializer (Python: a
 * subclass's {@code __init__}) runs once in each thread, at that thread's first use.
 *
 * <p>Python's {@code jthreading.local} keeps Python values in Python (its per-thread dicts must
 * be released by Python's garbage collector and at thread exit); Java code reaches those through
 * {@link io.jthreading.python.SharedLocal}. This class is for Java threads and Java values.
 */
public final class Local {
    private final Consumer<Local> initializer;
    private final ThreadLocal<Map<String, Object>> namespaces = new ThreadLocal<>();

    public Local() {
        this(null);
    }

    /** {@code initializer} runs in each thread before its first access sees the namespace. */
    public Local(Consumer<Local> initializer) {
        this.initializer = initializer;
    }

    public Object get(String name) {
        Map<String, Object> namespace = namespace();
        if (!namespace.containsKey(name)) {
            throw noSuchAttribute(name);
        }
        return namespace.get(name);
    }

    public void set(String name, Object value) {
        namespace().put(name, value);
    }

    public boolean has(String name) {
        return namespace().containsKey(name);
    }

    public void delete(String name) {
        Map<String, Object> namespace = namespace();
        if (!namespace.containsKey(name)) {
            throw noSuchAttribute(name);
        }
        namespace.remove(name);
    }

    /** The names set in the calling thread. */
    public Set<String> names() {
        return Set.copyOf(namespace().keySet());
    }

    /** CPython's error for a missing attribute of a thread-local (Java's and SharedLocal's). */
    public static NoSuchElementException noSuchAttribute(String name) {
        return new NoSuchElementException("'_thread._local' object has no attribute '" + name + "'");
    }

    private Map<String, Object> namespace() {
        Map<String, Object> namespace = namespaces.get();
        if (namespace == null) {
            namespace = new HashMap<>();
            namespaces.set(namespace); // before the initializer, which may set attributes
            if (initializer != null) {
                try {
                    initializer.accept(this);
                } catch (RuntimeException | Error e) {
                    namespaces.remove(); // CPython: a failed __init__ leaves no namespace
                    throw e;
                }
            }
        }
        return namespace;
    }
}
