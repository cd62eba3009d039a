package io.jthreading.queue;

import java.util.Comparator;

/**
 * Python's {@code queue.PriorityQueue} (lowest first), shared by Java and Python: a
 * {@link SharedQueue} over a binary heap that makes {@code heapq}'s comparisons and moves, so
 * items come out in CPython's order, ties included.
 *
 * <p>Order: a {@link Comparator} if given; else {@code compareTo} when two items are Java
 * {@link Comparable}s that accept each other, and Python's {@code <} otherwise (Python objects,
 * mixed types; Java threads attach to Python for it). A comparison that fails throws
 * {@link ClassCastException} (Python's own exception in Python callers) and leaves the heap as
 * {@code heapq} leaves it: a put has stored its item without counting it as a task; a take has
 * lost the item it was taking. The iterator and {@code toArray} are in heap (storage) order.
 *
 * @param <E> the element type
 */
public class SharedPriorityQueue<E> extends SharedQueue<E> {
    /** {@code queue.PriorityQueue()}: unbounded. */
    public SharedPriorityQueue() {
        this(0);
    }

    /** {@code queue.PriorityQueue(maxsize)}: {@code maxsize <= 0} is unbounded. */
    public SharedPriorityQueue(long maxsize) {
        this(maxsize, (Comparator<? super E>) null);
    }

    /**
     * Ordered by {@code comparator} ({@code null}: as described above). Python items reach it as
     * {@link io.jthreading.python.PythonObject} handles.
     */
    public SharedPriorityQueue(long maxsize, Comparator<? super E> comparator) {
        this(new ItemOrder(comparator), maxsize);
    }

    private SharedPriorityQueue(ItemOrder order, long maxsize) {
        super(new HeapStore(order), order, maxsize);
    }
}
