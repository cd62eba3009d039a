package io.jthreading.queue;

/**
 * Thrown by a shut-down {@link SharedQueue}'s inserting methods, and by its removing methods
 * once it is also empty (or was shut down immediately): Python's {@code queue.ShutDown}.
 */
public class ShutDownException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ShutDownException() {
        super("queue is shut down");
    }
}
