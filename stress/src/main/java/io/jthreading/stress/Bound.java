package io.jthreading.stress;

import java.time.Duration;

/**
 * How long any wait of a stress run may take before it counts as a lost wake-up: far beyond
 * any scheduling delay on a loaded machine, so that a timeout means nobody woke the waiter.
 */
public final class Bound {
    public static final long SECONDS = 60;
    public static final Duration WAIT = Duration.ofSeconds(SECONDS);
    public static final long NANOS = WAIT.toNanos();

    private Bound() {
    }
}
