package io.jthreading.queue;

import io.jthreading.python.PythonObject;

/**
 * A Python object that Python put into a queue and that Java has not seen yet: only the key of
 * its registration in {@code jthreading._handles}, without the {@link PythonObject} handle (and
 * its Cleaner registration) that Java would need.
 *
 * <p>Invariant: each key is released exactly once. While it is a PythonItem, the Python side
 * that takes it out pops the registration itself. The moment Java can see it (a Java take, peek,
 * iteration, snapshot), the queue replaces it by {@link #handle()}, a PythonObject, and from then
 * on the handle's Cleaner releases the key, never Python's take.
 */
final class PythonItem {
    final long key;

    PythonItem(long key) {
        this.key = key;
    }

    PythonObject handle() {
        return new PythonObject(key);
    }

    /** What Java sees for a stored item: a PythonItem's handle, anything else as itself. */
    static Object exposed(Object item) {
        return item instanceof PythonItem python ? python.handle() : item;
    }
}
