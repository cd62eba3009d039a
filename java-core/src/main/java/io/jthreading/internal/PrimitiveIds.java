package io.jthreading.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-unique ids of the Java objects Python sees through a façade (primitives, threads,
 * queues), so the Python side can keep one Python object per Java object.
 */
public final class PrimitiveIds {
    private static final AtomicLong NEXT = new AtomicLong();

    private PrimitiveIds() {
    }

    public static long next() {
        return NEXT.incrementAndGet();
    }
}
