package io.jthreading.queue;

import io.jthreading.python.PythonCallable;
import io.jthreading.python.PythonObject;
import io.jthreading.python.PythonRuntime;

/**
 * Python's {@code <} for queue items, through a Python function that {@code jthreading.queue}
 * installs when it loads: {@code less(a, a_key, b, b_key, keep)} with each item as a key (a
 * {@link PythonItem}) or a Java value (0 as key), returning a bool, or, when {@code <} (or the
 * truth value of its result) raised, the exception as "Type: message", which Python keeps for
 * the caller to raise when {@code keep}. Public only for jthreading's Python side.
 */
public final class PythonLess {
    private static volatile PythonCallable less;

    private PythonLess() {
    }

    /** Called by {@code jthreading.queue} when it loads. */
    public static void install(PythonCallable function) {
        less = function;
    }

    /** Can Python be asked now (installed, and an EmbeddedPython open to run it)? */
    static boolean isUsable() {
        return less != null && PythonRuntime.isAvailable();
    }

    static boolean less(Object a, Object b, boolean keep) {
        PythonCallable function = less;
        if (function == null || !PythonRuntime.isAvailable()) {
            throw new ItemOrder.ComparisonFailed("cannot order " + describe(a) + " and "
                    + describe(b) + ": not mutually Comparable, and no Python to ask");
        }
        Object result = function.call(value(a), key(a), value(b), key(b), keep);
        if (result instanceof Boolean answer) {
            return answer;
        }
        throw new ItemOrder.ComparisonFailed(String.valueOf(result));
    }

    private static Object value(Object item) {
        return item instanceof PythonItem ? null : item;
    }

    private static long key(Object item) {
        return item instanceof PythonItem python ? python.key : 0;
    }

    private static String describe(Object item) {
        return item instanceof PythonItem || item instanceof PythonObject ? "a Python object"
                : item.getClass().getName();
    }
}
