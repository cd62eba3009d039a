package io.jthreading.internal;

/**
 * One 32-bit state word in off-heap memory ({@link OffHeap}), updated with the same hardware
 * atomics from Java and from C (the native glue gets its address). Keeping a primitive's whole
 * state in this word is what lets the native fast path share it without a Jep call per
 * operation: C may take the uncontended transitions itself and calls into Java only when a thread
 * must park or be woken.
 */
public final class SharedWord {
    /**
     * The word at offset 0; offset 8 holds the native glue's pointer to the primitive's one
     * Python object (see {@link #PYTHON_PEER}).
     */
    private final long address = OffHeap.allocate(this, 16);

    /**
     * Offset of the slot where the native glue keeps the Python façade of the primitive (one
     * Python object per Java primitive, found again when the primitive re-enters Python). Java
     * only reserves it; every state block the native glue makes façades for has one.
     */
    public static final int PYTHON_PEER = 8;

    public int get() {
        return OffHeap.loadInt(this, address);
    }

    public void set(int value) {
        OffHeap.storeInt(this, address, value);
    }

    public boolean compareAndSet(int expected, int update) {
        return OffHeap.compareAndSetInt(this, address, expected, update);
    }

    /** The word's address, for the native glue (valid while this object is reachable). */
    public long address() {
        return address;
    }
}
