package io.jthreading.python;

/**
 * A Python exception as Java sees it: the cause of the {@code ExecutionException} of a future
 * that Python failed ({@link PythonFutures}, {@link PythonExecutor}).
 *
 * <p>The message is Python's last traceback line ({@code "ValueError: msg"}). The exception
 * object itself stays in Python behind {@link #pythonException()}, a handle: when this exception
 * crosses back into Python ({@code jthreading.futures.from_java}), Python gets that very object.
 * When the Python exception had come from Java (Jep's {@code args[0]}), that Java exception is
 * the cause. There is no Java stack trace to speak of: the stack is Python's.
 */
public class PythonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient PythonObject exception;

    /** For jthreading's Python side: {@code message} describes {@code exception}. */
    public PythonException(String message, PythonObject exception, Throwable javaCause) {
        super(message, javaCause, false, false);
        this.exception = exception;
    }

    /** The handle of the Python exception object (back in Python, the very object). */
    public PythonObject pythonException() {
        return exception;
    }
}
