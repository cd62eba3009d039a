package io.jthreading.stress;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The state a lock-like primitive (Lock, RLock, Semaphore, BoundedSemaphore) guards, and its
 * invariants. Threads of both languages take the primitive their own language's way, then call
 * {@link #critical}: mutual exclusion is an "inside" count that never exceeds the permits, and
 * the count of increments is exact (a plain read-modify-write when one thread at a time may be
 * inside, so a broken exclusion loses increments).
 */
public final class GuardedCounter {
    private final String kind;
    private final int permits;
    private final Checks checks;
    private final AtomicInteger inside = new AtomicInteger();
    private long plain; // permits == 1: guarded by the primitive only
    private final AtomicLong shared = new AtomicLong(); // permits > 1
    private final AtomicLongArray perWorker;

    public GuardedCounter(String kind, int permits, int workers, Checks checks) {
        this.kind = kind;
        this.permits = permits;
        this.checks = checks;
        this.perWorker = new AtomicLongArray(workers);
    }

    public String kind() {
        return kind;
    }

    public int permits() {
        return permits;
    }

    /** Called with the primitive held by worker {@code worker}. */
    public void critical(int worker) {
        int now = inside.incrementAndGet();
        if (!checks.check(now <= permits, kind + ": " + now + " threads inside, " + permits
                + " allowed")) {
            inside.decrementAndGet();
            return;
        }
        if (permits == 1) {
            plain = plain + 1;
        } else {
            shared.incrementAndGet();
        }
        perWorker.incrementAndGet(worker);
        inside.decrementAndGet();
    }

    /**
     * Called with every permit held (so nobody is inside): the count equals the sum of what
     * each worker added.
     */
    public void checkExact(String when) {
        long sum = 0;
        for (int i = 0; i < perWorker.length(); i++) {
            sum += perWorker.get(i);
        }
        long count = permits == 1 ? plain : shared.get();
        checks.check(inside.get() == 0, kind + " (" + when + "): " + inside.get()
                + " threads inside while the checker holds every permit");
        checks.check(count == sum, kind + " (" + when + "): count " + count + ", workers added "
                + sum);
    }

    public long count() {
        return permits == 1 ? plain : shared.get();
    }
}
