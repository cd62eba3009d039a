package io.jthreading.internal;

/**
 * One 32-bit state word in off-heap memory ({@link OffHeap}), updated with the same hardware
 * atomics from Java and from C (the native glue gets its address). Keeping a primitive's whole
 * state in this word is what lets the native fast path share it without a Jep call per
 * operation: C may take the uncontended transitions itself and calls into Java only when a thread
 * must park or be woken.
 */
public final class SharedWord {
    private final long address = OffHeap.allocate(this, Integer.BYTES);

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
