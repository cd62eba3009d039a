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
        } catch (InterruptedException e) {
            // Curator re-sets the interrupt status before it rethrows (ThreadUtils); the
            // exception is the interrupt, so the status goes, or the caller's clean-up calls
            // would fail on it (found by a Condition wait interrupted inside a ZooKeeper call).
            Thread.interrupted();
            throw e;
        } catch (RuntimeException e) {
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

    /**
     * Runs a call that gives something back (a release, a waiter's clean-up) with the thread's
     * interrupt status set aside, and restores it after: an interrupt must not stop half-way a
     * release that Curator has already recorded locally (its delete would fail on the status,
     * and a Lock's lease would stay in ZooKeeper until the session ends), as j.u.c's unlock is
     * not interruptible either.
     */
    static void withInterruptSetAside(Runnable call) {
        boolean interrupted = Thread.interrupted();
        try {
            call.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @FunctionalInterface
    interface InterruptibleAction {
        void run() throws InterruptedException;
    }

    /**
     * Runs {@code action} to the end however often the thread is interrupted meanwhile, and
     * keeps the interrupt for the caller (j.u.c's {@code lock()}, and the re-acquire of its
     * {@code Condition.await}).
     */
    static void uninterruptibly(InterruptibleAction action) {
        boolean interrupted = false;
        while (true) {
            try {
                action.run();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
