package io.jthreading.python;

/**
 * Python cannot be embedded as this JVM is set up; the message names the cause and the remedy
 * (no Python environment, no Jep in it, Jep's Java and native halves of different releases,
 * libpython or jthreading not found). Thrown before Jep is touched wherever the cause can be
 * seen from the files, so that a host gets this instead of an {@code UnsatisfiedLinkError} or a
 * {@code NoClassDefFoundError} from deep inside Jep.
 */
public class PythonSetupException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public PythonSetupException(String message) {
        super(message);
    }

    public PythonSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
