package io.jthreading.queue;

/**
 * A queue's storage, in the order CPython keeps it (what {@code q.queue} shows): FIFO a ring
 * (head first), LIFO a stack (bottom first, the next out last), priority a binary heap
 * ({@code heapq}'s list). The owning queue holds its mutex around every call.
 */
abstract class ItemStore {
    protected Object[] items = new Object[16];
    protected int count;

    final int size() {
        return count;
    }

    /** Adds {@code item}; a priority store may throw {@link ItemOrder.ComparisonFailed} after adding it. */
    abstract void add(Object item);

    /** Removes and returns the next item; the store is not empty. */
    abstract Object remove();

    /** The item {@link #remove} would return, left in place; the store is not empty. */
    abstract Object peek();

    /** The item at {@code index} in storage order: array order, except in a ring (FIFO). */
    Object get(int index) {
        return items[index];
    }

    void set(int index, Object item) {
        items[index] = item;
    }

    /** Removes the item at {@code index} in storage order (Java's {@code remove(Object)}). */
    abstract void removeAt(int index);

    /** Index in storage order of the {@code n}th item {@link #remove} would return, for
     * FIFO and LIFO; storage order for a heap (it has no cheaper one). */
    int takeOrderIndex(int n) {
        return n;
    }

    void clear() {
        for (int i = 0; i < count; i++) {
            set(i, null);
        }
        count = 0;
    }

    protected final void ensureRoom() {
        if (count == items.length) {
            if (count == Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("queue too large");
            }
            items = grown(items.length >= (Integer.MAX_VALUE - 8) / 2
                    ? Integer.MAX_VALUE - 8 : items.length * 2);
        }
    }

    /** The items in storage order, in a new array of {@code capacity}. */
    protected Object[] grown(int capacity) {
        Object[] bigger = new Object[capacity];
        System.arraycopy(items, 0, bigger, 0, count);
        return bigger;
    }
}
