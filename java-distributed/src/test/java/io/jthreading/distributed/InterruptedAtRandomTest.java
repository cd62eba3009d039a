package io.jthreading.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interrupts (Ctrl-C in Python) at random moments of acquires and Condition waits, half of them
 * while another process holds the primitive: nothing may be left in ZooKeeper and a wait must
 * end holding its lock. Found: an interrupted Curator acquire could leave its node behind (a
 * Lock nobody held, for the session's life: 1 in ~30), a Condition wait could end without its
 * lock or leave a waiter node that swallowed a later notify. Seeded, so a failure repeats.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InterruptedAtRandomTest extends TwoSessions {
    private static final int ROUNDS = 40;
    private static final long SEED = 14;


    interface Primitive {
        boolean acquire(long nanos) throws InterruptedException;

        void release();
    }

    private static Primitive of(DistributedLockBase lock) {
        return new Primitive() {
            public boolean acquire(long nanos) throws InterruptedException {
                return lock.acquireNanos(true, nanos);
            }

            public void release() {
                lock.release();
            }
        };
    }

    private static Primitive of(DistributedSemaphore semaphore) {
        return new Primitive() {
            public boolean acquire(long nanos) throws InterruptedException {
                return semaphore.acquireWithin(nanos);
            }

            public void release() {
                semaphore.release();
            }
        };
    }

    @Test
    void interruptedLockAcquiresLeaveNothingBehind() throws Exception {
        String name = Zk.name("interrupted-lock");
        interruptAtRandom(of(one.lock(name)), of(two.lock(name)));
    }

    @Test
    void interruptedRLockAcquiresLeaveNothingBehind() throws Exception {
        String name = Zk.name("interrupted-rlock");
        interruptAtRandom(of(one.rLock(name)), of(two.rLock(name)));
    }

    @Test
    void interruptedSemaphoreAcquiresLeaveNothingBehind() throws Exception {
        String name = Zk.name("interrupted-semaphore");
        interruptAtRandom(of(one.semaphore(name, 1)), of(two.semaphore(name, 1)));
    }

    private static void interruptAtRandom(Primitive ours, Primitive theirs) throws Exception {
        Random random = new Random(SEED);
        for (int round = 0; round < ROUNDS; round++) {
            boolean contended = round % 2 == 0;
            if (contended) {
                assertTrue(theirs.acquire(TimeUnit.SECONDS.toNanos(10)),
                        "round " + round + ": the other process cannot take it: a node was left behind");
            }
            CompletableFuture<String> outcome = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    boolean acquired = ours.acquire(TimeUnit.SECONDS.toNanos(5));
                    if (acquired) {
                        ours.release();
                    }
                    outcome.complete(acquired ? "acquired" : "timed out");
                } catch (InterruptedException e) {
                    outcome.complete("interrupted");
                } catch (Throwable e) {
                    outcome.complete("threw " + e);
                }
            });
            thread.start();
            TimeUnit.MICROSECONDS.sleep(random.nextInt(3000));
            thread.interrupt();
            String result = outcome.get(20, TimeUnit.SECONDS);
            assertTrue(result.equals("acquired") || result.equals("interrupted"),
                    "round " + round + ": " + result);
            if (contended) {
                theirs.release();
            }
        }
        assertTrue(theirs.acquire(TimeUnit.SECONDS.toNanos(10)), "a node was left behind");
        theirs.release();
    }

    @Test
    void interruptedConditionWaitsHoldTheLockAndLeaveNoWaiter() throws Exception {
        DistributedCondition condition = one.condition(Zk.name("interrupted-condition"));
        Random random = new Random(SEED);
        for (int round = 0; round < ROUNDS; round++) {
            CompletableFuture<String> outcome = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                String how;
                try {
                    condition.lock().acquire();
                } catch (InterruptedException e) {
                    outcome.complete("ok");
                    return;
                }
                try {
                    condition.await(java.time.Duration.ofSeconds(5));
                    how = "returned";
                } catch (InterruptedException e) {
                    how = "interrupted";
                } catch (Throwable e) {
                    how = "threw " + e;
                }
                boolean owned = condition.lock().isOwned();
                if (owned) {
                    condition.lock().release();
                }
                outcome.complete(owned && !how.startsWith("threw") ? "ok" : how + ", owned " + owned);
            });
            thread.start();
            TimeUnit.MICROSECONDS.sleep(random.nextInt(3000));
            thread.interrupt();
            assertEquals("ok", outcome.get(20, TimeUnit.SECONDS), "round " + round);
        }
        assertEquals(0, condition.waiting(), "waiter nodes left behind");
    }
}
