package io.jthreading.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One 32-bit state word in off-heap memory, updated with the same hardware atomics from Java
 * (VarHandle on a direct buffer) and from C (the native glue reads the buffer's address).
 * Keeping a primitive's whole state in this word is what lets the native fast path share it
 * without a Jep call per operation: C may take the uncontended transitions itself and calls into
 * Java only when a thread must park or be woken.
 */
public final class SharedWord {
    private static final VarHandle INT =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ByteBuffer memory =
            ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());

    public int get() {
        return (int) INT.getVolatile(memory, 0);
    }

    public void set(int value) {
        INT.setVolatile(memory, 0, value);
    }

    public boolean compareAndSet(int expected, int update) {
        return INT.compareAndSet(memory, 0, expected, update);
    }

    /** The direct buffer holding the word, for the native glue (never resized or moved). */
    public ByteBuffer memory() {
        return memory.duplicate().order(ByteOrder.nativeOrder());
    }
}
