package io.jthreading.python;

/**
 * The body of a {@link io.jthreading.JThread} whose target is Python code: it runs the Python
 * {@code jthreading.Thread} registered under the JThread's id, on the Java thread that runs
 * it, attached to Python for the whole run ({@link PythonRuntime}). Java and Python start such
 * a thread the same way: {@code JThread.start()}.
 */
public final class PythonThreadBody implements Runnable {
    private final long threadId;

    public PythonThreadBody(long threadId) {
        this.threadId = threadId;
    }

    /**
     * A new JThread whose body runs the Python {@code jthreading.Thread} registered under
     * {@code threadId}: what the façade's constructor needs, in one call from Python. A
     * {@code null} name becomes CPython's default, "Thread-N" from the shared counter followed by
     * {@code unnamedSuffix} (" (target)" or "").
     */
    public static io.jthreading.JThread newThread(long threadId, String name, String unnamedSuffix,
                                                  boolean daemon) {
        return new io.jthreading.JThread(new PythonThreadBody(threadId),
                defaultName(name, unnamedSuffix), daemon);
    }

    /** {@link #newThread}'s counterpart for a Python {@code jthreading.Timer}. */
    public static io.jthreading.Timer newTimer(long threadId, String name, String unnamedSuffix,
                                               boolean daemon) {
        return new io.jthreading.Timer(new PythonThreadBody(threadId),
                defaultName(name, unnamedSuffix), daemon);
    }

    private static String defaultName(String name, String unnamedSuffix) {
        return name != null ? name : io.jthreading.Threads.newName("Thread-") + unnamedSuffix;
    }

    @Override
    public void run() {
        PythonRuntime.call(python -> python.invoke("__jthreading_run_thread__", threadId));
    }
}
