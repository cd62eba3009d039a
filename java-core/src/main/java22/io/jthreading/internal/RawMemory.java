package io.jthreading.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Native memory at raw addresses, Java 22 and later: the foreign memory API (JEP 454) instead of
 * {@code sun.misc.Unsafe}, whose memory access JDK 24+ warns about (JEP 498). This class sits in
 * the jar's {@code META-INF/versions/22}; Java 17 to 21 load the Unsafe one. Same methods, same
 * memory: C's {@code calloc}/{@code free}, and the address C gets is the raw {@code long}.
 *
 * <p>Raw addresses and the foreign API meet in one segment that spans the whole address space,
 * starting at address 0, so that an address <em>is</em> its offset in that segment. It is a
 * {@code static final} constant, and the JIT folds its checks: what remains per access is a
 * bounds comparison against {@code Long.MAX_VALUE} and an alignment test, next to the atomic
 * instruction itself (the Lock/RLock/Semaphore JMH figures are in docs/design/java-packaging.md).
 * The var handles' default alignment (8 for long, 4 for int) is what the layout shared with C
 * gives; a misaligned address would throw rather than tear.
 *
 * <p>Spanning all memory ({@code reinterpret}) and binding C functions ({@code downcallHandle})
 * are restricted methods: the JVM warns once unless native access is enabled for this code,
 * {@code --enable-native-access=ALL-UNNAMED} (or {@code =io.jthreading} on the module path), the
 * flag Jep's own {@code System.load} needs on JDK 24+ anyway. Should a future JDK deny them,
 * the error says so instead of a bare {@code IllegalCallerException}.
 */
final class RawMemory {
    private static final MemorySegment EVERYWHERE;
    private static final MethodHandle CALLOC;
    private static final MethodHandle FREE;

    // Exact invocation: a call site whose types drift from (MemorySegment, long, ...) fails
    // loudly instead of being adapted on every call.
    private static final VarHandle LONG = JAVA_LONG.varHandle().withInvokeExactBehavior();
    private static final VarHandle INT = JAVA_INT.varHandle().withInvokeExactBehavior();

    static {
        try {
            EVERYWHERE = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
            Linker linker = Linker.nativeLinker();
            // size_t is 64-bit on every platform the native glue builds for (it uses int64_t).
            CALLOC = linker.downcallHandle(libc(linker, "calloc"),
                    FunctionDescriptor.of(ADDRESS, JAVA_LONG, JAVA_LONG));
            FREE = linker.downcallHandle(libc(linker, "free"), FunctionDescriptor.ofVoid(ADDRESS));
        } catch (IllegalCallerException e) {
            throw new IllegalCallerException("jthreading keeps its primitives' state in native "
                    + "memory shared with C, which needs native access on Java 22+: run java with "
                    + "--enable-native-access=ALL-UNNAMED (or =io.jthreading when jthreading-core "
                    + "is on the module path)", e);
        }
    }

    private RawMemory() {
    }

    /** What this version runs on, for diagnostics and tests (a method: a constant would be inlined). */
    static String mechanism() {
        return "java.lang.foreign";
    }

    static long allocateZeroed(long bytes) {
        MemorySegment block;
        try {
            block = (MemorySegment) CALLOC.invokeExact(1L, bytes);
        } catch (Throwable e) {
            throw new IllegalStateException("calloc failed", e);
        }
        if (block.address() == 0) {
            throw new OutOfMemoryError("cannot allocate " + bytes + " bytes of native memory");
        }
        return block.address();
    }

    static void free(long address) {
        try {
            FREE.invokeExact(MemorySegment.ofAddress(address));
        } catch (Throwable e) {
            throw new IllegalStateException("free failed", e);
        }
    }

    static long loadLong(long address) {
        return (long) LONG.getVolatile(EVERYWHERE, address);
    }

    static int loadInt(long address) {
        return (int) INT.getVolatile(EVERYWHERE, address);
    }

    static void storeLong(long address, long value) {
        LONG.setVolatile(EVERYWHERE, address, value);
    }

    static void storeInt(long address, int value) {
        INT.setVolatile(EVERYWHERE, address, value);
    }

    static void storeIntRelease(long address, int value) {
        INT.setRelease(EVERYWHERE, address, value);
    }

    static boolean compareAndSetLong(long address, long expected, long update) {
        return (boolean) LONG.compareAndSet(EVERYWHERE, address, expected, update);
    }

    static boolean compareAndSetInt(long address, int expected, int update) {
        return (boolean) INT.compareAndSet(EVERYWHERE, address, expected, update);
    }

    private static MemorySegment libc(Linker linker, String name) {
        return linker.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in the C library"));
    }
}
