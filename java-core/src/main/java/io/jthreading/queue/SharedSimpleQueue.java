package io.jthreading.queue;

import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code queue.SimpleQueue}, shared by Java and Python: unbounded, first in, first out,
 * without task tracking or shutdown. A {@link BlockingQueue} as {@link SharedQueue} is (whose
 * algorithm it uses: an unbounded SharedQueue of its own, never joined or shut down).
 *
 * @param <E> the element type
 */
public class SharedSimpleQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {
    private final SharedQueue<E> queue = new SharedQueue<>();

    @Override
    public void put(E e) throws InterruptedException {
        queue.put(e);
    }

    @Override
    public boolean offer(E e) {
        return queue.offer(e);
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        return queue.offer(e, timeout, unit);
    }

    @Override
    public E take() throws InterruptedException {
        return queue.take();
    }

    @Override
    public E poll() {
        return queue.poll();
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    @Override
    public E peek() {
        return queue.peek();
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    public int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> c, int maxElements) {
        if (c == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        return queue.drainTo(c, maxElements);
    }

    @Override
    public boolean contains(Object o) {
        return queue.contains(o);
    }

    @Override
    public boolean remove(Object o) {
        return queue.remove(o);
    }

    @Override
    public void clear() {
        queue.clear();
    }

    @Override
    public Object[] toArray() {
        return queue.toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return queue.toArray(a);
    }

    @Override
    public Iterator<E> iterator() {
        return queue.iterator();
    }

    /** A process-unique id: the Python side keeps one Python object per queue. */
    public long id() {
        return queue.id();
    }

    // ---- For jthreading's Python side (see SharedQueue) -------------------------------------

    public int pythonPut(long key) {
        return queue.pythonPutNowait(key); // unbounded: never waits
    }

    /** As SharedQueue's; an unbounded queue never waits, whatever {@code waitNanos} says. */
    public int pythonPutJava(Object item, long waitNanos) throws InterruptedException {
        return queue.pythonPutJava(item, 0);
    }

    public long pythonGet() throws InterruptedException {
        return queue.pythonGet();
    }

    public long pythonGetNowait() {
        return queue.pythonGetNowait();
    }

    public long pythonGetWithin(long waitNanos) throws InterruptedException {
        return queue.pythonGetWithin(waitNanos);
    }

    public Object[] pythonSnapshot() {
        return queue.pythonSnapshot();
    }
}
