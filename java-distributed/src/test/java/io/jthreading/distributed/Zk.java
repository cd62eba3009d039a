package io.jthreading.distributed;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What the distributed tests share: one single-node ZooKeeper for the whole test JVM (started
 * once, on the module's own {@link EmbeddedZooKeeper}; every test uses names of its own, so they
 * never meet), coordinators on it (each one a ZooKeeper session: a "process" as ZooKeeper sees
 * it), and bounded waits for worker threads.
 */
final class Zk {
    /** Short ticks: sessions may be 1 to 10 s, so expiry tests are quick. */
    static final int TICK_MILLIS = 500;
    static final Duration SESSION = Duration.ofSeconds(4);
    static final Duration CONNECT = Duration.ofSeconds(15);
    /** How long any single blocking step of a test may take before the test fails. */
    static final Duration STEP = Duration.ofSeconds(20);

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static EmbeddedZooKeeper server;

    private Zk() {
    }

    /** The shared server's connect string. */
    static synchronized String server() {
        if (server == null) {
            server = EmbeddedZooKeeper.start(0, null, TICK_MILLIS);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test zookeeper"));
        }
        return server.connectString();
    }

    /** A new session on the shared server (close it: try-with-resources). */
    static Coordinator coordinator() {
        return Coordinator.connect(server(), SESSION, CONNECT);
    }

    /** A name no other test uses. */
    static String name(String what) {
        return "test/" + what + "-" + NAMES.incrementAndGet();
    }

    /** Runs {@code work} on a daemon thread of its own; {@link #get} bounds the wait for it. */
    static <T> Task<T> async(String name, Callable<T> work) {
        Task<T> task = new Task<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        task.thread = thread;
        thread.start();
        return task;
    }

    static final class Task<T> extends FutureTask<T> {
        Thread thread;

        Task(Callable<T> work) {
            super(work);
        }

        /** The result, or the failure of the work, within {@link #STEP}. */
        T get(Duration within) throws Exception {
            try {
                return super.get(within.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                thread.interrupt();
                throw new AssertionError(thread.getName() + " did not finish within " + within
                        + "; it is at " + Arrays.toString(thread.getStackTrace()));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }

        T join() throws Exception {
            return get(STEP);
        }

        /** Waits until the thread blocks in {@code method} ("Class.method"), e.g. a wait's loop. */
        Task<T> blockedIn(String method) {
            until(() -> inFrame(thread, method), thread.getName() + " blocked in " + method);
            return this;
        }

        /** The work is still running (it was not woken). */
        boolean running() {
            return !isDone();
        }
    }

    static boolean inFrame(Thread thread, String method) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            String at = frame.getClassName() + "." + frame.getMethodName();
            if (at.endsWith(method)) {
                return true;
            }
        }
        return false;
    }

    /** Polls {@code condition} until it holds, failing after {@link #STEP}. */
    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }

    /** Nanoseconds since {@code start}, in milliseconds. */
    static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
