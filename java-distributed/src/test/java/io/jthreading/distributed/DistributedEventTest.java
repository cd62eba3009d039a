package io.jthreading.distributed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code threading.Event} across two coordinators. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DistributedEventTest extends TwoSessions {
    static final String WAITING = "Wakeup.await";

    @Test
    void setWakesTheWaitersOfEveryProcess() throws Exception {
        String name = Zk.name("event-set");
        List<Zk.Task<Boolean>> waiters = List.of(
                Zk.async("waiter-1", () -> two.event(name).await()).blockedIn(WAITING),
                Zk.async("waiter-2", () -> two.event(name).await()).blockedIn(WAITING),
                Zk.async("waiter-3", () -> one.event(name).await(Zk.STEP)).blockedIn(WAITING));
        assertFalse(two.event(name).isSet());
        one.event(name).set();
        for (Zk.Task<Boolean> waiter : waiters) {
            assertTrue(waiter.join());
        }
        assertTrue(two.event(name).isSet());
        assertTrue(two.event(name).await(Duration.ZERO), "set: a wait returns at once");
        two.event(name).clear();
        assertFalse(one.event(name).isSet());
    }

    @Test
    void aSetClearedAtOnceStillWakesAWaiterWithTrue() throws Exception {
        String name = Zk.name("event-set-clear");
        Zk.Task<Boolean> waiter = Zk.async("waiter", () -> two.event(name).await(Zk.STEP))
                .blockedIn(WAITING);
        one.event(name).set();
        one.event(name).clear();
        assertTrue(waiter.join());
        assertFalse(two.event(name).isSet());
    }

    @Test
    void aWaitTimesOutWithFalse() throws Exception {
        String name = Zk.name("event-timeout");
        long start = System.nanoTime();
        assertFalse(one.event(name).await(Duration.ofMillis(250)));
        assertTrue(Zk.millisSince(start) >= 240, "returned before the timeout");
        assertFalse(one.event(name).await(Duration.ZERO));
    }

    @Test
    void setAndClearAreIdempotent() {
        String name = Zk.name("event-idempotent");
        one.event(name).set();
        two.event(name).set();
        assertTrue(one.event(name).isSet());
        one.event(name).clear();
        two.event(name).clear();
        assertFalse(two.event(name).isSet());
    }
}
