package io.jthreading.queue;

import java.time.Duration;
import java.lang.ref.Cleaner;
import java.util.AbstractQueue;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.jthreading.Condition;
import io.jthreading.Lock;
import io.jthreading.Timeouts;
import io.jthreading.internal.PrimitiveIds;

/**
 * Python's {@code queue.Queue} (first in, first out), shared by Java and Python, and a
 * {@link BlockingQueue}. From Python it is {@code jthreading.queue.Queue}, with CPython's API
 * and behaviour; {@link SharedLifoQueue} and {@link SharedPriorityQueue} are the other orders.
 *
 * <p>CPython's algorithm over jthreading's own primitives: one {@link Lock}, {@link #mutex()},
 * held around every operation, and three {@link Condition}s over it, {@link #notEmpty()} (a put
 * notifies one), {@link #notFull()} (a get notifies one) and {@link #allTasksDone()}. They are
 * the objects Python sees as {@code q.mutex}, {@code q.not_empty}, ..., so {@code with
 * q.mutex:} in Python locks Java out too.
 *
 * <p>Invariants (under the mutex):
 * <ul>
 * <li>{@code maxsize <= 0} means unbounded; else a put waits while {@code size() >= maxsize}
 *     (a smaller {@code maxsize} set later never drops items);</li>
 * <li>{@code unfinishedTasks} counts successful puts minus {@link #taskDone()} calls, never
 *     below zero; it is unchanged by takes (a consumer calls taskDone), by Java's
 *     {@code remove(Object)}, {@code clear()} and {@code drainTo}; {@link #shutdown(boolean)
 *     shutdown(true)} lowers it by the items it drops;</li>
 * <li>once shut down, every put fails with {@link ShutDownException}, and so does every take
 *     that finds the queue empty; waiters are woken to see it.</li>
 * </ul>
 *
 * <p>Java's methods follow {@link BlockingQueue}: null elements are refused
 * ({@link NullPointerException}), {@code offer} answers {@code false} when full, {@code poll}
 * {@code null} when empty, blocking methods throw {@link InterruptedException} (the interrupt
 * consumed) and take non-positive timeouts as "do not wait". Where Python would raise
 * {@code queue.ShutDown}, Java's inserting and removing methods throw
 * {@link ShutDownException}. The iterator and {@code toArray} work on a snapshot (as
 * {@link java.util.concurrent.PriorityBlockingQueue}'s do); the iterator's {@code remove} removes
 * that element if it is still queued.
 *
 * <p>Items: Java objects are kept as themselves. A Python object that Python puts in is kept
 * as its key in jthreading's handle registry, and Python gets the very object back whichever
 * thread takes it; Java sees it as an {@link io.jthreading.python.PythonObject} handle, which
 * it can keep and pass on. The methods named {@code python...} are for jthreading's Python side.
 *
 * @param <E> the element type
 */
public class SharedQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {
    /** {@link #pythonPut} results: stored; full (not stored); shut down (not stored). */
    public static final int PUT_DONE = 0;
    public static final int PUT_FULL = 1;
    public static final int PUT_SHUT_DOWN = 2;
    /** Python's {@code <} raised while ordering; the item is stored, as heapq leaves it. */
    public static final int PUT_COMPARISON_FAILED = 3;

    /** {@link #pythonTryPut}: not done without waiting (for the mutex, or for room). */
    public static final int PUT_BUSY = 4;

    /** {@link #pythonGet} results besides a key (positive): take the item with {@link #pythonTaken}. */
    public static final long GET_TAKEN = 0;
    public static final long GET_EMPTY = -1;
    public static final long GET_SHUT_DOWN = -2;
    /** Python's {@code <} raised while reordering; the top item is lost, as heapq loses it. */
    public static final long GET_COMPARISON_FAILED = -3;
    /** {@link #pythonTryGet}: not done without waiting (for the mutex, or for an item). */
    public static final long GET_BUSY = -4;

