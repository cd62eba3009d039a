package io.jthreading.stress;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.jthreading.Event;
import io.jthreading.JThread;
import io.jthreading.Timer;

/**
 * Java Timers, started and ended continuously: a quarter are cancelled at once. A Timer that
 * was not cancelled runs its function exactly once; a cancelled one at most once; each ends
 * (join, bounded) either way.
 */
public final class TimerWorkers {
    private static final int BATCH = 4;

    private TimerWorkers() {
    }

    public static JThread start(Event stop, Operations ops, Checks checks) {
        return JavaLoop.start("stress-java-Timer", stop, checks, () -> {
            Timer[] timers = new Timer[BATCH];
            AtomicInteger[] fired = new AtomicInteger[BATCH];
            boolean[] cancelled = new boolean[BATCH];
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < BATCH; i++) {
                AtomicInteger count = fired[i] = new AtomicInteger();
                timers[i] = new Timer(Duration.ofMillis(random.nextInt(3)), count::incrementAndGet);
                timers[i].start();
                if (random.nextInt(4) == 0) {
                    timers[i].cancel();
                    cancelled[i] = true;
                }
            }
            for (int i = 0; i < BATCH; i++) {
                if (!checks.check(timers[i].join(Bound.WAIT), "Timer: a Java Timer still runs after "
                        + Bound.SECONDS + " s")) {
                    return false;
                }
                int n = fired[i].get();
                checks.check(cancelled[i] ? n <= 1 : n == 1, "Timer: a Java Timer ("
                        + (cancelled[i] ? "cancelled" : "not cancelled") + ") ran " + n + " times");
            }
            ops.add("Timer", "java", BATCH);
            ops.add("thread started", "java", BATCH);
            return true;
        });
    }
}
