package io.jthreading.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.security.CodeSource;

import org.junit.jupiter.api.Test;

/**
 * OffHeap on whichever raw-memory version this JVM loaded from the multi-release jar: every
 * operation the primitives use, at the offsets and widths of the layout shared with C. The
 * build runs these tests on JDK 17 (sun.misc.Unsafe) and JDK 25 (the foreign memory API).
 */
class OffHeapTest {
    @Test
    void javaTwentyTwoAndLaterUseTheForeignMemoryVersionOfTheJar() {
        CodeSource source = OffHeap.class.getProtectionDomain().getCodeSource();
        boolean fromJar = source != null && source.getLocation().getPath().endsWith(".jar");
        // A directory of classes (an IDE's build) has no versions: the JVM loads the base class.
        String expected = fromJar && Runtime.version().feature() >= 22
                ? "java.lang.foreign" : "sun.misc.Unsafe";
        assertEquals(expected, OffHeap.mechanism(), "loaded from " + source.getLocation());
    }

    @Test
    void allocatedMemoryIsZeroedAndAligned() {
        Object owner = new Object();
        long address = OffHeap.allocate(owner, 24);
        assertEquals(0, address % 8, "8-aligned, as the atomics need");
        assertEquals(0, OffHeap.loadLong(owner, address));
        assertEquals(0, OffHeap.loadInt(owner, address + 8));
        assertEquals(0, OffHeap.loadLong(owner, address + 16));
    }

    @Test
    void longsAreStoredLoadedAndSwappedInPlace() {
        Object owner = new Object();
        long address = OffHeap.allocate(owner, 24);
        OffHeap.storeLong(owner, address + 16, -1L);
        assertEquals(-1L, OffHeap.loadLong(owner, address + 16));
        assertEquals(0, OffHeap.loadLong(owner, address), "neighbours untouched");

        assertTrue(OffHeap.compareAndSetLong(owner, address, 0, 42L << 33));
        assertFalse(OffHeap.compareAndSetLong(owner, address, 0, 7), "the value is no longer 0");
        assertEquals(42L << 33, OffHeap.loadLong(owner, address), "all 64 bits");
    }

    @Test
    void intsAreStoredLoadedAndSwappedInPlace() {
        Object owner = new Object();
        long address = OffHeap.allocate(owner, 16);
        OffHeap.storeInt(owner, address + 8, 3);
        OffHeap.storeIntRelease(owner, address + 12, 5);
        assertEquals(3, OffHeap.loadInt(owner, address + 8));
        assertEquals(5, OffHeap.loadInt(owner, address + 12));
        assertEquals(0, OffHeap.loadLong(owner, address), "the long before them untouched");

        assertTrue(OffHeap.compareAndSetInt(owner, address + 8, 3, Integer.MIN_VALUE));
        assertFalse(OffHeap.compareAndSetInt(owner, address + 8, 3, 4));
        assertEquals(Integer.MIN_VALUE, OffHeap.loadInt(owner, address + 8));
        assertEquals(5, OffHeap.loadInt(owner, address + 12));
    }

    @Test
    void aLongAndItsIntHalvesAreTheSameBytes() {
        // C reads these words with its own types: Java must write plain memory in the
        // platform's byte order, not a Java-defined one.
        Object owner = new Object();
        long address = OffHeap.allocate(owner, 8);
        OffHeap.storeLong(owner, address, 0x0000_0002_0000_0001L);
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        assertEquals(little ? 1 : 2, OffHeap.loadInt(owner, address));
        assertEquals(little ? 2 : 1, OffHeap.loadInt(owner, address + 4));
    }

    @Test
    void aBlockIsFreedOnALaterAllocationOnceItsOwnerIsUnreachable() {
        long freedBefore = OffHeap.freedBlocks();
        allocateForAThrowawayOwner();
        Object keeper = new Object();
        long deadline = System.nanoTime() + 10_000_000_000L;
        // The collector queues the owner's phantom reference when it likes: ask it, then let a
        // new allocation poll the queue, until the block is freed or the deadline passes.
        while (OffHeap.freedBlocks() == freedBefore && System.nanoTime() < deadline) {
            System.gc();
            OffHeap.allocate(keeper, 8);
        }
        assertTrue(OffHeap.freedBlocks() > freedBefore, "no block freed within 10 s");
    }

    @Test
    void liveBytesCountABlockUntilItIsFreed() {
        // The stress run's off-heap leak check reads liveBytes(): it must go up by an
        // allocation and down by it once freed (other blocks freed meanwhile only lower it).
        long before = OffHeap.liveBytes();
        long freedBefore = OffHeap.freedBytes();
        OffHeap.allocate(new Object(), 4096); // may first free blocks earlier tests dropped
        long allocated = OffHeap.liveBytes();
        long freedMeanwhile = OffHeap.freedBytes() - freedBefore;
        assertTrue(allocated >= before + 4096 - freedMeanwhile,
                "an allocation of 4096 bytes is not counted live");
        Object keeper = new Object();
        long kept = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (OffHeap.liveBytes() > allocated - 4096 + kept && System.nanoTime() < deadline) {
            System.gc();
            OffHeap.allocate(keeper, 8);
            kept += 8;
        }
        assertTrue(OffHeap.liveBytes() <= allocated - 4096 + kept, "the freed block still counts live");
    }

    private static void allocateForAThrowawayOwner() {
        OffHeap.allocate(new Object(), 24);
    }
}