    /** No waiting (a wait of 0 ns), for the {@code waitNanos} of the Python methods. */
    private static final long NO_WAIT = 0;
    private static final Object EMPTY = new Object();
    private static final Object CLOSED = new Object();
    private static final Cleaner CLEANER = Cleaner.create();
    /** The item a {@link #pythonGet} took that was no Python item, for {@link #pythonTaken}. */
    private static final ThreadLocal<Object> TAKEN = new ThreadLocal<>();

    private final Lock mutex = new Lock();
    private final Condition notEmpty = new Condition(mutex);
    private final Condition notFull = new Condition(mutex);
    private final Condition allTasksDone = new Condition(mutex);
    private final ItemStore store;
    private final ItemOrder order;
    private final long id = PrimitiveIds.next();
    // Guarded by mutex.
    private long maxsize;
    private long unfinishedTasks;
    private boolean shutdown;

    /** {@code queue.Queue()}: unbounded. */
    public SharedQueue() {
        this(0);
    }

    /** {@code queue.Queue(maxsize)}: {@code maxsize <= 0} is unbounded. */
    public SharedQueue(long maxsize) {
        this(new FifoStore(), null, maxsize);
    }

    SharedQueue(ItemStore store, ItemOrder order, long maxsize) {
        this.store = store;
        this.order = order;
        this.maxsize = maxsize;
        CLEANER.register(this, new ReleasePythonItems(store));
    }

    /**
     * When a queue goes, the Python items still in it go too (as CPython's queue frees its
     * items): each becomes a handle nobody holds, whose Cleaner releases its registration.
     * Holds the store, never the queue.
     */
    private record ReleasePythonItems(ItemStore store) implements Runnable {
        @Override
        public void run() {
            for (int i = 0; i < store.size(); i++) {
                PythonItem.exposed(store.get(i));
            }
        }
    }

    // ---- The algorithm: CPython's put and get ------------------------------------------------

    /**
     * Puts {@code item}: {@code waitNanos} 0 does not wait, {@link Timeouts#FOREVER} waits as long
     * as it takes, a positive value that long at most (CPython's deadline loop).
     */
    private int insert(Object item, long waitNanos, boolean fromPython) throws InterruptedException {
        waitNanos = normalized(waitNanos);
        lockFor(waitNanos);
        try {
            if (shutdown) {
                return PUT_SHUT_DOWN;
            }
            if (maxsize > 0) {
                long deadline = System.nanoTime() + waitNanos;
                while (store.size() >= maxsize) {
                    long remaining = remaining(waitNanos, deadline);
                    if (remaining == 0) {
                        return PUT_FULL;
                    }
                    notFull.waitNanos(remaining);
                    if (shutdown) {
                        return PUT_SHUT_DOWN;
                    }
                }
            }
            if (order == null) {
                store.add(item);
            } else {
                order.pythonCaller = fromPython;
                // a failed comparison leaves the item stored, nothing counted
                order.whileComparing(() -> {
                    store.add(item);
                    return null;
                });
            }
            unfinishedTasks++;
            notEmpty.notify(1);
            return PUT_DONE;
        } finally {
            mutex.unlock();
        }
    }

    /** Takes the next item (EMPTY, CLOSED): {@code waitNanos} as in {@link #insert}. */
    private Object removeNext(long waitNanos, boolean fromPython) throws InterruptedException {
        waitNanos = normalized(waitNanos);
        lockFor(waitNanos);
        try {
            if (shutdown && store.size() == 0) {
                return CLOSED;
            }
            long deadline = System.nanoTime() + waitNanos;
            while (store.size() == 0) {
                long remaining = remaining(waitNanos, deadline);
                if (remaining == 0) {
                    return EMPTY;
                }
                notEmpty.waitNanos(remaining);
                if (shutdown && store.size() == 0) {
                    return CLOSED;
                }
            }
            Object item;
            if (order == null) {
                item = store.remove();
            } else {
                order.pythonCaller = fromPython;
                // a failed comparison loses the item, as heapq does
                item = order.whileComparing(store::remove);
            }
            notFull.notify(1);
            return item;
        } finally {
            mutex.unlock();
        }
    }

