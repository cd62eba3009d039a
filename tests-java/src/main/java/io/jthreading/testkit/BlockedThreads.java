package io.jthreading.testkit;

import java.util.concurrent.TimeUnit;

/**
 * Whether a thread is blocked in a jthreading wait, for tests that must act only then (send
 * SIGINT, interrupt). A thread is named by its ident: its Java thread id, which is what
 * {@code jthreading.get_ident()} returns. Every wait is bounded.
 */
public final class BlockedThreads {
    private BlockedThreads() {
    }

    /** Whether the thread {@code ident} is blocked in a jthreading wait now. */
    public static boolean isBlocked(long ident) {
        Thread thread = find(ident);
        return thread != null && blockedInJthreading(thread);
    }

    /** The thread {@code ident} once it is blocked in a jthreading wait; {@code null} if it was
     * not within {@code boundNanos}. */
    public static Thread awaitBlocked(long ident, long boundNanos) throws InterruptedException {
        long deadline = System.nanoTime() + boundNanos;
        do {
            Thread thread = find(ident);
            if (thread != null && blockedInJthreading(thread)) {
                return thread;
            }
            TimeUnit.MILLISECONDS.sleep(1);
        } while (System.nanoTime() - deadline < 0);
        return null;
    }

    /**
     * Starts a Java thread that prints {@code line} on standard output once the thread
     * {@code ident} is blocked in a jthreading wait (or {@code "NOT BLOCKED"} after
     * {@code boundSeconds}): a test driving this process knows when to act.
     */
    public static void announceWhenBlocked(long ident, String line, double boundSeconds) {
        Thread announcer = new Thread(() -> {
            try {
                Thread blocked = awaitBlocked(ident, (long) (boundSeconds * 1e9));
                System.out.println(blocked != null ? line : "NOT BLOCKED");
                System.out.flush();
            } catch (InterruptedException e) {
                // nobody interrupts it
            }
        }, "java-announcer");
        announcer.setDaemon(true);
        announcer.start();
    }

    @SuppressWarnings("deprecation") // Thread.threadId() exists only from Java 19
    static Thread find(long ident) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getId() == ident) {
                return thread;
            }
        }
        return null;
    }

    /** Parked (WAITING, TIMED_WAITING) with a jthreading method on its stack. */
    private static boolean blockedInJthreading(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            String name = frame.getClassName();
            if (name.startsWith("io.jthreading.") && !name.startsWith("io.jthreading.testkit.")) {
                return true;
            }
        }
        return false;
    }
}
