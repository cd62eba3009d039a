package io.jthreading.testkit;

import io.jthreading.Event;
import io.jthreading.JThread;
import io.jthreading.Lock;
import io.jthreading.RLock;

/**
 * Java halves of the deadlocks tests-python/test_deadlocks.py makes: a Java thread that takes a
 * Lock, says so, waits for the go, then waits on an RLock (with a timeout, so that a failing
 * test cannot hang). It releases what it took before it ends.
 */
public final class DeadlockWorkers {
    private DeadlockWorkers() {
    }

    /** As a jthreading thread named {@code name}, started. */
    public static JThread holdLockThenWaitForRLock(String name, Lock held, RLock wanted,
            Event holding, Event go, double timeoutSeconds) {
        JThread thread = new JThread(holdThenWait(held, wanted, holding, go, timeoutSeconds),
                name, true);
        thread.start();
        return thread;
    }

    /** As a plain Java thread, which jthreading has no record of, started. */
    public static java.lang.Thread plainHoldLockThenWaitForRLock(String name, Lock held,
            RLock wanted, Event holding, Event go, double timeoutSeconds) {
        java.lang.Thread thread = new java.lang.Thread(
                holdThenWait(held, wanted, holding, go, timeoutSeconds), name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Runnable holdThenWait(Lock held, RLock wanted, Event holding, Event go,
            double timeoutSeconds) {
        return () -> {
            held.lock();
            try {
                holding.set();
                go.await(timeoutSeconds);
                if (wanted.acquire(true, timeoutSeconds)) {
                    wanted.release();
                }
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            } finally {
                if (held.locked()) {
                    held.release();
                }
            }
        };
    }
}
