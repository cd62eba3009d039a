package io.jthreading.python;

import java.lang.ref.Cleaner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Python object as Java holds it: an opaque handle that Java can store and pass on (into a
 * shared queue, a future, another Python call) without Python running.
 *
 * <p>The object itself stays in Python, in jthreading's handle registry
 * ({@code jthreading._handles}), under this handle's key; when Python gets the handle back it
 * gets the very object it gave (identity holds, whichever thread takes it). Making a handle
 * converts no Python object to Java, which Jep refuses on threads it did not create.
 *
 * <p>Lifetime: the registry keeps the object while Java can reach the handle. When the handle
 * becomes unreachable its key is queued for release ({@link #drainReleasedKeys}), and the
 * registry drops released keys on its next registrations. Equality is identity: two crossings
 * of one Python object are two handles.
 */
public class PythonObject {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ConcurrentLinkedQueue<Long> RELEASED = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger RELEASED_COUNT = new AtomicInteger();

    private final long key;

    /** For jthreading's Python side: the handle of the object registered under {@code key}. */
    public PythonObject(long key) {
        this.key = key;
        CLEANER.register(this, () -> {
            RELEASED.add(key);
            RELEASED_COUNT.incrementAndGet();
        });
    }

    /** The key of the object in jthreading's Python handle registry. */
    public final long key() {
        return key;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "#" + key;
    }

    /**
     * Keys of handles Java can no longer reach, each once, for the registry to drop. Empty
     * (without allocating a list) when there are none, which is the common case.
     */
    public static long[] drainReleasedKeys() {
        int count = RELEASED_COUNT.get();
        if (count == 0) {
            return new long[0];
        }
        long[] keys = new long[count];
        int taken = 0;
        for (Long released; taken < count && (released = RELEASED.poll()) != null; taken++) {
            keys[taken] = released;
        }
        RELEASED_COUNT.addAndGet(-taken);
        return taken == count ? keys : java.util.Arrays.copyOf(keys, taken);
    }
}
