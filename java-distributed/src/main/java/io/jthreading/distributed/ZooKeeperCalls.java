package io.jthreading.distributed;

import java.util.Collection;
import java.util.List;

import org.apache.zookeeper.KeeperException;

/**
 * Every ZooKeeper call of the primitives goes through here, so that what Curator throws reaches
 * the user as one of three things: {@link InterruptedException} (the caller was interrupted;
 * Ctrl-C in Python), {@link SessionLostException} (the session ended), or
 * {@link CoordinationException} (anything else, after Curator's retries). Curator's recipes
 * throw plain {@code Exception}; a Java caller of jthreading should not have to.
 */
final class ZooKeeperCalls {
    @FunctionalInterface
    interface Call<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private ZooKeeperCalls() {
    }

    static <T> T interruptibly(String what, Call<T> call) throws InterruptedException {
        try {
            return call.run();
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (KeeperException.SessionExpiredException e) {
            throw new SessionLostException("the ZooKeeper session expired while " + what);
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                // Curator wraps an interrupt in its own exceptions at times; the caller wanted
                // the interrupt.
                Thread.interrupted();
                throw new InterruptedException(what + " was interrupted");
            }
            throw new CoordinationException("ZooKeeper failed while " + what + ": " + e, e);
        }
    }

    /** For calls that never wait for other processes (set, clear, notify, release). */
    static <T> T quickly(String what, Call<T> call) {
        try {
            return interruptibly(what, call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException(what + " was interrupted", e);
        }
    }

    static void quickly(String what, Action action) {
        quickly(what, () -> {
            action.run();
            return null;
        });
    }

    /**
     * A recipe's participant nodes (Curator's {@code getParticipantNodes}): none when their
     * parent does not exist, as before the first acquire, and after ZooKeeper deleted the empty
     * container node that Curator makes the parent.
     */
    static Collection<String> participants(String what, Call<Collection<String>> call) {
        return quickly(what, () -> {
            try {
                return call.run();
            } catch (KeeperException.NoNodeException none) {
                return List.of();
            }
        });
    }
}