    /** How long the next wait of a loop may last: FOREVER, a positive time, or 0 (give up). */
    private static long remaining(long waitNanos, long deadline) {
        if (waitNanos == Timeouts.FOREVER) {
            return Timeouts.FOREVER;
        }
        long left = waitNanos == NO_WAIT ? 0 : deadline - System.nanoTime();
        return left > 0 ? left : 0;
    }

    private static long normalized(long waitNanos) {
        return waitNanos != NO_WAIT && Timeouts.isEffectivelyForever(waitNanos) ? Timeouts.FOREVER
                : waitNanos;
    }

    /** A method that may wait answers a pending interrupt at once, as java.util.concurrent's do. */
    private void lockFor(long waitNanos) throws InterruptedException {
        if (waitNanos == NO_WAIT) {
            mutex.lock();
        } else {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            mutex.lockInterruptibly();
        }
    }

    // ---- Python's other methods -------------------------------------------------------------

    /** {@code task_done()}: throws IllegalStateException("task_done() called too many times"). */
    public void taskDone() {
        mutex.lock();
        try {
            long unfinished = unfinishedTasks - 1;
            if (unfinished <= 0) {
                if (unfinished < 0) {
                    throw new IllegalStateException("task_done() called too many times");
                }
                allTasksDone.notifyAllWaiters();
            }
            unfinishedTasks = unfinished;
        } finally {
            mutex.unlock();
        }
    }

    /** {@code join()}: waits until every item put has had its {@link #taskDone()}. */
    public void join() throws InterruptedException {
        joinWithin(Timeouts.FOREVER);
    }

    /** {@link #join()} waiting at most {@code timeout}; {@code true} if all tasks are done. */
    public boolean join(Duration timeout) throws InterruptedException {
        return joinWithin(Timeouts.javaWaitNanos(Timeouts.durationToNanos(timeout)));
    }

