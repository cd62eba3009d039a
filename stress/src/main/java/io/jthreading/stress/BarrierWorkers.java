package io.jthreading.stress;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.jthreading.Barrier;
import io.jthreading.JThread;

/**
 * A Java party of a Barrier shared with Python parties. The barrier's action (Python's or
 * Java's) counts generations in {@code actions} before any party leaves, so after its k-th
 * pass a party sees exactly k actions. The action sets {@code finished} once the run stops,
 * so every party leaves after the same generation.
 */
public final class BarrierWorkers {
    private BarrierWorkers() {
    }

    public static JThread start(String kind, int worker, Barrier barrier, AtomicLong actions,
                                AtomicBoolean finished, Operations ops, Checks checks) {
        long[] passes = {0};
        return JavaLoop.start("stress-java-" + kind + "-" + worker, checks, () -> {
            barrier.await(Bound.WAIT); // a timeout breaks the barrier: BrokenBarrierException
            passes[0]++;
            long seen = actions.get();
            checks.check(seen == passes[0], kind + ": a Java party passed " + passes[0]
                    + " times and saw " + seen + " actions");
            ops.add(kind, "java", 1);
            return !finished.get();
        });
    }

    /** A Java action for a Barrier made in Java: counts, and ends the run's last generation. */
    public static Runnable action(AtomicLong actions, AtomicBoolean finished,
                                  io.jthreading.Event stop) {
        return () -> {
            actions.incrementAndGet();
            if (stop.isSet()) {
                finished.set(true);
            }
        };
    }

    public static Barrier javaBarrier(long parties, Runnable action) {
        return new Barrier(parties, action);
    }
}
