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

    @Override
    public void run() {
        PythonRuntime.call(python -> python.invoke("__jthreading_run_thread__", threadId));
    }
}
