package io.jthreading.stress;

import java.util.concurrent.TimeUnit;

import io.jthreading.Event;
import io.jthreading.JThread;
import io.jthreading.Local;
import io.jthreading.Lock;
import io.jthreading.RLock;
import io.jthreading.Semaphore;

/**
 * Java workers on a lock-like primitive (made by Python): take it by one of the Java ways
 * (Python's acquire with a timeout, java.util.concurrent's tryLock), run the guarded counter's
 * critical section, release. Each keeps its worker number in a jthreading {@link Local} and
 * checks it is still its own.
 */
public final class LockWorkers {
    private static final int BATCH = 200;

    private LockWorkers() {
    }

    public static JThread start(Object primitive, GuardedCounter station, int worker, Local local,
                                Event stop, Operations ops, Checks checks) {
        String name = "stress-java-" + station.kind() + "-" + worker;
        boolean[] first = {true};
        return JavaLoop.start(name, stop, checks, () -> {
            if (first[0]) {
                local.set("worker", worker);
                first[0] = false;
            }
            for (int i = 0; i < BATCH; i++) {
                if (!acquire(primitive, i)) {
                    checks.fail(station.kind() + ": acquire timed out after " + Bound.SECONDS
                            + " s (lost wake-up)");
                    return false;
                }
                try {
                    station.critical(worker);
                } finally {
                    release(primitive);
                }
            }
            checks.check(Integer.valueOf(worker).equals(local.get("worker")),
                    "local: a Java thread sees worker " + local.get("worker") + ", set " + worker);
            ops.add(station.kind(), "java", BATCH);
            ops.add("local", "java", 1);
            return true;
        });
    }

    /** Alternates between the two APIs; an RLock is taken twice (nested). */
    private static boolean acquire(Object primitive, int i) throws InterruptedException {
        if (primitive instanceof Lock) {
            Lock lock = (Lock) primitive;
            return i % 2 == 0 ? lock.acquire(true, Bound.SECONDS)
                    : lock.tryLock(Bound.SECONDS, TimeUnit.SECONDS);
        }
        if (primitive instanceof RLock) {
            RLock lock = (RLock) primitive;
            if (!lock.acquire(true, Bound.SECONDS)) {
                return false;
            }
            lock.lock(); // owned already: a nested take returns at once
            return true;
        }
        Semaphore semaphore = (Semaphore) primitive;
        return i % 2 == 0 ? semaphore.acquire(true, true, Bound.NANOS)
                : semaphore.tryAcquire(Bound.WAIT);
    }

    private static void release(Object primitive) {
        if (primitive instanceof Lock) {
            ((Lock) primitive).release();
        } else if (primitive instanceof RLock) {
            ((RLock) primitive).unlock();
            ((RLock) primitive).release();
        } else {
            ((Semaphore) primitive).release();
        }
    }
}
