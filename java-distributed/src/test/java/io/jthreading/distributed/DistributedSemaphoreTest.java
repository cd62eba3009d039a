package io.jthreading.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code threading.Semaphore} and {@code BoundedSemaphore} across two coordinators. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DistributedSemaphoreTest extends TwoSessions {
    static final long WAIT = TimeUnit.SECONDS.toNanos(20);

    @Test
    void theValueIsSharedByBothProcesses() throws Exception {
        String name = Zk.name("semaphore-value");
        DistributedSemaphore mine = one.semaphore(name, 2);
        DistributedSemaphore theirs = two.semaphore(name, 2);
        assertEquals(2, theirs.value());
        assertTrue(mine.acquireWithin(0));
        assertEquals(1, theirs.value());
        assertTrue(theirs.acquireWithin(0));
        assertEquals(0, mine.value());
        assertFalse(mine.acquireWithin(0));
        assertFalse(theirs.acquireWithin(TimeUnit.MILLISECONDS.toNanos(100)));
        Zk.Task<Boolean> waiter = Zk.async("waiter", mine::acquire)
                .blockedIn("InterProcessSemaphoreV2.internalAcquire1Lease");
        theirs.release();
        assertTrue(waiter.join());
        assertEquals(2, mine.heldHere());
        mine.release(2);
        assertEquals(2, theirs.value());
    }

    @Test
    void aReleaseWithNothingHeldRaisesTheValueForEveryone() throws Exception {
        String name = Zk.name("semaphore-grow");
        DistributedSemaphore mine = one.semaphore(name, 1);
        DistributedSemaphore theirs = two.semaphore(name, 1);
        theirs.release(2);  // holds none: the value grows, as CPython's does
        assertEquals(3, theirs.value());
        for (int i = 0; i < 3; i++) {
            assertTrue(mine.acquireWithin(WAIT), "permit " + i);  // the other process sees it
        }
        assertFalse(mine.acquireWithin(0));
        mine.release(3);
    }

    @Test
    void aReleaseOfLessThanOneRaises() {
        String name = Zk.name("semaphore-n");
        for (DistributedSemaphore semaphore : new DistributedSemaphore[] {
                one.semaphore(name, 1), one.boundedSemaphore(name, 1)}) {
            for (int n : new int[] {0, -1}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> semaphore.release(n));
                assertEquals("n must be one or more", e.getMessage());
            }
        }
    }

    @Test
    void aBoundedSemaphoreRefusesOverRelease() throws Exception {
        String name = Zk.name("bounded-over");
        DistributedSemaphore mine = one.boundedSemaphore(name, 2);
        DistributedSemaphore theirs = two.boundedSemaphore(name, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, mine::release);
        assertEquals("Semaphore released too many times", e.getMessage());
        assertTrue(mine.acquireWithin(0));
        e = assertThrows(IllegalArgumentException.class, () -> mine.release(2));
        assertEquals("Semaphore released too many times", e.getMessage());
        assertEquals(1, mine.heldHere(), "a refused release gives nothing back");
        // Another process cannot give back this one's permit.
        assertThrows(IllegalArgumentException.class, theirs::release);
        assertEquals(1, theirs.value());
        mine.release();
        assertEquals(2, theirs.value());
    }

    @Test
    void theValueIsCheckedAndAgreed() {
        String name = Zk.name("semaphore-agreed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> one.semaphore(Zk.name("semaphore-negative"), -1));
        assertEquals("semaphore initial value must be >= 0", e.getMessage());
        one.semaphore(name, 2);
        assertThrows(IllegalArgumentException.class, () -> two.semaphore(name, 3));
        assertThrows(IllegalArgumentException.class, () -> one.semaphore(name, 3));
        assertEquals(2, two.semaphore(name, 2).initialValue());
    }

    @Test
    void anyThreadMayReleaseAPermit() throws Exception {
        String name = Zk.name("semaphore-thread");
        DistributedSemaphore semaphore = one.semaphore(name, 1);
        Zk.async("acquirer", semaphore::acquire).join();
        semaphore.release();
        assertEquals(0, semaphore.heldHere());
        assertTrue(two.semaphore(name, 1).acquireWithin(WAIT));
        two.semaphore(name, 1).release();
    }
}
