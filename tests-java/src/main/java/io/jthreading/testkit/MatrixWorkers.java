package io.jthreading.testkit;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.jthreading.Barrier;
import io.jthreading.Condition;
import io.jthreading.Event;
import io.jthreading.JThread;
import io.jthreading.Lock;
import io.jthreading.RLock;
import io.jthreading.Semaphore;
import io.jthreading.Threads;
import io.jthreading.python.PythonRuntime;
import io.jthreading.python.SharedLocal;

/**
 * The Java side of the cross-language matrix, identity, callback and shared-local tests
 * (tests-python/test_cross_language_matrix.py, test_identity.py, test_callbacks.py,
 * test_shared_local.py): Java code on Java threads, written the way a Java program would use
 * io.jthreading (java.util.concurrent names: lock/tryLock, await, tryAcquire, join(Duration)).
 *
 * <p>Outcomes are strings in Atomic* holders (Jep copies Java arrays): a wait's result is
 * "True"/"False" (woken or timed out), a Barrier's the arrival index or "broken", so both languages
 * report the same words. Every wait is bounded except the ones the matrix calls "no timeout";
 * their threads are daemons, so a failing test cannot keep the JVM alive.
 */
public final class MatrixWorkers {
    /** Bound, in seconds, of every wait that is not a "no timeout" wait of the matrix. */
    public static final long BOUND_SECONDS = 30;
    /** {@code timeoutNanos} for "wait without a timeout". */
    public static final long NO_TIMEOUT = -1;

    private static final Duration BOUND = Duration.ofSeconds(BOUND_SECONDS);

    private MatrixWorkers() {
    }

    // ---- The matrix ----------------------------------------------------------------------

    /**
     * Starts a Java thread that waits on {@code primitive} the way {@code kind} says ("Lock",
     * "RLock", "Condition", "Semaphore", "BoundedSemaphore", "Event", "Barrier", "Thread": a
     * {@link JThread} to join), with no timeout ({@link #NO_TIMEOUT}) or {@code timeoutNanos}.
     * It sets {@code waiting} just before it blocks; {@code result} gets the outcome,
     * {@code elapsedNanos} how long the wait took; then {@code done} is set. A lock or
     * condition it took is released again.
     */
    public static Thread startWaiter(String kind, Object primitive, long timeoutNanos,
                                     Event waiting, AtomicReference<String> result,
                                     AtomicLong elapsedNanos, Event done) {
        return JavaWorkers.start("java-matrix-waiter", () -> {
            try {
                long begin = System.nanoTime();
                String outcome = waitOn(kind, primitive, timeoutNanos, waiting);
                elapsedNanos.set(System.nanoTime() - begin);
                result.set(outcome);
            } catch (Throwable error) {
                result.set("error: " + error);
            } finally {
                done.set();
            }
        });
    }

