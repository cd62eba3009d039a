package io.jthreading.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code threading.RLock} semantics across two coordinators: reentrant, owned by the thread. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DistributedRLockTest extends TwoSessions {

    @Test
    void isReentrantAndExcludesTheOtherProcessUntilFullyReleased() throws Exception {
        String name = Zk.name("rlock-reentrant");
        DistributedRLock mine = one.rLock(name);
        DistributedRLock theirs = two.rLock(name);
        assertFalse(theirs.locked(), "never acquired: not locked");
        assertTrue(mine.acquire());
        assertTrue(mine.acquire());
        assertEquals(2, mine.holdCount());
        assertTrue(mine.isOwned());
        assertTrue(theirs.locked());
        assertFalse(theirs.tryLock());
        mine.release();
        assertEquals(1, mine.holdCount());
        assertFalse(theirs.tryLock(), "released once of twice: still held");
        mine.release();
        assertEquals(0, mine.holdCount());
        assertFalse(mine.isOwned());
        assertTrue(theirs.tryLock(Zk.STEP));
        theirs.release();
        assertFalse(mine.locked());
    }

    @Test
    void anotherThreadCannotRelease() throws Exception {
        String name = Zk.name("rlock-owned");
        DistributedRLock lock = one.rLock(name);
        lock.acquire();
        IllegalMonitorStateException e = Zk.async("other thread", () -> assertThrows(
                IllegalMonitorStateException.class, lock::release)).join();
        assertEquals("cannot release un-acquired lock", e.getMessage());
        assertFalse(Zk.async("other thread", lock::isOwned).join());
        assertTrue(lock.isOwned(), "a refused release leaves the owner holding it");
        lock.release();
    }

    @Test
    void anotherThreadOfTheSameProcessWaitsForTheOwner() throws Exception {
        String name = Zk.name("rlock-same-process");
        DistributedRLock lock = one.rLock(name);
        lock.acquire();
        assertFalse(Zk.async("other thread", lock::tryLock).join());
        lock.release();
        assertTrue(Zk.async("other thread", () -> {
            boolean got = lock.tryLock();
            lock.release();
            return got;
        }).join());
    }

    @Test
    void releasingWhenNotHeldRaises() {
        String name = Zk.name("rlock-unheld");
        IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class,
                () -> one.rLock(name).release());
        assertEquals("cannot release un-acquired lock", e.getMessage());
    }
}
