package io.jthreading.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An owned lock's state in off-heap memory, shared with the native glue as {@link SharedWord}
 * is: a 64-bit owner word at offset 0 and a 32-bit count at offset 8 (the C side reads the same
 * layout: {@code rlock_state} in native-glue/src/fast_methods.c). The memory is 8-aligned, as
 * 64-bit atomics need.
 */
public final class SharedOwnerState {
    private static final VarHandle LONG =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int OWNER = 0;
    private static final int COUNT = 8;
    private static final int SIZE = 16;

    private final ByteBuffer memory =
            ByteBuffer.allocateDirect(SIZE + Long.BYTES).alignedSlice(Long.BYTES);

    public long owner() {
        return (long) LONG.getVolatile(memory, OWNER);
    }

    public boolean compareAndSetOwner(long expected, long update) {
        return LONG.compareAndSet(memory, OWNER, expected, update);
    }

    public void setOwner(long value) {
        LONG.setVolatile(memory, OWNER, value);
    }

    public int count() {
        return (int) INT.getVolatile(memory, COUNT);
    }

    public void setCount(int value) {
        INT.setVolatile(memory, COUNT, value);
    }

    /** The direct buffer holding the state, for the native glue (never resized or moved). */
    public ByteBuffer memory() {
        return memory.duplicate().order(ByteOrder.nativeOrder());
    }
}
