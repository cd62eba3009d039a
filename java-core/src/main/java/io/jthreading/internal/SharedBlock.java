package io.jthreading.internal;

import static io.jthreading.internal.OffHeap.UNSAFE;

/**
 * A small block of off-heap memory ({@link OffHeap}) holding a primitive's state, shared with
 * the native glue as {@link SharedWord} is, for states that need more than 32 bits. Each user
 * names its fields' offsets (and the C side declares the same layout: see
 * native-glue/src/fast_methods.c). The block is 8-aligned, as 64-bit atomics need.
 */
public final class SharedBlock {
    public static final int SIZE = 24;

    private final long address = OffHeap.allocate(this, SIZE);

    public long getLong(int offset) {
        return UNSAFE.getLongVolatile(null, address + offset);
    }

    public boolean compareAndSetLong(int offset, long expected, long update) {
        return UNSAFE.compareAndSwapLong(null, address + offset, expected, update);
    }

    public void setLong(int offset, long value) {
        UNSAFE.putLongVolatile(null, address + offset, value);
    }

    public int getInt(int offset) {
        return UNSAFE.getIntVolatile(null, address + offset);
    }

    public void setInt(int offset, int value) {
        UNSAFE.putIntVolatile(null, address + offset, value);
    }

    /**
     * A release store (VarHandle's setRelease): ordered after this thread's earlier writes, but
     * without the full fence of a volatile store. For a value only one thread writes at a time,
     * published to others by a later volatile store or CAS.
     */
    public void setIntRelease(int offset, int value) {
        UNSAFE.putOrderedInt(null, address + offset, value);
    }

    /** The block's address, for the native glue (valid while this object is reachable). */
    public long address() {
        return address;
    }
}
