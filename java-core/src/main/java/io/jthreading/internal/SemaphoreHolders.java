package io.jthreading.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which threads hold a semaphore's permits, as far as Java saw: for the thread dump and the
 * deadlock finder ("Semaphore holders where known").
 *
 * <p>A few slots, each 0 or the ident of a thread holding one permit: a take claims a free slot
 * with one CAS, a give frees one, nothing is allocated (a take and a give are a semaphore's hot
 * path). When every slot is taken, further holders go unnamed.
 *
 * <p>Only takes and gives that go through Java are seen; the native fast path takes and gives
 * permits in C. So that no holder is left behind by a give Java did not see, the number of
 * holdings named here is mirrored into the semaphore's memory ({@link SemaphoreSync}'s
 * TRACKED), and C gives no permit back itself while it is not 0: Java then does, and forgets a
 * holding. A permit given back by another thread than the one that took it (a semaphore has no
 * owner) forgets the giver's holding if it has one, else any one: the count stays right, the
 * names may not.
 */
final class SemaphoreHolders {
    private static final int SLOTS = 8;
    private static final long FREE = 0; // idents are Java thread ids, never 0

    private final AtomicLongArray slots = new AtomicLongArray(SLOTS);

    /** The thread {@code ident} took a permit; {@code false} when every slot is taken. */
    boolean took(long ident) {
        for (int i = 0; i < SLOTS; i++) {
            if (slots.get(i) == FREE && slots.compareAndSet(i, FREE, ident)) {
                return true;
            }
        }
        return false;
    }

    /** {@code n} permits were given back by {@code ident}; returns how many holdings went. */
    int gave(long ident, long n) {
        int forgotten = 0;
        while (forgotten < n && (forget(ident) || forget(FREE))) {
            forgotten++;
        }
        return forgotten;
    }

    /** Frees a slot holding {@code ident} ({@link #FREE}: any taken slot). */
    private boolean forget(long ident) {
        for (int i = 0; i < SLOTS; i++) {
            long holder = slots.get(i);
            if (holder != FREE && (ident == FREE || holder == ident)
                    && slots.compareAndSet(i, holder, FREE)) {
                return true;
            }
        }
        return false;
    }

    /** The idents holding permits now (a racy snapshot; one per thread). */
    long[] idents() {
        long[] found = new long[SLOTS];
        int count = 0;
        for (int i = 0; i < SLOTS; i++) {
            long holder = slots.get(i);
            boolean seen = holder == FREE;
            for (int j = 0; j < count && !seen; j++) {
                seen = found[j] == holder;
            }
            if (!seen) {
                found[count++] = holder;
            }
        }
        return java.util.Arrays.copyOf(found, count);
    }
}
