package io.jthreading.testkit;

/**
 * Java's {@code Thread.interrupt()} for tests written in Python: a Java thread that waits until
 * the thread with a given ident ({@code jthreading.get_ident()}) is blocked in a jthreading wait,
 * then interrupts it. Every wait is bounded.
 */
public final class Interrupter {
    private final Thread worker;
    private volatile boolean interrupted;

    private Interrupter(long ident, long boundNanos) {
        this.worker = new Thread(() -> {
            try {
                Thread target = BlockedThreads.awaitBlocked(ident, boundNanos);
                if (target != null) {
                    target.interrupt();
                    interrupted = true;
                }
            } catch (InterruptedException e) {
                // nobody interrupts it
            }
        }, "java-interrupter");
        worker.setDaemon(true);
    }

    /** Starts interrupting the thread {@code ident} as soon as it blocks (within the bound). */
    public static Interrupter start(long ident, double boundSeconds) {
        Interrupter interrupter = new Interrupter(ident, (long) (boundSeconds * 1e9));
        interrupter.worker.start();
        return interrupter;
    }

    /** Waits (bounded) for the interrupter's end; {@code true} if it interrupted the thread. */
    public boolean waitUntilDone(double boundSeconds) throws InterruptedException {
        worker.join(Math.max(1, (long) (boundSeconds * 1000)));
        return interrupted;
    }

    /** The calling thread's interrupt status, left as it is. */
    public static boolean currentThreadInterrupted() {
        return Thread.currentThread().isInterrupted();
    }
}