    private static String waitOn(String kind, Object primitive, long timeoutNanos, Event waiting)
            throws Exception {
        boolean timed = timeoutNanos != NO_TIMEOUT;
        Duration timeout = Duration.ofNanos(Math.max(0, timeoutNanos));
        switch (kind) {
            case "Lock" -> {
                Lock lock = (Lock) primitive;
                waiting.set();
                boolean got = true;
                if (timed) {
                    got = lock.tryLock(timeout);
                } else {
                    lock.lock();
                }
                if (got) {
                    lock.unlock();
                }
                return pythonBool(got);
            }
            case "RLock" -> {
                RLock lock = (RLock) primitive;
                waiting.set();
                boolean got = true;
                if (timed) {
                    got = lock.tryLock(timeout);
                } else {
                    lock.lock();
                }
                if (got) {
                    lock.unlock();
                }
                return pythonBool(got);
            }
            case "Condition" -> {
                Condition condition = (Condition) primitive;
                try (var held = condition.guard()) {
                    waiting.set();
                    if (timed) {
                        return pythonBool(condition.await(timeout));
                    }
                    condition.await();
                    return "True";
                }
            }
            case "Semaphore", "BoundedSemaphore" -> {
                Semaphore semaphore = (Semaphore) primitive;
                waiting.set();
                if (timed) {
                    return pythonBool(semaphore.tryAcquire(timeout));
                }
                semaphore.acquire();
                return "True";
            }
            case "Event" -> {
                Event event = (Event) primitive;
                waiting.set();
                return pythonBool(timed ? event.await(timeout) : event.await());
            }
            case "Barrier" -> {
                Barrier barrier = (Barrier) primitive;
                waiting.set();
                try {
                    return Long.toString(timed ? barrier.await(timeout) : barrier.await());
                } catch (BrokenBarrierException e) {
                    return "broken";
                }
            }
            case "Thread" -> {
                JThread thread = (JThread) primitive;
                waiting.set();
                if (timed) {
                    return pythonBool(thread.join(timeout));
                }
                thread.join();
                return pythonBool(!thread.isAlive());
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    /**
     * Starts a Java thread that wakes a waiter on {@code primitive}: it first prepares (takes
     * the Lock, RLock or BoundedSemaphore's permit) and sets {@code prepared}, waits for
     * {@code go}, then wakes (releases, notifies, sets, arrives at the Barrier). {@code result}
     * gets "woke", or for a Barrier its arrival index or "broken".
     */
    public static Thread startWaker(String kind, Object primitive, Event prepared, Event go,
                                    AtomicReference<String> result) {
        return JavaWorkers.start("java-matrix-waker", () -> {
            try {
                result.set(wake(kind, primitive, prepared, go));
            } catch (Throwable error) {
                result.set("error: " + error);
            }
        });
    }

    private static String wake(String kind, Object primitive, Event prepared, Event go)
            throws Exception {
        switch (kind) {
            case "Lock" -> {
                Lock lock = (Lock) primitive;
                lock.lock();
                prepared.set();
                JavaWorkers.awaitOrFail(go);
                lock.unlock();
            }
            case "RLock" -> {
                RLock lock = (RLock) primitive;
                lock.lock();
                lock.lock(); // held twice: waking takes both releases
                prepared.set();
                JavaWorkers.awaitOrFail(go);
                lock.unlock();
                lock.unlock();
            }
            case "Condition" -> {
                Condition condition = (Condition) primitive;
                prepared.set();
                JavaWorkers.awaitOrFail(go);
                try (var held = condition.guard()) {
                    condition.signal();
                }
            }
            case "Semaphore" -> {
                prepared.set();
                JavaWorkers.awaitOrFail(go);
                ((Semaphore) primitive).release();
            }
            case "BoundedSemaphore" -> {
                Semaphore semaphore = (Semaphore) primitive;
                if (!semaphore.tryAcquire(BOUND)) {
                    return "error: could not take the permit";
                }
                prepared.set();
                JavaWorkers.awaitOrFail(go);
                semaphore.release();
            }
            case "Event" -> {
                prepared.set();
                JavaWorkers.awaitOrFail(go);
                ((Event) primitive).set();
            }
            case "Barrier" -> {
                prepared.set();
                JavaWorkers.awaitOrFail(go);
                try {
                    return Long.toString(((Barrier) primitive).await(BOUND));
                } catch (BrokenBarrierException e) {
                    return "broken";
                }
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        return "woke";
    }

    /** Starts a Java thread that takes {@code condition}'s lock and calls {@code notify(n)}. */
    public static Thread startNotifier(Condition condition, long n) {
        return JavaWorkers.start("java-notifier", () -> {
            try (var held = condition.guard()) {
                condition.notify(n);
            }
        });
    }

    /**
     * A thread body in Java (the "Thread" row, Java wakes): sets {@code prepared}, waits for
     * {@code go}, stores "woke" and returns, which ends the thread and wakes its joiners.
     */
    public static Runnable bodyUntil(Event prepared, Event go, AtomicReference<String> result) {
        return () -> {
            prepared.set();
            JavaWorkers.awaitOrFail(go);
            result.set("woke");
        };
    }

    /** A {@link JThread} made in Java whose Java target runs {@link #bodyUntil}; not started. */
    public static JThread newJThreadUntil(String name, Event prepared, Event go,
                                          AtomicReference<String> result) {
        return new JThread(bodyUntil(prepared, go, result), name, true);
    }

    // ---- Identity ------------------------------------------------------------------------

    /** What Java sees of the calling thread. */
    public record ThreadView(String name, Long ident, Long nativeId, boolean daemon,
                             boolean alive, String javaName, long getIdent, long getNativeId,
                             boolean javaDaemon) {
    }

    /** The calling thread as Java sees it: {@link Threads#current()} and java.lang.Thread. */
    public static ThreadView currentView() {
        JThread current = Threads.current();
        java.lang.Thread self = java.lang.Thread.currentThread();
        return new ThreadView(current.getName(), current.ident(), current.nativeId(),
                current.isDaemon(), current.isAlive(), self.getName(), Threads.getIdent(),
                Threads.getNativeId(), self.isDaemon());
    }

    /**
     * A Java target that stores {@link #currentView()} in {@code view}, then runs
     * {@code thenRun} (a Python callable, say, or {@code null}), then waits for {@code release}
     * (if not {@code null}) so that the thread stays alive while the test looks at it.
     */
    public static Runnable viewRecorder(AtomicReference<ThreadView> view, Runnable thenRun,
                                        Event release) {
        return () -> {
            view.set(currentView());
            if (thenRun != null) {
                thenRun.run();
            }
            if (release != null) {
                JavaWorkers.awaitOrFail(release);
            }
        };
    }

    /** A JThread made in Java (name {@code null}: "Thread-N"; daemon {@code null}: inherited). */
    public static JThread newJThread(Runnable target, String name, Boolean daemon) {
        return new JThread(target, name, daemon);
    }

    /**
     * Starts {@code thread} from Java code on a Java thread of its own (a plain daemon
     * java.lang.Thread), as a Java program would; returns once {@code JavaWorkers.start()} returned.
     * {@code null} if it worked, else the exception JavaWorkers.start() threw.
     */
    public static Throwable startFromJava(JThread thread) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread starter = JavaWorkers.start("java-starter", () -> {
            try {
                thread.start();
            } catch (Throwable error) {
                failure.set(error);
            }
        });
        if (!join(starter)) {
            return new IllegalStateException("JavaWorkers.start() did not return");
        }
        return failure.get();
    }

    /** Idents of every thread {@link Threads#enumerate()} lists, sorted. */
    public static long[] enumerateIdents() {
        List<JThread> threads = Threads.enumerate();
        return threads.stream().mapToLong(JThread::ident).sorted().toArray();
    }

    /** Ident of a java.lang.Thread (its id). */
    public static long identOf(Thread thread) {
        return Threads.identOf(thread);
    }

    // ---- Callbacks -----------------------------------------------------------------------

    /** Starts a plain Java thread that runs {@code body} (a Python callable, say) once. */
    public static Thread startRunner(Runnable body, AtomicReference<String> failure) {
        return JavaWorkers.start("java-runner", () -> {
            try {
                body.run();
            } catch (Throwable error) {
                failure.set(String.valueOf(error));
            }
        });
    }

    /**
     * Starts a Java thread that holds {@code condition} and waits (bounded) until
     * {@code predicate} (a Python callable, say) is true; {@code result} gets "True" or "False"
     * (waitFor's result), or the error.
     */
    public static Thread startPredicateWaiter(Condition condition,
                                              java.util.function.BooleanSupplier predicate,
                                              Event started, AtomicReference<String> result) {
        return JavaWorkers.start("java-predicate-waiter", () -> {
            try (var held = condition.guard()) {
                started.set();
                result.set(pythonBool(condition.waitFor(predicate, BOUND)));
            } catch (Throwable error) {
                result.set("error: " + error);
            }
        });
    }

    /**
     * A Barrier made in Java whose action is Java code: it counts its runs in {@code runs} and
     * stores the ident of the thread that runs it in {@code ranOn}.
     */
    public static Barrier barrierWithJavaAction(long parties, AtomicInteger runs,
                                                AtomicLong ranOn) {
        return new Barrier(parties, () -> {
            runs.incrementAndGet();
            ranOn.set(Threads.getIdent());
        });
    }

    /** A Java Runnable that stores the ident and Java name of the thread running it. */
    public static Runnable identRecorder(AtomicLong ident, AtomicReference<String> javaName) {
        return () -> {
            ident.set(Threads.getIdent());
            javaName.set(java.lang.Thread.currentThread().getName());
        };
    }

    // ---- Shared local --------------------------------------------------------------------

    /** Java values of each kind a SharedLocal carries, by name. */
    public static Object javaValue(String kind) {
        return switch (kind) {
            case "int" -> 42L;
            case "float" -> 2.5d;
            case "str" -> "from Java";
            case "bool" -> Boolean.TRUE;
            case "None" -> null;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Sets {@code name} to the Java value of {@code kind} (see {@link #javaValue}). */
    public static void setJavaValue(SharedLocal local, String name, String kind) {
        local.set(name, javaValue(kind));
    }

    /** Sets {@code name} to {@code value} as Java holds it. */
    public static void set(SharedLocal local, String name, Object value) {
        local.set(name, value);
    }

    /** What Java reads: "Class:value", "null", or "missing" if the thread has no such value. */
    public static String describe(SharedLocal local, String name) {
        if (!local.has(name)) {
            return "missing";
        }
        Object value = local.get(name);
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }

    /** {@code local.get(name) == expected} (Java identity). */
    public static boolean holdsSame(SharedLocal local, String name, Object expected) {
        return local.get(name) == expected;
    }

    /** Reads {@code name} and stores it back under {@code copyName}; returns what it read. */
    public static Object copy(SharedLocal local, String name, String copyName) {
        Object value = local.get(name);
        local.set(copyName, value);
        return value;
    }

    /** delete(name): "deleted", or the exception's class and message. */
    public static String delete(SharedLocal local, String name) {
        try {
            local.delete(name);
            return "deleted";
        } catch (NoSuchElementException e) {
            return "NoSuchElementException: " + e.getMessage();
        }
    }

    /** get(name): the value's description, or the exception's class and message. */
    public static String getOrError(SharedLocal local, String name) {
        try {
            Object value = local.get(name);
            return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
        } catch (NoSuchElementException e) {
            return "NoSuchElementException: " + e.getMessage();
        }
    }

    /**
     * On a plain Java thread, attached for the duration ({@link PythonRuntime#runAttached}):
     * whether it sees {@code name} at first, then sets it to {@code value} and reads it back.
     * Returns "firstHas=...;after=...".
     */
    public static String useOnPlainJavaThread(SharedLocal local, String name, String value)
            throws InterruptedException {
        AtomicReference<String> outcome = new AtomicReference<>("not run");
        Thread worker = JavaWorkers.start("java-local-user", () -> {
            try {
                PythonRuntime.runAttached(() -> {
                    boolean had = local.has(name);
                    local.set(name, value);
                    outcome.set("firstHas=" + had + ";after=" + describe(local, name));
                });
            } catch (Throwable error) {
                outcome.set("error: " + error);
            }
        });
        if (!join(worker)) {
            return "error: timed out";
        }
        return outcome.get();
    }

    // ---- Helpers -------------------------------------------------------------------------

    /** Joins with a bound; {@code false} if the thread is still alive afterwards. */
    public static boolean join(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
        return !thread.isAlive();
    }

    private static String pythonBool(boolean value) {
        return value ? "True" : "False";
    }
}
