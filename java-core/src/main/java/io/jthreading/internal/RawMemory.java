package io.jthreading.internal;

import java.lang.reflect.Field;

import sun.misc.Unsafe;

/**
 * Native memory at raw addresses, Java 17 to 21: {@code sun.misc.Unsafe} (module jdk.unsupported,
 * no JVM flag needed). Java 22 and later load the version in {@code META-INF/versions/22} of the
 * jar instead, built on the foreign memory API: from JDK 24 on, Unsafe's memory access prints a
 * warning (JEP 498). Both versions must keep the same methods: {@link OffHeap}, compiled once,
 * calls whichever the JVM loads.
 *
 * <p>Allocation is C's {@code malloc} (Unsafe's allocateMemory is malloc), so the blocks are
 * 16-aligned and live outside the Java heap, where the native glue reads them with the same
 * atomics. Why raw addresses at all, and not a ByteBuffer: see {@link OffHeap}.
 */
final class RawMemory {
    private static final Unsafe UNSAFE = unsafe();

    private RawMemory() {
    }

    /** What this version runs on, for diagnostics and tests (a method: a constant would be inlined). */
    static String mechanism() {
        return "sun.misc.Unsafe";
    }

    static long allocateZeroed(long bytes) {
        long address = UNSAFE.allocateMemory(bytes);
        UNSAFE.setMemory(address, bytes, (byte) 0);
        return address;
    }

    static void free(long address) {
        UNSAFE.freeMemory(address);
    }

    static long loadLong(long address) {
        return UNSAFE.getLongVolatile(null, address);
    }

    static int loadInt(long address) {
        return UNSAFE.getIntVolatile(null, address);
    }

    static void storeLong(long address, long value) {
        UNSAFE.putLongVolatile(null, address, value);
    }

    static void storeInt(long address, int value) {
        UNSAFE.putIntVolatile(null, address, value);
    }

    static void storeIntRelease(long address, int value) {
        UNSAFE.putOrderedInt(null, address, value);
    }

    static boolean compareAndSetLong(long address, long expected, long update) {
        return UNSAFE.compareAndSwapLong(null, address, expected, update);
    }

    static boolean compareAndSetInt(long address, int expected, int update) {
        return UNSAFE.compareAndSwapInt(null, address, expected, update);
    }

    private static Unsafe unsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
