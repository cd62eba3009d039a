package io.jthreading.testkit;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.jthreading.Barrier;
import io.jthreading.Condition;
import io.jthreading.Event;
import io.jthreading.Guard;
import io.jthreading.Lock;
import io.jthreading.RLock;
import io.jthreading.Semaphore;

/**
 * Java threads that tests and demos written in Python start, so that the other side of a
 * cross-language test really is Java code on a Java thread. Every wait is bounded.
 *
 * <p>Shared values are Atomic* holders used only through get/set: Jep copies Java arrays when
 * Python indexes them, so a long[] would not show one side's writes to the other. A get then set
 * is still a non-atomic read-modify-write, which is what the shared lock has to protect.
 */
public final class JavaWorkers {
    private static final long BOUND_SECONDS = 30;

    private JavaWorkers() {
    }

    /**
     * Starts a Java thread that adds 1 to {@code counter} {@code times} times under
     * {@code guarding}: a jthreading Lock, RLock (taken twice: nested) or Semaphore.
     */
    public static Thread startIncrementer(Object guarding, AtomicLong counter, int times, Event go) {
        return start("java-incrementer", () -> {
            awaitOrFail(go);
            for (int i = 0; i < times; i++) {
                try (var held = guard(guarding)) {
                    counter.set(counter.get() + 1); // not atomic on purpose: the guard protects it
                }
            }
        });
    }

    private static Guard guard(Object primitive) {
        if (primitive instanceof Lock) {
            return ((Lock) primitive).guard();
        }
        if (primitive instanceof RLock) {
            Guard outer = ((RLock) primitive).guard();
            Guard inner = ((RLock) primitive).guard();
            return () -> {
                inner.close();
                outer.close();
            };
        }
        return ((Semaphore) primitive).guard();
    }

    /** Starts a Java thread that waits for {@code ready}, then sets {@code target}. */
    public static Thread startSetterAfter(Event ready, Event target) {
        return start("java-setter", () -> {
            awaitOrFail(ready);
            target.set();
        });
    }

    /** Starts a Java thread that sets {@code started}, then waits (bounded) on {@code target};
     * {@code result} is what the wait returned. */
    public static Thread startWaiter(Event started, Event target, AtomicBoolean result) {
        return start("java-waiter", () -> {
            started.set();
            try {
                result.set(target.await(BOUND_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Starts a Java thread that takes {@code lock}, sets {@code held}, waits for {@code release}
     * and releases the lock. */
    public static Thread startHolder(Lock lock, Event held, Event release) {
        return start("java-holder", () -> {
            lock.lock();
            try {
                held.set();
                awaitOrFail(release);
            } finally {
                lock.unlock();
            }
        });
    }

    /** Starts a Java thread that waits (bounded) at {@code barrier}; {@code index} gets its
     * arrival index, or -1 if the barrier broke. */
    public static Thread startBarrierParty(Barrier barrier, AtomicLong index) {
        return start("java-party", () -> {
            try {
                index.set(barrier.await(Duration.ofSeconds(BOUND_SECONDS)));
            } catch (BrokenBarrierException e) {
                index.set(-1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Starts a Java thread that waits on {@code condition} until {@code flag} is true, then sets
     * {@code done}; {@code started} is set once it holds the condition's lock. */
    public static Thread startConditionWaiter(Condition condition, AtomicBoolean flag,
                                              Event started, Event done) {
        return start("java-condition-waiter", () -> {
            try (var held = condition.guard()) {
                started.set();
                if (condition.waitFor(flag::get, Duration.ofSeconds(BOUND_SECONDS))) {
                    done.set();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Starts a Java thread that plays the odd turns of a ping-pong on {@code condition}: for each
     * of {@code rounds}, it waits (bounded) until {@code turn} is odd, adds 1 and notifies once.
     * The other side plays the even turns. {@code failed} is set if a wait timed out (a lost
     * notification).
     */
    public static Thread startConditionPingPong(Condition condition, AtomicLong turn, int rounds,
                                                AtomicBoolean failed) {
        return start("java-condition-pingpong", () -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    try (var held = condition.guard()) {
                        if (!condition.waitFor(() -> turn.get() % 2 == 1,
                                Duration.ofSeconds(BOUND_SECONDS))) {
                            failed.set(true);
                            return;
                        }
                        turn.set(turn.get() + 1);
                        condition.notify(1);
                    }
                }
            } catch (InterruptedException e) {
                failed.set(true);
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Starts a Java thread that takes a permit of {@code semaphore} (bounded), then sets
     * {@code acquired}. */
    public static Thread startSemaphoreTaker(Semaphore semaphore, Event acquired) {
        return start("java-semaphore-taker", () -> {
            try {
                if (semaphore.tryAcquire(Duration.ofSeconds(BOUND_SECONDS))) {
                    acquired.set();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Joins with a bound; {@code false} if the thread is still alive afterwards. */
    public static boolean join(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
        return !thread.isAlive();
    }

    /** A daemon Java thread running {@code body} (the test kits' one way to start threads). */
    static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true); // a failing test must not keep the JVM alive
        thread.start();
        return thread;
    }

    /** Waits (bounded) for {@code event}; throws if it is not set in time. */
    static void awaitOrFail(Event event) {
        try {
            if (!event.await(BOUND_SECONDS)) {
                throw new IllegalStateException("timed out waiting for an event");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
