package io.jthreading.python;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import io.jthreading.Threads;

import jep.Interpreter;
import jep.SharedInterpreter;

/**
 * Runs Python code on any Java thread, for Python callables that Java code triggers (a Thread
 * target, a Barrier action, a Timer function, a predicate).
 *
 * <p>Jep lets a thread run Python only through an interpreter it opened itself; Jep 4.3's
 * {@link Interpreter#attach} opens one cheaply (microseconds) in the interpreter of an open
 * "anchor". {@link EmbeddedPython} registers its interpreters as anchors. A thread that already
 * runs an attachment (or is the anchor's own thread) reuses it; any other thread attaches for
 * the duration of the call and closes the attachment on its way out (Jep requires the closing
 * thread to be the opening one). Attachments share the anchor's globals, where EmbeddedPython
 * defined jthreading's entry points ({@code __jthreading_call__}, ...).
 *
 * <p>Jep's close of an attachment runs a full garbage collection (milliseconds, growing with the
 * heap), which CPython never does when a thread ends; the first call on a new attachment
 * ({@code __jthreading_attached__}) has the native glue spare the close that collection.
 */
public final class PythonRuntime {
    private static final Deque<Anchor> ANCHORS = new ArrayDeque<>();
    private static final ThreadLocal<Interpreter> CURRENT = new ThreadLocal<>();
    private static final ReadWriteLock ATTACHING = new ReentrantReadWriteLock();

    private PythonRuntime() {
    }

    private record Anchor(SharedInterpreter interpreter, Thread owner) {
    }

    /** Python can be run from Java threads (an EmbeddedPython is open). */
    public static boolean isAvailable() {
        synchronized (ANCHORS) {
            return !ANCHORS.isEmpty();
        }
    }

    /** Runs {@code body} with an interpreter usable on the calling thread. */
    public static <T> T call(Function<Interpreter, T> body) {
        Interpreter current = CURRENT.get();
        if (current != null) {
            return body.apply(current);
        }
        Anchor anchor = anchor();
        if (anchor.owner() == Thread.currentThread()) {
            return body.apply(anchor.interpreter());
        }
        try (Interpreter attached = attach()) {
            attached.invoke("__jthreading_attached__");
            CURRENT.set(attached);
            try {
                return body.apply(attached);
            } finally {
                CURRENT.remove();
            }
        }
    }

    /**
     * Runs {@code body} with the calling thread attached to Python throughout, so that what
     * Python keeps per thread (a {@code jthreading.local}'s attributes, say) lasts from one call
     * to the next. Without it, each call from a thread that is not attached attaches anew.
     */
    public static void runAttached(Runnable body) {
        call(python -> {
            body.run();
            return null;
        });
    }

    static void register(SharedInterpreter interpreter) {
        synchronized (ANCHORS) {
            ANCHORS.push(new Anchor(interpreter, Thread.currentThread()));
            Threads.setPythonStacks(new PythonThreadStacks());
        }
    }

    /** Before the close of {@code interpreter}: once this returns, nothing attaches to it. */
    static void unregister(SharedInterpreter interpreter) {
        ATTACHING.writeLock().lock(); // waits for attaches under way (each waits for the GIL)
        try {
            synchronized (ANCHORS) {
                ANCHORS.removeIf(anchor -> anchor.interpreter() == interpreter);
                if (ANCHORS.isEmpty()) {
                    Threads.setPythonStacks(null);
                }
            }
        } finally {
            ATTACHING.writeLock().unlock();
        }
    }

    /** A new attachment of this thread to the newest anchor, which cannot close meanwhile. */
    private static Interpreter attach() {
        ATTACHING.readLock().lock(); // held only while Jep attaches: no user code runs
        try {
            return anchor().interpreter().attach(true);
        } finally {
            ATTACHING.readLock().unlock();
        }
    }

    /**
     * A new attachment of this thread to {@code anchor}, an open EmbeddedPython's interpreter,
     * which cannot close meanwhile; IllegalStateException if it is closing or closed.
     */
    static Interpreter attachTo(Interpreter anchor, boolean shareGlobals) {
        ATTACHING.readLock().lock();
        try {
            synchronized (ANCHORS) {
                if (ANCHORS.stream().noneMatch(open -> open.interpreter() == anchor)) {
                    throw new IllegalStateException("no Python runtime: the interpreter closed");
                }
            }
            return anchor.attach(shareGlobals);
        } finally {
            ATTACHING.readLock().unlock();
        }
    }

    private static Anchor anchor() {
        synchronized (ANCHORS) {
            Anchor anchor = ANCHORS.peek();
            if (anchor == null) {
                throw new IllegalStateException(
                        "no Python runtime: open an io.jthreading.python.EmbeddedPython first");
            }
            return anchor;
        }
    }
}
