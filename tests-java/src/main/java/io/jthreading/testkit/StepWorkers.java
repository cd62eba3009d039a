package io.jthreading.testkit;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.jthreading.Barrier;
import io.jthreading.Condition;
import io.jthreading.ConditionLock;
import io.jthreading.Event;
import io.jthreading.Lock;
import io.jthreading.RLock;
import io.jthreading.Semaphore;

/**
 * Java threads that a stateful test (tests-python/test_stateful.py) steps one operation at a
 * time: each worker is one Java thread for its whole life, so RLock ownership and the like
 * persist between steps. Operations never wait (tries, releases, flags), so a step returns at
 * once; the caller's wait for it is bounded all the same.
 *
 * <p>An outcome is a string the test compares with CPython's: {@code ok:void}, {@code ok:bool:true},
 * {@code ok:long:3} or {@code raise:<exception class>:<message>}.
 */
public final class StepWorkers {
    private static final long BOUND_SECONDS = 30;

    private final ExecutorService[] workers;

    public StepWorkers(int count) {
        workers = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String name = "java-step-worker-" + i;
            workers[i] = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** Applies {@code operation} to {@code primitive} on worker {@code worker}'s thread. */
    public String step(int worker, Object primitive, String operation) throws Exception {
        Future<String> outcome = workers[worker].submit(() -> outcome(primitive, operation));
        return outcome.get(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    public void shutdown() {
        for (ExecutorService worker : workers) {
            worker.shutdownNow();
        }
    }

    private static String outcome(Object primitive, String operation) {
        try {
            Object result = apply(primitive, operation);
            if (result == null) {
                return "ok:void";
            }
            return (result instanceof Boolean ? "ok:bool:" : "ok:long:") + result;
        } catch (RuntimeException e) {
            return "raise:" + e.getClass().getName() + ":" + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "raise:" + e.getClass().getName() + ":" + e.getMessage();
        }
    }

    private static Object apply(Object primitive, String operation) throws InterruptedException {
        if (primitive instanceof Lock || primitive instanceof RLock) {
            return lockOperation((ConditionLock) primitive, operation);
        }
        if (primitive instanceof Semaphore semaphore) {
            switch (operation) {
                case "acquire": return semaphore.tryAcquire();
                case "release": semaphore.release(); return null;
                default: break;
            }
        } else if (primitive instanceof Event event) {
            switch (operation) {
                case "set": event.set(); return null;
                case "clear": event.clear(); return null;
                case "is_set": return event.isSet();
                default: break;
            }
        } else if (primitive instanceof Condition condition) {
            switch (operation) {
                case "notify": condition.notify(1); return null;
                case "notify_all": condition.notifyAllWaiters(); return null;
                default: return lockOperation(condition.lock(), operation);
            }
        } else if (primitive instanceof Barrier barrier) {
            switch (operation) {
                case "reset": barrier.reset(); return null;
                case "abort": barrier.abort(); return null;
                case "n_waiting": return barrier.nWaiting();
                case "broken": return barrier.isBroken();
                default: break;
            }
        }
        throw new UnsupportedOperationException(operation + " on " + primitive);
    }

    private static Object lockOperation(ConditionLock lock, String operation)
            throws InterruptedException {
        switch (operation) {
            case "acquire":
                return lock instanceof Lock ? ((Lock) lock).acquire(false) : ((RLock) lock).acquire(false);
            case "release": lock.release(); return null;
            case "locked": return ((Lock) lock).locked();
            default: throw new UnsupportedOperationException(operation + " on " + lock);
        }
    }
}
