package io.jthreading.stress;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.jthreading.Lock;
import io.jthreading.Threads;
import io.jthreading.internal.OffHeap;

/** The process's figures a stress run samples: memory of every kind and thread counts. */
public final class Memory {
    private Memory() {
    }

    /**
     * Collects garbage, then lets jthreading free the off-heap blocks of unreachable primitives
     * (it frees on a later allocation), so that the figures are the live ones.
     */
    public static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(200); // the reference handler enqueues the cleared phantoms
        new Lock();        // an allocation frees them
    }

    public static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static long heapMax() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getMax();
    }

    public static long nonHeapUsed() {
        return ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed();
    }

    public static long offHeapLive() {
        return OffHeap.liveBytes();
    }

    public static long offHeapAllocated() {
        return OffHeap.allocatedBytes();
    }

    /** Resident set size from /proc/self/status (0 where there is none). */
    public static long rss() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    /** Live Java threads (every one, jthreading's or not). */
    public static int javaThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Threads jthreading knows (Python's enumerate()). */
    public static int jthreadingThreads() {
        return Threads.enumerate().size();
    }

    public static int stackTraceThreads() {
        return Thread.getAllStackTraces().size();
    }
}
