package io.jthreading.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.jthreading.queue.SharedQueue;

/**
 * Java producers and consumers on a shared queue, for tests written in Python. Producers put
 * {@code Long}s; consumers take until they take {@link #STOP} (one per consumer),
 * record everything else, and call {@code taskDone()} on a {@link SharedQueue} for each item
 * taken when asked to. Every wait is bounded: a consumer that waits longer than the bound for an
 * item stops and counts a failure.
 */
public final class QueueWorkers {
    /** The end of the items for one consumer: a Java object, so that it crosses as itself. */
    public static final Object STOP = new Object() {
        @Override
        public String toString() {
            return "STOP";
        }
    };

    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Object> taken = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    private QueueWorkers() {
    }

    /** {@code producers} threads; thread {@code p} puts {@code first + p * perProducer + i}. */
    public static QueueWorkers produce(BlockingQueue<Object> queue, int producers,
            long perProducer, long first) {
        QueueWorkers workers = new QueueWorkers();
        for (int p = 0; p < producers; p++) {
            long start = first + p * perProducer;
            workers.start("java-producer-" + p, () -> {
                for (long i = 0; i < perProducer; i++) {
                    queue.put(start + i);
                }
            });
        }
        return workers;
    }

    /** {@code consumers} threads taking until STOP; each waits {@code boundSeconds} at most per item. */
    public static QueueWorkers consume(BlockingQueue<Object> queue, int consumers,
            boolean taskDone, double boundSeconds) {
        QueueWorkers workers = new QueueWorkers();
        long boundNanos = (long) (boundSeconds * 1e9);
        for (int c = 0; c < consumers; c++) {
            workers.start("java-consumer-" + c, () -> {
                for (;;) {
                    Object item = queue.poll(boundNanos, TimeUnit.NANOSECONDS);
                    if (item == null) {
                        throw new AssertionError("no item within the bound");
                    }
                    if (taskDone) {
                        ((SharedQueue<?>) queue).taskDone();
                    }
                    if (item == STOP) {
                        return;
                    }
                    workers.taken.add(item);
                }
            });
        }
        return workers;
    }

    private interface Body {
        void run() throws Exception;
    }

    private void start(String name, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** Waits for every thread, {@code boundSeconds} in all at most; {@code true} if all ended. */
    public boolean join(double boundSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (boundSeconds * 1e9);
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** The Java thread ids of the workers (for BlockedThreads). */
    public long[] threadIds() {
        return threads.stream().mapToLong(Thread::getId).toArray();
    }

    /** What the consumers took (STOPs excluded), in no particular order. */
    public Object[] taken() {
        return taken.toArray();
    }

    /** The exceptions the threads ended with, as strings. */
    public String[] failures() {
        return failures.stream().map(Throwable::toString).toArray(String[]::new);
    }
}
