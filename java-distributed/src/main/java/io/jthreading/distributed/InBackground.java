package io.jthreading.distributed;

import java.util.concurrent.CompletableFuture;

import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.KeeperException;

/**
 * A ZooKeeper call that an interrupt cannot cut short: Curator runs it in the background and the
 * caller waits for its outcome uninterruptibly, keeping the interrupt for later.
 *
 * <p>Why: interrupted while it waits for the server's answer, a plain call throws, yet the
 * server may still carry it out. For a Condition's waiter node that means a node nobody knows,
 * a ghost waiter that swallows a later notify (found by interrupting waits at random moments).
 */
final class InBackground {
    @FunctionalInterface
    interface Start {
        void start(BackgroundCallback callback) throws Exception;
    }

    private InBackground() {
    }

    /** Runs the call; returns Curator's event (its result code says how it went). */
    static CuratorEvent call(String what, Start start) {
        CompletableFuture<CuratorEvent> outcome = new CompletableFuture<>();
        ZooKeeperCalls.quickly(what, () -> start.start((client, event) -> outcome.complete(event)));
        return outcome.join();  // not interruptible; an interrupt meanwhile is kept for later
    }

    /** The event's failure as the exception the primitives throw; nothing if it succeeded. */
    static void check(CuratorEvent event, String what) {
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        if (code == KeeperException.Code.OK) {
            return;
        }
        if (code == KeeperException.Code.SESSIONEXPIRED) {
            throw new SessionLostException("the ZooKeeper session expired while " + what);
        }
        throw new CoordinationException("ZooKeeper failed while " + what + ": " + code);
    }
}
