package io.jthreading.stress;

import io.jthreading.Event;
import io.jthreading.JThread;
import io.jthreading.Local;
import io.jthreading.Lock;

/**
 * Java threads starting and ending continuously: JThreads with a Java Runnable and plain
 * java.lang.Threads that jthreading never started, each taking a shared Lock (made by Python)
 * and checking that a jthreading Local shows it nothing of other threads. Also starts, from
 * this Java thread, jthreading Threads with Python targets that Python hands over.
 */
public final class ChurnWorkers {
    private static final int BATCH = 8;

    private ChurnWorkers() {
    }

    public static JThread start(Lock lock, Local local, Event stop, Operations ops, Checks checks) {
        return JavaLoop.start("stress-java-churn", stop, checks, () -> {
            for (int i = 0; i < BATCH; i++) {
                Runnable body = () -> {
                    checks.check(!local.has("worker"), "local: a new Java thread sees another's value");
                    local.set("worker", -1);
                    try {
                        checks.check(lock.acquire(true, Bound.SECONDS),
                                "Lock: a short-lived Java thread waited " + Bound.SECONDS + " s");
                        lock.release();
                    } catch (InterruptedException e) {
                        checks.fail("churn: interrupted");
                    }
                };
                if (i % 2 == 0) {
                    JThread thread = new JThread(body, "stress-java-short-" + i, true);
                    thread.start();
                    checks.check(thread.join(Bound.WAIT), "thread: a Java JThread still runs after "
                            + Bound.SECONDS + " s");
                } else {
                    Thread thread = new Thread(body, "stress-java-plain-" + i);
                    thread.setDaemon(true);
                    thread.start();
                    thread.join(Bound.WAIT.toMillis());
                    checks.check(!thread.isAlive(), "thread: a plain Java thread still runs after "
                            + Bound.SECONDS + " s");
                }
            }
            ops.add("thread", "java", BATCH);
            ops.add("thread started", "java", BATCH);
            return true;
        });
    }

    /**
     * Starts a JThread that Python made (a jthreading Thread's handle, Python target) from
     * Java and joins it: the caller is a Python thread, the start is Java's.
     */
    public static boolean startAndJoin(JThread thread) throws InterruptedException {
        thread.start();
        return thread.join(Bound.WAIT);
    }
}
