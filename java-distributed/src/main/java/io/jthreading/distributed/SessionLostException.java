package io.jthreading.distributed;

/**
 * The ZooKeeper session that held a primitive ended (expired, or Curator gave it up as lost):
 * ZooKeeper has deleted the holding's ephemeral node, so another process may hold the primitive
 * now. Thrown to the holder by {@code release()} and {@code check()}, never swallowed: a holder is
 * never left believing it still holds. {@code SessionLostError} in Python.
 */
public class SessionLostException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public SessionLostException(String message) {
        super(message);
    }
}
