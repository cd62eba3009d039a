package io.jthreading.python;

import jep.Interpreter;
import jep.JepException;

/**
 * Delivers Ctrl-C to the thread running the script as CPython does: {@code KeyboardInterrupt}
 * there, whether it is blocked in a jthreading wait or running Python code.
 *
 * <p>The JVM owns SIGINT; Python's {@code signal} module cannot help, since the script does not
 * run on the thread CPython calls main. So the {@link Launcher} handles SIGINT in Java and calls
 * {@link #signalled()}, which marks a SIGINT <em>pending</em> and wakes a delivery thread. While
 * the SIGINT is pending, that thread looks at the script thread:
 * <ul>
 * <li>blocked in Java (a jthreading wait called from Python): it interrupts it; the wait throws
 *     {@code InterruptedException}, which {@code jthreading._border.python_error} turns into
 *     {@code KeyboardInterrupt} after taking the pending SIGINT ({@link #interruptSurfaced});</li>
 * <li>running (Python code, or native code such as {@code time.sleep}): it queues
 *     {@code KeyboardInterrupt} with {@code PyThreadState_SetAsyncExc} (through its own attachment
 *     to the script's interpreter, opened when it starts), which Python raises at the script's
 *     next bytecode check; raising it takes the pending SIGINT ({@link #keyboardInterruptRaised}).</li>
 * </ul>
 * It keeps looking until the SIGINT is taken, so a script that enters a wait just after the
 * exception was queued is interrupted there. Both ways of taking it run under this object's
 * monitor, as does queueing, so a SIGINT raises one {@code KeyboardInterrupt}: whoever takes it
 * through an interrupted wait cancels a queued one, and the interrupt status this class set is
 * cleared with it. Signals that come while one is pending merge with it, as in CPython.
 *
 * <p>Deadlock-free although queueing takes the GIL under the monitor: Python reaches the monitor
 * only through Jep calls, which release the GIL first.
 *
 * <p>Without a started delivery (a Java host embedding Python), {@link #interruptSurfaced} still
 * serves Python's waits: a Java interrupt is an {@code InterruptedError}, its status cleared.
 *
 * <p>The environment variable {@code JTHREADING_SIGINT_TRACE} (any value) makes it report each
 * step on standard error, with the time since the signal.
 */
public final class SigintDelivery {
    /** How often the delivery thread looks while a SIGINT is pending. */
    private static final long POLL_MILLIS = 5;
    /** How long an interrupted script thread may take to reach Python before the fallback. */
    private static final long GRACE_NANOS = 50_000_000L;
    private static final boolean TRACE = System.getenv("JTHREADING_SIGINT_TRACE") != null;

    private static volatile SigintDelivery installed;

    private final Thread script;
    private final Interpreter anchor;
    private final Thread deliverer;

    // Guarded by this.
    private boolean pending;
    private boolean interruptSent;
    private long interruptSentAt;
    private boolean asyncQueued;
    private boolean asyncFailed;
    private boolean finished;
    private boolean closed;
    private long signalledAt;
    /** The delivery thread's own interpreter; used and closed on that thread only. */
    private Interpreter attached;

    private SigintDelivery(Thread script, Interpreter anchor) {
        this.script = script;
        this.anchor = anchor;
        this.deliverer = new Thread(this::deliverLoop, "jthreading SIGINT delivery");
        deliverer.setDaemon(true);
    }

    /**
     * Ctrl-C is to become KeyboardInterrupt in the calling thread, which runs the script in
     * {@code interpreter} (open on this thread, e.g. {@link EmbeddedPython#jep()}); the caller
     * handles SIGINT by calling {@link #signalled()}. One at a time.
     */
    public static synchronized SigintDelivery start(Interpreter interpreter) {
        if (installed != null) {
            throw new IllegalStateException("SIGINT delivery is already started");
        }
        SigintDelivery delivery = new SigintDelivery(Thread.currentThread(), interpreter);
        delivery.deliverer.start();
        installed = delivery;
        return delivery;
    }

    /** A SIGINT came (called from the JVM's signal handler thread). */
    public void signalled() {
        synchronized (this) {
            if (finished || closed) {
                return;
            }
            pending = true;
            interruptSent = false; // a new Ctrl-C tries anew
            asyncQueued = false;
            signalledAt = System.nanoTime();
            notifyAll();
        }
    }

