package io.jthreading.python;

import java.util.List;

import io.jthreading.Local;

/**
 * A Python {@code jthreading.local} seen from Java: on each thread, Java code and Python code
 * read and write the same attributes. Values cross as Jep converts them (ints, floats, strings,
 * booleans, None as null, Java objects as themselves, other Python objects as PyObjects that come
 * back to Python as the very objects).
 *
 * <p>The attributes live in Python (see docs/design/threading-module.md), keyed by the thread's
 * Python thread state: a Java thread sees the same values from call to call while it stays
 * attached — a thread jthreading runs a Python target on is, for its whole run; wrap other Java
 * code in {@link PythonRuntime#runAttached}.
 */
public final class SharedLocal {
    private final Object local;

    private SharedLocal(Object local) {
        this.local = local;
    }

    /** A new {@code jthreading.local}. */
    public static SharedLocal create() {
        return new SharedLocal(PythonRuntime.call(python -> python.invoke("__jthreading_new_local__")));
    }

    /** The Java view of a {@code jthreading.local} that Python code passed to Java. */
    public static SharedLocal of(Object pythonLocal) {
        return new SharedLocal(pythonLocal);
    }

    /** The Python object, to hand to Python code. */
    public Object python() {
        return local;
    }

    /** The calling thread's value of {@code name}; NoSuchElementException if it has none. */
    public Object get(String name) {
        // A list of the value (Python's list, as Jep converts it), or an empty one.
        List<?> found = (List<?>) PythonRuntime.call(
                python -> python.invoke("__jthreading_local_get__", local, name));
        if (found.isEmpty()) {
            throw Local.noSuchAttribute(name);
        }
        return found.get(0);
    }

    public boolean has(String name) {
        // Asked in Python: the value itself need not cross (and be kept alive by Java).
        return Boolean.TRUE.equals(PythonRuntime.call(
                python -> python.invoke("__jthreading_local_has__", local, name)));
    }

    public void set(String name, Object value) {
        PythonRuntime.call(python -> python.invoke("__jthreading_local_set__", local, name, value));
    }

    public void delete(String name) {
        boolean deleted = Boolean.TRUE.equals(PythonRuntime.call(
                python -> python.invoke("__jthreading_local_delete__", local, name)));
        if (!deleted) {
            throw Local.noSuchAttribute(name);
        }
    }
}