    private boolean joinWithin(long waitNanos) throws InterruptedException {
        waitNanos = normalized(waitNanos);
        lockFor(waitNanos);
        try {
            long deadline = System.nanoTime() + waitNanos;
            while (unfinishedTasks != 0) {
                long remaining = remaining(waitNanos, deadline);
                if (remaining == 0) {
                    return false;
                }
                allTasksDone.waitNanos(remaining);
            }
            return true;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * {@code shutdown(immediate)} (Python 3.13): puts fail from now on, and takes once the queue
     * is empty; {@code immediate} empties it now, counting each dropped item as a task done.
     * Every waiter wakes to see it.
     */
    public void shutdown(boolean immediate) {
        mutex.lock();
        try {
            shutdown = true;
            if (immediate) {
                while (store.size() > 0) {
                    if (order != null) {
                        order.pythonCaller = false;
                    }
                    PythonItem.exposed(store.remove()); // a dropped Python item's key is released
                    if (unfinishedTasks > 0) {
                        unfinishedTasks--;
                    }
                }
                allTasksDone.notifyAllWaiters();
            }
            notEmpty.notifyAllWaiters();
            notFull.notifyAllWaiters();
        } finally {
            mutex.unlock();
        }
    }

    /** {@code shutdown(False)}. */
    public void shutdown() {
        shutdown(false);
    }

    /** {@code is_shutdown}. */
    public boolean isShutdown() {
        mutex.lock();
        try {
            return shutdown;
        } finally {
            mutex.unlock();
        }
    }

    /** {@code full()}: bounded and at its maximum size (or beyond, after a smaller maxsize). */
    public boolean isFull() {
        mutex.lock();
        try {
            return maxsize > 0 && store.size() >= maxsize;
        } finally {
            mutex.unlock();
        }
    }

    /** {@code maxsize}. */
    public long maxsize() {
        mutex.lock();
        try {
            return maxsize;
        } finally {
            mutex.unlock();
        }
    }

    /** Sets {@code maxsize}, as assigning {@code q.maxsize} does in Python (no waiter is woken). */
    public void setMaxsize(long maxsize) {
        mutex.lock();
        try {
            this.maxsize = maxsize;
        } finally {
            mutex.unlock();
        }
    }

    /** {@code unfinished_tasks}. */
    public long unfinishedTasks() {
        mutex.lock();
        try {
            return unfinishedTasks;
        } finally {
            mutex.unlock();
        }
    }

    /** {@code q.mutex}: held around every operation. */
    public Lock mutex() {
        return mutex;
    }

    /** {@code q.not_empty}: over {@link #mutex()}; each put notifies one waiter. */
    public Condition notEmpty() {
        return notEmpty;
    }

    /** {@code q.not_full}: over {@link #mutex()}; each get notifies one waiter. */
    public Condition notFull() {
        return notFull;
    }

    /** {@code q.all_tasks_done}: over {@link #mutex()}; notified when no task is unfinished. */
    public Condition allTasksDone() {
        return allTasksDone;
    }

    /** A process-unique id: the Python side keeps one Python object per queue. */
    public long id() {
        return id;
    }

    // ---- BlockingQueue -----------------------------------------------------------------------

    @Override
    public void put(E e) throws InterruptedException {
        javaInsert(e, Timeouts.FOREVER);
    }

    @Override
    public boolean offer(E e) {
        try {
            return javaInsert(e, NO_WAIT);
        } catch (InterruptedException cannotHappen) {
            throw new AssertionError(cannotHappen); // NO_WAIT never waits
        }
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        return javaInsert(e, Timeouts.javaWaitNanos(unit.toNanos(timeout)));
    }

    private boolean javaInsert(E e, long waitNanos) throws InterruptedException {
        Objects.requireNonNull(e);
        int status = insert(e, waitNanos, false);
        if (status == PUT_SHUT_DOWN) {
            throw new ShutDownException();
        }
        return status == PUT_DONE;
    }

    @Override
    public E take() throws InterruptedException {
        return javaRemove(Timeouts.FOREVER);
    }

    @Override
    public E poll() {
        try {
            return javaRemove(NO_WAIT);
        } catch (InterruptedException cannotHappen) {
            throw new AssertionError(cannotHappen);
        }
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return javaRemove(Timeouts.javaWaitNanos(unit.toNanos(timeout)));
    }

    @SuppressWarnings("unchecked")
    private E javaRemove(long waitNanos) throws InterruptedException {
        Object item = removeNext(waitNanos, false);
        if (item == CLOSED) {
            throw new ShutDownException();
        }
        return item == EMPTY ? null : (E) PythonItem.exposed(item);
    }

    @Override
    public E peek() {
        mutex.lock();
        try {
            return store.size() == 0 ? null : exposeAt(store.takeOrderIndex(0));
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public int size() {
        mutex.lock();
        try {
            return store.size();
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public int remainingCapacity() {
        mutex.lock();
        try {
            if (maxsize <= 0) {
                return Integer.MAX_VALUE;
            }
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, maxsize - store.size()));
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    @SuppressWarnings("unchecked")
    public int drainTo(Collection<? super E> c, int maxElements) {
        Objects.requireNonNull(c);
        if (c == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        mutex.lock();
        int drained = 0;
        try {
            if (order != null) {
                order.pythonCaller = false;
            }
            while (drained < maxElements && store.size() > 0) {
                Object item = store.remove();
                drained++;
                c.add((E) PythonItem.exposed(item));
            }
            return drained;
        } finally {
            try {
                notFull.notify(drained); // one per item taken, as CPython's gets notify
            } finally {
                mutex.unlock();
            }
        }
    }

    @Override
    public boolean contains(Object o) {
        if (o == null) {
            return false;
        }
        mutex.lock();
        try {
            return indexOf(o) >= 0;
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public boolean remove(Object o) {
        if (o == null) {
            return false;
        }
        mutex.lock();
        try {
            int index = indexOf(o);
            if (index < 0) {
                return false;
            }
            removeStoredAt(index);
            return true;
        } finally {
            mutex.unlock();
        }
    }

    /** Storage index of an item equal to {@code o}; a Python item Java never saw equals nothing. */
    private int indexOf(Object o) {
        for (int i = 0; i < store.size(); i++) {
            Object item = store.get(store.takeOrderIndex(i));
            if (!(item instanceof PythonItem) && o.equals(item)) {
                return store.takeOrderIndex(i);
            }
        }
        return -1;
    }

    private void removeStoredAt(int index) {
        if (order != null) {
            order.pythonCaller = false;
        }
        store.removeAt(index);
        notFull.notify(1);
    }

    @Override
    public void clear() {
        mutex.lock();
        try {
            int dropped = store.size();
            for (int i = 0; i < dropped; i++) {
                PythonItem.exposed(store.get(i)); // a dropped Python item's key is released
            }
            store.clear();
            notFull.notify(dropped);
        } finally {
            mutex.unlock();
        }
    }

    /** The items in the order {@code take()} would return them (a heap's storage order for a priority queue). */
    @Override
    public Object[] toArray() {
        mutex.lock();
        try {
            Object[] items = new Object[store.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = exposeAt(store.takeOrderIndex(i));
            }
            return items;
        } finally {
            mutex.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T[] toArray(T[] a) {
        Object[] items = toArray();
        if (a.length < items.length) {
            return (T[]) Arrays.copyOf(items, items.length, a.getClass());
        }
        System.arraycopy(items, 0, a, 0, items.length);
        if (a.length > items.length) {
            a[items.length] = null;
        }
        return a;
    }

    /** A snapshot iterator ({@link #toArray()}); {@code remove} removes that very element. */
    @Override
    public Iterator<E> iterator() {
        Object[] items = toArray();
        return new Iterator<E>() {
            private int next;
            private int last = -1;

            @Override
            public boolean hasNext() {
                return next < items.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (next >= items.length) {
                    throw new NoSuchElementException();
                }
                last = next++;
                return (E) items[last];
            }

            @Override
            public void remove() {
                if (last < 0) {
                    throw new IllegalStateException();
                }
                removeIdentical(items[last]);
                last = -1;
            }
        };
    }

    private void removeIdentical(Object item) {
        mutex.lock();
        try {
            for (int i = 0; i < store.size(); i++) {
                if (store.get(i) == item) {
                    removeStoredAt(i);
                    return;
                }
            }
        } finally {
            mutex.unlock();
        }
    }

    /** The stored item at {@code index} as Java may see it; a Python item becomes its handle for good. */
    @SuppressWarnings("unchecked")
    private E exposeAt(int index) {
        Object item = store.get(index);
        if (item instanceof PythonItem python) {
            item = python.handle();
            store.set(index, item);
        }
        return (E) item;
    }

    // ---- For jthreading's Python side -------------------------------------------------------

    /**
     * Python's {@code put} of the Python object registered under {@code key}, waiting as long
     * as it takes. One of the {@code PUT_} results; on {@link #PUT_FULL} and
     * {@link #PUT_SHUT_DOWN} the queue kept nothing of the key. (Three methods where one with
     * a wait would do: each argument costs a Jep call ~150 ns.)
     */
    public int pythonPut(long key) throws InterruptedException {
        return pythonInsert(pythonItem(key), Timeouts.FOREVER);
    }

    /** {@link #pythonPut} without waiting ({@code put(item, block=False)}). */
    public int pythonPutNowait(long key) {
        try {
            return pythonInsert(pythonItem(key), NO_WAIT);
        } catch (InterruptedException cannotHappen) {
            throw new AssertionError(cannotHappen);
        }
    }

    /** {@link #pythonPut} waiting {@code waitNanos} at most (positive; 0 does not wait). */
    public int pythonPutWithin(long key, long waitNanos) throws InterruptedException {
        return pythonInsert(pythonItem(key), waitNanos);
    }

    /**
     * Python's {@code put} of a Java object (or a handle), waiting {@code waitNanos}: 0 (not),
     * {@link Timeouts#FOREVER} or positive.
     */
    public int pythonPutJava(Object item, long waitNanos) throws InterruptedException {
        return pythonInsert(Objects.requireNonNull(item), waitNanos);
    }

    private Object pythonItem(long key) {
        // A Java comparator sees handles (it cannot order keys).
        PythonItem item = new PythonItem(key);
        return order != null && order.hasComparator() ? item.handle() : item;
    }

    private int pythonInsert(Object item, long waitNanos) throws InterruptedException {
        try {
            return insert(item, waitNanos, true);
        } catch (ItemOrder.ComparisonFailed e) {
            return PUT_COMPARISON_FAILED;
        }
    }

    /**
     * Python's {@code get}, waiting as long as it takes: the key of the Python object taken
     * (positive; its registration is Python's to drop), {@link #GET_TAKEN} (a Java object or a
     * handle Java has seen: fetch it with {@link #pythonTaken()}), or another {@code GET_} result.
     */
    public long pythonGet() throws InterruptedException {
        return pythonRemove(Timeouts.FOREVER);
    }

    /** {@link #pythonGet} without waiting ({@code get(block=False)}). */
    public long pythonGetNowait() {
        try {
            return pythonRemove(NO_WAIT);
        } catch (InterruptedException cannotHappen) {
            throw new AssertionError(cannotHappen);
        }
    }

    /** {@link #pythonGet} waiting {@code waitNanos} at most (0: not; FOREVER: no limit). */
    public long pythonGetWithin(long waitNanos) throws InterruptedException {
        return pythonRemove(waitNanos);
    }

    private long pythonRemove(long waitNanos) throws InterruptedException {
        Object item;
        try {
            item = removeNext(waitNanos, true);
        } catch (ItemOrder.ComparisonFailed e) {
            return GET_COMPARISON_FAILED;
        }
        if (item == EMPTY) {
            return GET_EMPTY;
        }
        if (item == CLOSED) {
            return GET_SHUT_DOWN;
        }
        return keyOrTaken(item);
    }

    /** A taken item as Python's get receives it: its key, or {@link #GET_TAKEN} (see there). */
    private static long keyOrTaken(Object item) {
        if (item instanceof PythonItem python) {
            return python.key;
        }
        TAKEN.set(item);
        return GET_TAKEN;
    }

    // ---- For a caller that holds Python's GIL (the native glue's calls without a Jep call) ---
    //
    // A Jep call releases the GIL and takes it back: with several threads using a queue, each
    // put and get then waits its turn for the GIL (4 producers and 4 consumers ran 3x slower
    // than CPython). These do the common case with the GIL held, so they must never wait: not
    // for the mutex (tryLock: its holder may need the GIL), not for room or an item, and never
    // call Python (a queue ordered by Python's < says BUSY). BUSY: do it the usual way.

    /** {@link #pythonPutNowait} if it needs no wait and no Python call, else {@link #PUT_BUSY}. */
    public int pythonTryPut(long key) {
        if (order != null || !mutex.tryLock()) {
            return PUT_BUSY;
        }
        try {
            if (shutdown || maxsize > 0 && store.size() >= maxsize) {
                return PUT_BUSY;
            }
            store.add(pythonItem(key));
            unfinishedTasks++;
            notEmpty.notify(1);
            return PUT_DONE;
        } finally {
            mutex.unlock();
        }
    }

    /** {@link #pythonGetNowait} if it needs no wait and no Python call, else {@link #GET_BUSY}. */
    public long pythonTryGet() {
        if (order != null || !mutex.tryLock()) {
            return GET_BUSY;
        }
        Object item;
        try {
            if (store.size() == 0) {
                return GET_BUSY;
            }
            item = store.remove();
            notFull.notify(1);
        } finally {
            mutex.unlock();
        }
        return keyOrTaken(item);
    }

    /** The item of this thread's last {@link #pythonGet} that returned {@link #GET_TAKEN}. */
    public static Object pythonTaken() {
        Object item = TAKEN.get();
        TAKEN.set(null);
        return item;
    }

    /** {@code q.queue}: the items in CPython's storage order (Python items as handles). */
    public Object[] pythonSnapshot() {
        mutex.lock();
        try {
            Object[] items = new Object[store.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = exposeAt(i);
            }
            return items;
        } finally {
            mutex.unlock();
        }
    }
}
