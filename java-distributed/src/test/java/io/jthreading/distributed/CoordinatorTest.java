package io.jthreading.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The coordinator: names, one object per name, closing, the embedded server. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoordinatorTest extends TwoSessions {

    @Test
    void badNamesAreRefused() {
        for (String bad : Arrays.asList(null, "", "/", "/jobs", "jobs/", "jobs//db", ".", "a/./b",
                "a/..", "a\u0000b", "tab\there", "\ud800", "\uffff")) {
            assertThrows(IllegalArgumentException.class, () -> one.lock(bad), String.valueOf(bad));
            assertThrows(IllegalArgumentException.class, () -> one.event(bad), String.valueOf(bad));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one.rLock(null));
        assertEquals("name must be a str, not None", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> one.rLock(""));
        assertEquals("name must not be empty", e.getMessage());
        // Names that are fine: nested paths, dots inside, any printable text.
        for (String good : List.of("jobs/db", "a.b/..c", "ünïcode name", "x-1_2")) {
            assertEquals(good, one.lock(Zk.name("ok") + "/" + good).name().replaceFirst("^test/ok-\\d+/", ""));
        }
    }

    @Test
    void theSameNameAndKindIsTheSameObject() {
        String name = Zk.name("same");
        assertSame(one.lock(name), one.lock(name));
        assertSame(one.rLock(name), one.rLock(name));
        assertSame(one.event(name), one.event(name));
        assertSame(one.condition(name), one.condition(name));
        assertSame(one.semaphore(name, 1), one.semaphore(name, 1));
        assertSame(one.barrier(name, 2), one.barrier(name, 2));
        assertNotSame(one.lock(name), two.lock(name));
        // Kinds are apart: a Lock and an RLock of one name do not exclude each other.
        assertTrue(one.lock(name).tryLock());
        assertTrue(two.rLock(name).tryLock());
        two.rLock(name).release();
        one.lock(name).release();
    }

    @Test
    void fencingTokensGrowOverSuccessiveHoldersOfBothProcesses() throws Exception {
        String name = Zk.name("fencing");
        long last = 0;
        for (int i = 0; i < 6; i++) {
            Coordinator holder = i % 2 == 0 ? one : two;
            for (DistributedLockBase lock : List.of(holder.lock(name), holder.rLock(name))) {
                lock.acquire();
                long token = lock.fencingToken();
                assertEquals(token, lock.fencingToken(), "stable while held");
                lock.release();
                assertTrue(token > last, "token " + token + " after " + last);
                last = token;
            }
            DistributedSemaphore semaphore = holder.semaphore(name, 1);
            semaphore.acquire();
            long token = semaphore.fencingToken();
            semaphore.release();
            assertTrue(token > last, "token " + token + " after " + last);
            last = token;
        }
        assertThrows(IllegalMonitorStateException.class, () -> one.lock(name).fencingToken());
        assertThrows(IllegalMonitorStateException.class, () -> one.rLock(name).fencingToken());
        assertThrows(IllegalMonitorStateException.class, () -> one.semaphore(name, 1).fencingToken());
    }

    @Test
    void aClosedCoordinatorRefusesAndFreesWhatItHeld() throws Exception {
        String name = Zk.name("closed");
        Coordinator closing = Zk.coordinator();
        DistributedLock lock = closing.lock(name);
        DistributedEvent event = closing.event(name);
        lock.acquire();
        closing.close();
        assertTrue(closing.isClosed());
        closing.close();  // twice is fine
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> closing.lock("x"));
        assertEquals("the coordinator is closed", e.getMessage());
        assertThrows(IllegalStateException.class, lock::acquire);
        assertThrows(IllegalStateException.class, event::set);
        assertThrows(IllegalStateException.class, () -> event.await(Duration.ZERO));
        // Its session ended at close: ZooKeeper released its lock at once.
        assertTrue(one.lock(name).tryLock(Zk.STEP));
        one.lock(name).release();
    }

    @Test
    void anEmbeddedCoordinatorRunsItsOwnServer() throws Exception {
        String name = Zk.name("embedded");
        try (Coordinator embedded = Coordinator.embedded()) {
            String address = embedded.embeddedConnectString();
            assertNotNull(address);
            assertEquals("CONNECTED", embedded.state());
            try (Coordinator other = Coordinator.connect(address, Zk.SESSION, Zk.CONNECT)) {
                assertNull(other.embeddedConnectString());
                assertNotEquals(embedded.sessionId(), other.sessionId());
                embedded.lock(name).acquire();
                assertFalse(other.lock(name).tryLock());
                embedded.lock(name).release();
                assertTrue(other.lock(name).tryLock(Zk.STEP));
                other.lock(name).release();
            }
        }
    }

    @Test
    void connectChecksItsArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Coordinator.connect(" "));
        assertEquals("hosts must not be empty", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Coordinator.connect(Zk.server(), Duration.ZERO, Zk.CONNECT));
        assertThrows(NullPointerException.class,
                () -> Coordinator.connect(Zk.server(), Zk.SESSION, null));
    }
}
