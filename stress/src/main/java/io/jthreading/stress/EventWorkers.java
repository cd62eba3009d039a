package io.jthreading.stress;

import io.jthreading.Event;
import io.jthreading.JThread;

/**
 * One side of an Event ping-pong with a Python thread: the pinger sets {@code ping} and waits
 * for {@code pong}; the ponger waits for {@code ping}, clears it and sets {@code pong}. Every
 * round both wait, bounded: a timeout is a lost wake-up. The stop sets both Events.
 */
public final class EventWorkers {
    private static final int BATCH = 50;

    private EventWorkers() {
    }

    public static JThread start(boolean pinger, Event ping, Event pong, Event stop,
                                Operations ops, Checks checks) {
        String name = "stress-java-Event-" + (pinger ? "pinger" : "ponger");
        return JavaLoop.start(name, checks, () -> {
            for (int i = 0; i < BATCH; i++) {
                if (stop.isSet()) { // before each wait: the stop's set() comes after this check
                    return false;
                }
                if (pinger) {
                    ping.set();
                }
                Event awaited = pinger ? pong : ping;
                boolean set = awaited.await(Bound.WAIT);
                if (stop.isSet()) {
                    return false;
                }
                if (!checks.check(set, "Event: a Java " + (pinger ? "pinger" : "ponger") + " waited "
                        + Bound.SECONDS + " s (lost wake-up)")) {
                    return false;
                }
                awaited.clear();
                if (!pinger) {
                    pong.set();
                }
            }
            ops.add("Event", "java", BATCH);
            return true;
        });
    }
}
