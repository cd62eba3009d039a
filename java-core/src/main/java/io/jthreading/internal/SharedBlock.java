package io.jthreading.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A small block of off-heap memory holding a primitive's state, shared with the native glue as
 * {@link SharedWord} is, for states that need more than 32 bits. Each user names its fields'
 * offsets (and the C side declares the same layout: see native-glue/src/fast_methods.c). The
 * block is 8-aligned, as 64-bit atomics need; Java and C use the same hardware atomics on it.
 */
public final class SharedBlock {
    public static final int SIZE = 24;

    private static final VarHandle LONG =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ByteBuffer memory =
            ByteBuffer.allocateDirect(SIZE + Long.BYTES).alignedSlice(Long.BYTES);

    public long getLong(int offset) {
        return (long) LONG.getVolatile(memory, offset);
    }

    public boolean compareAndSetLong(int offset, long expected, long update) {
        return LONG.compareAndSet(memory, offset, expected, update);
    }

    public void setLong(int offset, long value) {
        LONG.setVolatile(memory, offset, value);
    }

    public int getInt(int offset) {
        return (int) INT.getVolatile(memory, offset);
    }

    public void setInt(int offset, int value) {
        INT.setVolatile(memory, offset, value);
    }

    /** The direct buffer holding the block, for the native glue (never resized or moved). */
    public ByteBuffer memory() {
        return memory.duplicate().order(ByteOrder.nativeOrder());
    }
}
