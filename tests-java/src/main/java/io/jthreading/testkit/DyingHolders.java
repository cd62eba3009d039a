package io.jthreading.testkit;

import java.util.concurrent.TimeUnit;

/** Java threads that take a jthreading lock and end without releasing it. Bounded. */
public final class DyingHolders {
    private DyingHolders() {
    }

    /**
     * Runs a Java thread that takes {@code lock} (a jthreading Lock or RLock, through
     * {@code java.util.concurrent.locks.Lock}) {@code times} times and ends; returns it, ended.
     */
    public static Thread dieHolding(java.util.concurrent.locks.Lock lock, int times)
            throws InterruptedException {
        Thread thread = new Thread(() -> {
            for (int i = 0; i < times; i++) {
                lock.lock();
            }
        }, "java-dying-holder");
        thread.setDaemon(true);
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        return thread;
    }

    /** {@code lock.unlock()} on a new Java thread: "ok" or the exception it threw. */
    public static String unlockElsewhere(java.util.concurrent.locks.Lock lock)
            throws InterruptedException {
        String[] outcome = {"did not run"};
        Thread thread = new Thread(() -> {
            try {
                lock.unlock();
                outcome[0] = "ok";
            } catch (RuntimeException e) {
                outcome[0] = e.getClass().getSimpleName();
            }
        }, "java-unlocker");
        thread.setDaemon(true);
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        return outcome[0];
    }
}
