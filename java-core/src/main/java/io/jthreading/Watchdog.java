package io.jthreading;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A daemon thread that looks for deadlocks every interval and reports each new one once
 * ({@link Threads#startWatchdog}). Off unless started: recording waits costs nothing extra, only
 * the look does, and it takes no lock any primitive uses.
 */
public final class Watchdog implements AutoCloseable {
    private final long intervalNanos;
    private final Consumer<? super Deadlock> hook;
    private final java.lang.Thread thread;
    private volatile boolean stopped;

    Watchdog(Duration interval, Consumer<? super Deadlock> hook) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.intervalNanos = interval.toNanos();
        this.hook = hook != null ? hook : Watchdog::dumpToStderr;
        this.thread = new java.lang.Thread(this::watch, "jthreading-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        Set<List<Object>> reported = new HashSet<>();
        while (!stopped) {
            java.util.concurrent.locks.LockSupport.parkNanos(this, intervalNanos);
            if (stopped) {
                return;
            }
            Set<List<Object>> current = new HashSet<>();
            for (Deadlock deadlock : Threads.findDeadlocks()) {
                List<Object> key = deadlock.links().stream()
                        .map(link -> (Object) List.of(link.javaThread(), link.waitsOn())).toList();
                current.add(key);
                if (!reported.contains(key)) {
                    report(deadlock);
                }
            }
            reported = current; // a cycle that broke and formed again is new again
        }
    }

    private void report(Deadlock deadlock) {
        try {
            hook.accept(deadlock);
        } catch (RuntimeException | Error e) {
            System.err.println("jthreading watchdog: the hook raised " + e);
        }
    }

    private static void dumpToStderr(Deadlock deadlock) {
        StringBuilder text = new StringBuilder("jthreading watchdog: " + deadlock + "\n");
        Threads.dump(text);
        synchronized (System.err) {
            System.err.print(text);
            System.err.flush();
        }
    }

    /** Stops watching (the thread ends within one interval). */
    @Override
    public void close() {
        stopped = true;
        java.util.concurrent.locks.LockSupport.unpark(thread);
    }

    public boolean isRunning() {
        return !stopped && thread.isAlive();
    }
}
