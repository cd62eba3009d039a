package io.jthreading.stress;

import io.jthreading.Event;
import io.jthreading.JThread;

/**
 * A Java worker of a stress run: a JThread (daemon, so a hung worker cannot keep the process
 * alive after the report) that runs its body until the body returns false or {@code stop} is
 * set. Anything thrown is an invariant failure, as is an interrupt nobody asked for.
 */
final class JavaLoop {
    interface Body {
        /** One batch of operations; false: done. */
        boolean batch() throws Exception;
    }

    private JavaLoop() {
    }

    static JThread start(String name, Event stop, Checks checks, Body body) {
        return start(name, checks, () -> !stop.isSet() && body.batch());
    }

    /** A worker that decides itself when to end (queue consumers, barrier parties). */
    static JThread start(String name, Checks checks, Body body) {
        JThread thread = new JThread(() -> {
            try {
                while (body.batch()) {
                    // the body does the work
                }
            } catch (Throwable e) {
                checks.fail(name + ": " + e);
            }
        }, name, true);
        thread.start();
        return thread;
    }
}
