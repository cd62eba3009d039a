package io.jthreading.queue;

import java.util.Comparator;
import java.util.function.Supplier;

import io.jthreading.python.PythonObject;
import io.jthreading.python.PythonRuntime;

/**
 * "Less than" for a {@link SharedPriorityQueue}: a Java {@link Comparator} when the queue has
 * one; else {@code compareTo} when both items are Java {@link Comparable}s that accept each
 * other; else Python's {@code <} ({@link PythonLess}), which is what orders Python's items.
 */
final class ItemOrder {
    /** A comparison that raised: Python's exception (its "Type: message"), or Java's. */
    static final class ComparisonFailed extends ClassCastException {
        private static final long serialVersionUID = 1L;

        ComparisonFailed(String message) {
            super(message);
        }
    }

    private final Comparator<Object> comparator;
    /**
     * Is the queue operation under way one that Python called? Then Python keeps the exception
     * of a failing {@code <} for that caller to raise. Guarded by the queue's mutex.
     */
    boolean pythonCaller;
    /** Has Python's {@code <} been needed yet? Then later operations will need it too. */
    private volatile boolean pythonNeeded;

    @SuppressWarnings("unchecked")
    ItemOrder(Comparator<?> comparator) {
        this.comparator = (Comparator<Object>) comparator;
    }

    boolean hasComparator() {
        return comparator != null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    boolean less(Object a, Object b) {
        if (comparator != null) {
            return comparator.compare(PythonItem.exposed(a), PythonItem.exposed(b)) < 0;
        }
        if (a instanceof Comparable && b instanceof Comparable && isJava(a) && isJava(b)) {
            try {
                return ((Comparable) a).compareTo(b) < 0;
            } catch (ClassCastException mismatched) {
                // Integer against Long, say: Python's < may still order them
                if (!PythonLess.isUsable()) {
                    throw mismatched;
                }
            }
        }
        pythonNeeded = true;
        return PythonLess.less(a, b, pythonCaller);
    }

    /**
     * Runs a heap operation (up to log2(n) + 1 comparisons). Once Python's {@code <} has been
     * needed, the calling thread stays attached to Python for the whole operation: a thread that
     * is not attached (a Java thread, a thread CPython started) would otherwise attach and close
     * once per comparison, and Jep's close runs a full garbage collection (tens of milliseconds
     * in a large heap) unless the native fast path spares it.
     */
    <T> T whileComparing(Supplier<T> operation) {
        if (!pythonNeeded || comparator != null || !PythonLess.isUsable()) {
            return operation.get();
        }
        return PythonRuntime.call(python -> operation.get());
    }

    private static boolean isJava(Object item) {
        return !(item instanceof PythonItem) && !(item instanceof PythonObject);
    }
}
