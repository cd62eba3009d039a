package io.jthreading.internal;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

import io.jthreading.Timeouts;

/**
 * The state machine of an Event, in a {@link SharedWord}: bit 0 is the flag, the other 31 bits
 * count the times the flag was set (the generation).
 *
 * <p>A waiter remembers the generation it saw before parking and wakes when the flag is set
 * <em>or</em> the generation moved on. That is CPython's guarantee (gh-57711) that {@code wait()}
 * returns {@code true} even when {@code clear()} follows {@code set()} before the waiter runs.
 * Waiters queue in AQS's shared mode, so one release wakes them all.
 */
public final class EventSync extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;
    private static final int FLAG = 1;

    private final transient SharedWord word = new SharedWord();

    /** The public event: what its waiters are recorded as waiting on. */
    private final transient Object primitive;

    public EventSync(Object primitive) {
        this.primitive = primitive;
    }

    public SharedWord word() {
        return word;
    }

    public boolean isSet() {
        return (word.get() & FLAG) != 0;
    }

    /** Sets the flag, starts a new generation and wakes every waiter. */
    public void set() {
        for (;;) {
            int state = word.get();
            if ((state & FLAG) != 0) {
                return;
            }
            if (word.compareAndSet(state, (state + 2) | FLAG)) {
                releaseShared(0);
                return;
            }
        }
    }

    public void clear() {
        for (;;) {
            int state = word.get();
            if ((state & FLAG) == 0 || word.compareAndSet(state, state & ~FLAG)) {
                return;
            }
        }
    }

    /** Waits until set, ignoring interrupts (they stay pending). */
    public void awaitUninterruptibly() {
        int state = word.get();
        if ((state & FLAG) == 0) {
            Waits.Wait wait = Waits.enter(primitive, "wait");
            try {
                acquireShared(state >>> 1);
            } finally {
                Waits.exit(wait);
            }
        }
    }

    /** Waits for a set; {@code waitNanos} as for locks ({@link Timeouts#FOREVER}, 0, positive). */
    public boolean await(long waitNanos) throws InterruptedException {
        int state = word.get();
        if ((state & FLAG) != 0) {
            return true;
        }
        if (waitNanos == 0) {
            return false;
        }
        int generation = state >>> 1;
        Waits.Wait wait = Waits.enter(primitive, "wait");
        try {
            if (Timeouts.isEffectivelyForever(waitNanos)) {
                acquireSharedInterruptibly(generation);
                return true;
            }
            return tryAcquireSharedNanos(generation, waitNanos);
        } finally {
            Waits.exit(wait);
        }
    }


    @Override
    protected int tryAcquireShared(int generationSeen) {
        int state = word.get();
        return ((state & FLAG) != 0 || (state >>> 1) != generationSeen) ? 1 : -1;
    }

    @Override
    protected boolean tryReleaseShared(int ignored) {
        return true;
    }
}
