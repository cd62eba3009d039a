package io.jthreading;

import java.time.Duration;

/**
 * Python's {@code threading.Timer}: a {@link JThread} that calls a function after an interval
 * unless {@link #cancel()}ed first. {@link #finished()} is the Event that cancel sets.
 */
public class Timer extends JThread {
    private final Event finished = new Event();
    private final Runnable function;
    private final long intervalNanos;

    /** A timer that runs {@code function} {@code interval} after start. */
    public Timer(Duration interval, Runnable function) {
        this(Timeouts.javaWaitNanos(Timeouts.durationToNanos(interval)), function);
    }

    public Timer(long intervalNanos, Runnable function) {
        this(intervalNanos, function, null, null);
    }

    /** With a name ({@code null}: "Thread-N") and daemon flag ({@code null}: the current thread's). */
    public Timer(long intervalNanos, Runnable function, String name, Boolean daemon) {
        super(null, name, daemon);
        this.intervalNanos = intervalNanos;
        this.function = function;
    }

    /**
     * For the Python façade: {@code body} is the whole run (Python's Timer reads its own
     * {@code interval} and {@code function} attributes when it runs, as CPython's does, and
     * waits with {@link #awaitDue}); {@link #finished()} and {@link #cancel()} are shared.
     */
    public Timer(Runnable body, String name, Boolean daemon) {
        super(body, name, daemon);
        this.intervalNanos = 0;
        this.function = null;
    }

    /** {@code cancel()}: the function will not run if it has not started yet. */
    public void cancel() {
        finished.set();
    }

    /** {@code finished}. */
    public Event finished() {
        return finished;
    }

    /** Waits out the interval ({@link Timeouts#FOREVER}: until cancelled); {@code true} if still due. */
    public boolean awaitDue(long nanos) throws InterruptedException {
        if (nanos == Timeouts.FOREVER) {
            finished.await();
        } else {
            finished.awaitNanos(nanos);
        }
        return !finished.isSet();
    }

    @Override
    public void run() {
        if (function == null) {
            super.run(); // a Python Timer's body (or nothing to call)
            return;
        }
        try {
            if (awaitDue(intervalNanos) && function != null) {
                function.run();
            }
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        } finally {
            finished.set();
        }
    }
}
