package io.jthreading.testkit;

import io.jthreading.Event;

/**
 * Exhausts the Java heap, for the out-of-memory fault test: a Java thread allocates until
 * {@code OutOfMemoryError}, halving the chunk each time one fails, down to a few bytes, so that
 * what is left cannot hold much; sets {@code exhausted}; holds it all until {@link #letGo()} (a
 * call that needs no memory: setting an Event from Python may need some) or at most
 * {@code holdSeconds}; then sets {@code released}. {@link #refill()} fills again whatever the JVM
 * freed meanwhile (soft references, its own caches), on the caller's thread, just before a
 * test's allocating call.
 */
public final class HeapHog {
    private static final int FIRST_CHUNK = 1 << 20;
    /** A linked list of {previous, chunk}: no growing array whose failure would end it early. */
    private static Object[] held;
    private static boolean holding;
    private static int failures;

    private HeapHog() {
    }

    public static Thread start(Event exhausted, double holdSeconds, Event released) {
        Thread thread = new Thread(() -> {
            long deadline = System.nanoTime() + (long) (holdSeconds * 1e9);
            synchronized (HeapHog.class) {
                holding = true;
                fill(FIRST_CHUNK);
                exhausted.set();
                try {
                    for (long left = deadline - System.nanoTime(); holding && left > 0;
                            left = deadline - System.nanoTime()) {
                        HeapHog.class.wait(Math.max(1, left / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    // let go anyway
                }
                held = null;
                holding = false;
            }
            released.set();
        }, "java-heap-hog");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Ends the hold now. */
    public static synchronized void letGo() {
        holding = false;
        held = null;
        HeapHog.class.notifyAll();
    }

    /** Fills what the heap has freed since, on this thread. */
    public static void refill() {
        fill(64 * 1024);
    }

    /** How many allocations failed with OutOfMemoryError (at least one if the heap filled). */
    public static synchronized int failures() {
        return failures;
    }

    /** Allocates chunks from {@code first} bytes down, while holding. */
    private static synchronized void fill(int first) {
        int size = first;
        while (size >= 16 && holding) {
            try {
                byte[] chunk = new byte[size];
                held = new Object[] {held, chunk};
            } catch (OutOfMemoryError e) {
                failures++;
                size /= 2;
            }
        }
    }
}
