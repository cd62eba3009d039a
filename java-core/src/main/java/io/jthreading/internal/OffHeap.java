package io.jthreading.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw off-heap memory for the state the native glue shares, and the atomics Java uses on it.
 *
 * <p>Why raw addresses: a VarHandle over a direct ByteBuffer checks bounds, read-only-ness and
 * alignment on every access, and reloads the buffer after each CAS; that made an uncontended
 * {@code Lock} acquire+release twice {@code ReentrantLock}'s (JMH, P3). On a final {@code long}
 * address the JIT emits the bare instruction, as it does for a field. C gets the same address.
 * The raw access itself is {@link RawMemory}, one class per Java version range (a multi-release
 * jar): {@code sun.misc.Unsafe} on 17 to 21, the foreign memory API on 22 and later.
 *
 * <p>Lifetime: a block is freed once its owner (the object whose field holds the address) is
 * unreachable; freeing happens on a later allocation (no cleaner thread). Whoever uses the
 * address must keep the owner reachable: the Python façades hold the Java primitive, which holds
 * its owner.
 */
public final class OffHeap {
    private static final ReferenceQueue<Object> UNREACHABLE = new ReferenceQueue<>();
    /**
     * Every block not freed yet, in a doubly linked list (as java.lang.ref.Cleaner keeps its
     * cleanables): a phantom reference must stay reachable itself until it is enqueued. Linking
     * and unlinking under one monitor cost a few nanoseconds; a concurrent set cost ~0.1 µs per
     * primitive (issue 12 measures creation).
     */
    private static final Block LIVE = new Block();
    /** Blocks freed so far (tests see that freeing happens, on either RawMemory version). */
    private static final AtomicLong FREED = new AtomicLong();
    /** Bytes allocated so far, never decreased (benchmarks: off-heap bytes per primitive). */
    private static final AtomicLong ALLOCATED = new AtomicLong();
    /** Bytes freed so far (the stress run's off-heap leak check: allocated minus freed). */
    private static final AtomicLong FREED_BYTES = new AtomicLong();

    private OffHeap() {
    }

    /**
     * Allocates {@code bytes} zeroed, 8-aligned bytes, freed after {@code owner} is unreachable.
     * Owners keep the address in a final field of their own (not behind another object): one
     * pointer less to follow on every operation, which JMH measures.
     */
    static long allocate(Object owner, int bytes) {
        freeUnreachable();
        long address = RawMemory.allocateZeroed(bytes); // malloc/calloc: 16-aligned on 64-bit Linux
        ALLOCATED.addAndGet(bytes);
        new Block(owner, address, bytes).link();
        return address;
    }

    /**
     * How this JVM reaches the memory: {@code "sun.misc.Unsafe"} (Java 17 to 21) or
     * {@code "java.lang.foreign"} (Java 22 and later, from the jar's {@code META-INF/versions/22}).
     */
    public static String mechanism() {
        return RawMemory.mechanism();
    }

    // The atomics, at raw addresses (C uses the same hardware instructions on them). Each takes
    // the memory's owner and keeps it reachable until the access is done: were the owner
    // collected between reading its address and using it (a safepoint in a CAS loop), another
    // thread's allocate() could free the memory under the access. The fence costs nothing.

    public static long loadLong(Object owner, long address) {
        long value = RawMemory.loadLong(address);
        Reference.reachabilityFence(owner);
        return value;
    }

    public static int loadInt(Object owner, long address) {
        int value = RawMemory.loadInt(address);
        Reference.reachabilityFence(owner);
        return value;
    }

    static void storeLong(Object owner, long address, long value) {
        RawMemory.storeLong(address, value);
        Reference.reachabilityFence(owner);
    }

    static void storeInt(Object owner, long address, int value) {
        RawMemory.storeInt(address, value);
        Reference.reachabilityFence(owner);
    }

    /**
     * A release store (VarHandle's setRelease): ordered after this thread's earlier writes, but
     * without the full fence of a volatile store. For a value only one thread writes at a time,
     * published to others by a later volatile store or CAS.
     */
    public static void storeIntRelease(Object owner, long address, int value) {
        RawMemory.storeIntRelease(address, value);
        Reference.reachabilityFence(owner);
    }

    static boolean compareAndSetLong(Object owner, long address, long expected, long update) {
        boolean done = RawMemory.compareAndSetLong(address, expected, update);
        Reference.reachabilityFence(owner);
        return done;
    }

    static boolean compareAndSetInt(Object owner, long address, int expected, int update) {
        boolean done = RawMemory.compareAndSetInt(address, expected, update);
        Reference.reachabilityFence(owner);
        return done;
    }

    /** Bytes requested from allocate() since the JVM started (freed or not; no malloc overhead). */
    public static long allocatedBytes() {
        return ALLOCATED.get();
    }

    static long freedBlocks() {
        return FREED.get();
    }

    static long freedBytes() {
        return FREED_BYTES.get();
    }

    /**
     * Bytes allocated and not freed yet. Blocks of unreachable owners count until a later
     * allocation frees them (after a garbage collection has found them unreachable).
     */
    public static long liveBytes() {
        return ALLOCATED.get() - FREED_BYTES.get();
    }

    private static void freeUnreachable() {
        for (Reference<?> gone; (gone = UNREACHABLE.poll()) != null; ) {
            Block block = (Block) gone;
            if (block.unlink()) {
                RawMemory.free(block.address);
                FREED.incrementAndGet();
                FREED_BYTES.addAndGet(block.bytes);
            }
        }
    }

    /** Remembers an allocation until its owner is unreachable. */
    private static final class Block extends PhantomReference<Object> {
        final long address;
        final int bytes;
        private Block previous;
        private Block next;

        Block(Object owner, long address, int bytes) {
            super(owner, UNREACHABLE);
            this.address = address;
            this.bytes = bytes;
        }

        /** The list's head: no owner, never enqueued. */
        Block() {
            super(null, null);
            this.address = 0;
            this.bytes = 0;
            previous = next = this;
        }

        void link() {
            synchronized (LIVE) {
                previous = LIVE;
                next = LIVE.next;
                next.previous = this;
                LIVE.next = this;
            }
        }

        /** Takes the block out of the list; {@code false} if it was not in it. */
        boolean unlink() {
            synchronized (LIVE) {
                if (next == null) {
                    return false;
                }
                previous.next = next;
                next.previous = previous;
                previous = next = null;
                return true;
            }
        }
    }
}
