package io.jthreading.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import io.jthreading.Threads;

/**
 * Who waits on which primitive, for the thread dump and the deadlock finder.
 *
 * <p>Recorded only where a thread is about to park (the slow paths, in Java): the fast paths,
 * Java's and C's, never get here, so an uncontended program pays nothing. A thread has at most
 * one record; when a wait is made of an inner wait (a Condition parks on a private Lock, a join
 * on an Event), the outer one is recorded and the inner {@link #enter} is a no-op.
 *
 * <p>Readers see a snapshot without locks: a record may be a moment stale, which is why the
 * deadlock finder confirms what it found with a second look.
 */
public final class Waits {
    /** One thread waiting on one primitive since {@code sinceNanos} ({@link System#nanoTime()}). */
    public record Wait(Thread thread, long ident, Object primitive, String operation,
                       long sinceNanos) {
        /** The threads holding the primitive as far as it knows (see {@link Held}). */
        public long[] holders() {
            return primitive instanceof Held held ? held.holderIdents() : Held.NONE;
        }
    }

    private static final ConcurrentHashMap<Thread, Wait> WAITING = new ConcurrentHashMap<>();

    private Waits() {
    }

    /**
     * Records the calling thread as waiting on {@code primitive}; returns the record to pass to
     * {@link #exit}, or {@code null} if the thread already waits in an outer wait.
     */
    public static Wait enter(Object primitive, String operation) {
        Thread self = Thread.currentThread();
        NativeIds.remember(self);
        Wait wait = new Wait(self, Threads.identOf(self), primitive, operation, System.nanoTime());
        return WAITING.putIfAbsent(self, wait) == null ? wait : null;
    }

    /** Ends the wait {@link #enter} recorded (nothing for {@code null}). */
    public static void exit(Wait wait) {
        if (wait != null) {
            WAITING.remove(wait.thread(), wait);
        }
    }

    /** Every recorded wait now. */
    public static List<Wait> snapshot() {
        return new ArrayList<>(WAITING.values());
    }

    /** The thread's wait now, or {@code null}. */
    public static Wait of(Thread thread) {
        return WAITING.get(thread);
    }
}
