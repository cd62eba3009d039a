package io.jthreading.stress;

import io.jthreading.Condition;
import io.jthreading.Event;
import io.jthreading.JThread;

/**
 * Java producers and consumers of a {@link TokenBuffer}: under the Conditions' lock, wait
 * (bounded) until the buffer has room or a token, put or take one, notify one waiter of the
 * other Condition. A wait that times out is a lost wake-up.
 */
public final class ConditionWorkers {
    private static final int BATCH = 50;

    private ConditionWorkers() {
    }

    public static JThread start(boolean producer, int worker, Condition notFull,
                                Condition notEmpty, TokenBuffer buffer, Event stop,
                                Operations ops, Checks checks) {
        String name = "stress-java-Condition-" + (producer ? "producer-" : "consumer-") + worker;
        Condition mine = producer ? notFull : notEmpty;
        Condition theirs = producer ? notEmpty : notFull;
        return JavaLoop.start(name, checks, () -> {
            for (int i = 0; i < BATCH; i++) {
                // Lock and RLock are java.util.concurrent Locks: a bounded take of the lock.
                if (!checks.check(((java.util.concurrent.locks.Lock) mine.lock()).tryLock(
                        Bound.SECONDS, java.util.concurrent.TimeUnit.SECONDS),
                        "Condition: a Java " + (producer ? "producer" : "consumer") + " waited "
                                + Bound.SECONDS + " s for the lock")) {
                    return false;
                }
                try {
                    boolean ready = mine.waitFor(producer ? buffer::canPut : buffer::canTake,
                            Bound.WAIT);
                    if (!checks.check(ready, "Condition: a Java " + (producer ? "producer" : "consumer")
                            + " waited " + Bound.SECONDS + " s (lost wake-up)")) {
                        return false;
                    }
                    if (buffer.stopping()) {
                        return false;
                    }
                    if (producer) {
                        buffer.put();
                    } else {
                        buffer.take();
                    }
                    theirs.notify(1);
                } finally {
                    mine.release();
                }
            }
            ops.add("Condition", "java", BATCH);
            return true;
        });
    }
}
