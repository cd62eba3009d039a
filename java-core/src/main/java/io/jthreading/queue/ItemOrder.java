package io.jthreading.queue;

import java.util.Comparator;

import io.jthreading.python.PythonObject;

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
        return PythonLess.less(a, b, pythonCaller);
    }

    private static boolean isJava(Object item) {
        return !(item instanceof PythonItem) && !(item instanceof PythonObject);
    }
}
