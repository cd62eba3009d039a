package io.jthreading.queue;

/**
 * Python's {@code queue.LifoQueue} (last in, first out), shared by Java and Python: a
 * {@link SharedQueue} whose next item is the one put last. Java's iterator and {@code toArray}
 * list the items in the order {@code take()} would return them.
 *
 * @param <E> the element type
 */
public class SharedLifoQueue<E> extends SharedQueue<E> {
    /** {@code queue.LifoQueue()}: unbounded. */
    public SharedLifoQueue() {
        this(0);
    }

    /** {@code queue.LifoQueue(maxsize)}: {@code maxsize <= 0} is unbounded. */
    public SharedLifoQueue(long maxsize) {
        super(new LifoStore(), null, maxsize);
    }
}