    /** Ends the delivery thread (closing its interpreter), waiting a little for it. */
    public void stop() {
        synchronized (SigintDelivery.class) {
            if (installed == this) {
                installed = null;
            }
        }
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            deliverer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- Called from Python (jthreading._sigint) -----------------------------------------

    /**
     * Where an {@code InterruptedException} from a jthreading wait surfaces in Python: clears the
     * calling thread's interrupt status (the exception has been raised) and takes a pending
     * SIGINT if this is the script thread. {@code true}: raise KeyboardInterrupt (and cancel a
     * queued one), else InterruptedError.
     */
    public static boolean interruptSurfaced() {
        Thread.interrupted();
        SigintDelivery delivery = installed;
        return delivery != null && delivery.take(true);
    }

    /** The queued KeyboardInterrupt is being raised in the script thread: takes the SIGINT. */
    public static void keyboardInterruptRaised() {
        SigintDelivery delivery = installed;
        if (delivery != null) {
            delivery.take(false);
        }
    }

    /** The runner is about to run the script: takes a SIGINT that came before. */
    public static boolean takePending() {
        SigintDelivery delivery = installed;
        return delivery != null && delivery.take(false);
    }

    /** The script and the wait for its threads are over: no KeyboardInterrupt from now on. */
    public static void scriptFinished() {
        SigintDelivery delivery = installed;
        if (delivery != null) {
            synchronized (delivery) {
                delivery.finished = true;
                if (delivery.interruptSent && Thread.currentThread() == delivery.script) {
                    Thread.interrupted(); // ours, never taken: not for the launcher's own waits
                }
                delivery.reset();
            }
        }
    }

    // ---- Inside ---------------------------------------------------------------------------

    private synchronized boolean take(boolean surfacedAsInterrupt) {
        if (Thread.currentThread() != script || !pending) {
            return false;
        }
        if (interruptSent && !surfacedAsInterrupt) {
            Thread.interrupted(); // ours, set while the thread woke up by itself: not the user's
        }
        trace(surfacedAsInterrupt ? "taken by an interrupted wait" : "taken by KeyboardInterrupt");
        reset();
        return true;
    }

    private void reset() {
        pending = false;
        interruptSent = false;
        asyncQueued = false;
        notifyAll();
    }

    private void deliverLoop() {
        try {
            prepare();
            synchronized (this) {
                while (!closed) {
                    if (pending && !finished) {
                        deliverStep();
                        wait(POLL_MILLIS);
                    } else {
                        wait();
                    }
                }
            }
        } catch (InterruptedException e) {
            // nobody interrupts this thread; end it
        } finally {
            closeAttachment();
        }
    }

    /** One look at the script thread while a SIGINT is pending (holding the monitor). */
    private void deliverStep() {
        Thread.State state = script.getState();
        if (state == Thread.State.TERMINATED) {
            reset();
            return;
        }
        long now = System.nanoTime();
        boolean blocked = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                || state == Thread.State.BLOCKED;
        if (blocked) {
            // Again if the thread swallowed our interrupt and blocks anew.
            if (!interruptSent || now - interruptSentAt >= GRACE_NANOS && !script.isInterrupted()) {
                script.interrupt();
                interruptSent = true;
                interruptSentAt = now;
                trace("interrupted the script thread (" + state + ")");
            }
        } else if (!asyncQueued && !asyncFailed
                && (!interruptSent || now - interruptSentAt >= GRACE_NANOS)) {
            asyncQueued = queueKeyboardInterrupt();
            if (asyncQueued) {
                trace("queued KeyboardInterrupt (script thread " + state + ")");
            }
        }
    }

    /**
     * Attaches this thread to the interpreter and readies the Python side now, while nothing
     * competes for the GIL much: done at the first SIGINT, with a busy script thread taking the
     * GIL back every switch interval, it took ~100 ms (attach, import ctypes).
     */
    private void prepare() {
        try {
            attached = PythonRuntime.attachTo(anchor, false); // not while it closes
            attached.exec("from jthreading._sigint import prepare_queueing, queue_keyboard_interrupt\n"
                    + "prepare_queueing()");
        } catch (JepException | IllegalStateException e) {
            synchronized (this) {
                asyncFailed = true; // a blocked script is still interrupted
            }
            System.err.println("jthreading: Ctrl-C cannot raise KeyboardInterrupt in running Python "
                    + "code: " + e.getMessage());
        }
    }

    /** {@code PyThreadState_SetAsyncExc} in the script thread; {@code false} if not possible yet. */
    private boolean queueKeyboardInterrupt() {
        try {
            return Boolean.TRUE.equals(attached.invoke("queue_keyboard_interrupt"));
        } catch (JepException e) {
            asyncFailed = true; // do not spin on it; a blocked script is still interrupted
            System.err.println("jthreading: Ctrl-C cannot raise KeyboardInterrupt in running Python "
                    + "code: " + e.getMessage());
            return false;
        }
    }

    private void closeAttachment() {
        if (attached != null) {
            try {
                attached.close();
            } catch (JepException e) {
                // the process is ending anyway
            }
            attached = null;
        }
    }

    private void trace(String what) {
        if (TRACE) {
            System.err.printf("[jthreading SIGINT: %s, %.1f ms after the signal]%n", what,
                    (System.nanoTime() - signalledAt) / 1e6);
        }
    }
}
