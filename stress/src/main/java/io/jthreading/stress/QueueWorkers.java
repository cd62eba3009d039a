package io.jthreading.stress;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.jthreading.Event;
import io.jthreading.JThread;
import io.jthreading.queue.SharedQueue;

/**
 * Java producers and consumers of a queue that Python uses too (a SharedQueue is Python's
 * jthreading.queue.Queue). Producers number their {@link Item}s through the {@link Ledger} and
 * stop with the run; consumers take until they get {@link Item#STOP}, recording each item and
 * calling task_done. Every put and take is bounded: a timeout is a lost wake-up.
 */
public final class QueueWorkers {
    private static final int BATCH = 100;

    private QueueWorkers() {
    }

    public static SharedQueue<Object> newQueue(long maxsize) {
        return new SharedQueue<>(maxsize);
    }

    public static JThread producer(String kind, BlockingQueue<Object> queue, Ledger ledger,
                                   Event stop, Operations ops, Checks checks) {
        int producer = ledger.newProducer();
        return JavaLoop.start("stress-java-" + kind + "-producer-" + producer, stop, checks, () -> {
            for (int i = 0; i < BATCH; i++) {
                long seq = ledger.nextSeq(producer);
                if (!queue.offer(Item.of(producer, seq), Bound.SECONDS, TimeUnit.SECONDS)) {
                    ledger.unsent(producer);
                    checks.fail(kind + ": a Java put waited " + Bound.SECONDS + " s (lost wake-up)");
                    return false;
                }
            }
            ops.add(kind, "java", BATCH);
            return true;
        });
    }

    public static JThread consumer(String kind, int worker, SharedQueue<Object> queue, Ledger ledger,
                                   Operations ops, Checks checks) {
        long[] taken = {0};
        return JavaLoop.start("stress-java-" + kind + "-consumer-" + worker, checks, () -> {
            Object got = queue.poll(Bound.SECONDS, TimeUnit.SECONDS);
            if (!checks.check(got != null, kind + ": a Java get waited " + Bound.SECONDS
                    + " s (lost wake-up)")) {
                return false;
            }
            queue.taskDone();
            if (!checks.check(got instanceof Item, kind + ": a Java consumer got " + got)) {
                return false;
            }
            Item item = (Item) got;
            if (item.isStop()) {
                ops.add(kind, "java", taken[0] % BATCH);
                return false;
            }
            ledger.received(item.producer, item.seq);
            if (++taken[0] % BATCH == 0) {
                ops.add(kind, "java", BATCH);
            }
            return true;
        });
    }
}
