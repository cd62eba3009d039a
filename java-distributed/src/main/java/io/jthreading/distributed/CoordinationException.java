package io.jthreading.distributed;

/**
 * ZooKeeper could not do what a distributed primitive asked, after Curator's retries: the
 * ensemble is unreachable, or answered with an error. {@code CoordinationError} (a
 * {@code RuntimeError}) in Python. What the primitive held before is unchanged, unless the
 * exception is a {@link SessionLostException}.
 */
public class CoordinationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CoordinationException(String message, Throwable cause) {
        super(message, cause);
    }

    public CoordinationException(String message) {
        super(message);
    }
}
