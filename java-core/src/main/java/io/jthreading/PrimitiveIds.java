package io.jthreading;

import java.util.concurrent.atomic.AtomicLong;

/** Process-unique ids, so the Python side can keep one Python object per Java primitive. */
final class PrimitiveIds {
    private static final AtomicLong NEXT = new AtomicLong();

    private PrimitiveIds() {
    }

    static long next() {
        return NEXT.incrementAndGet();
    }
}
