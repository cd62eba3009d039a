package io.jthreading.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jthreading.queue.SharedPriorityQueue;
import io.jthreading.queue.SharedQueue;

/**
 * A Java host and embedded Python sharing queues (io.jthreading.queue / jthreading.queue):
 * Java producers and Python consumers and the reverse, task_done/join across, Python's order
 * for Python items taken by Java threads, and one object per queue on both sides.
 */
@Timeout(120)
class SharedQueueHostTest {
    private static final long BOUND_SECONDS = 30;
    private EmbeddedPython py;

    @BeforeEach
    void openPython() {
        py = EmbeddedPython.open();
    }

    @AfterEach
    void closePython() {
        py.close();
    }

    @Test
    void aJavaQueueIsAPythonQueueAndBack() {
        SharedQueue<Object> queue = new SharedQueue<>(4);
        py.set("q", queue);
        py.exec("import queue, jthreading.queue\n"
                + "facade_ok = type(q) is jthreading.queue.Queue and isinstance(q, queue.Queue)\n"
                + "import java.util\n"
                + "box = java.util.ArrayList(); box.add(q); same = box.get(0) is q\n"
                + "made = jthreading.queue.LifoQueue()");
        assertEquals(Boolean.TRUE, py.get("facade_ok"));
        assertEquals(Boolean.TRUE, py.get("same"));
        assertSame(queue, py.get("q", SharedQueue.class));
        Object made = py.get("made");
        assertInstanceOf(BlockingQueue.class, made);
        assertSame(made, py.get("made"));
    }

    @Test
    void javaProducersPythonConsumersAndTheReverseEachItemOnce() throws Exception {
        SharedQueue<Object> toPython = new SharedQueue<>(16);
        SharedQueue<Object> toJava = new SharedQueue<>(16);
        int perProducer = 3_000;
        py.set("to_python", toPython);
        py.set("to_java", toJava);
        py.set("n", perProducer);
        py.exec("import jthreading\n"
                + "class Job:\n"
                + "    def __init__(self, n): self.n = n\n"
                + "jobs = [Job(i) for i in range(2 * n)]\n"
                + "got = []\n"
                + "got_lock = jthreading.Lock()\n"
                + "def consume():\n"
                + "    mine = []\n"
                + "    while True:\n"
                + "        item = to_python.get(timeout=30)\n"
                + "        to_python.task_done()\n"
                + "        if item == -1: break\n"
                + "        mine.append(item)\n"
                + "    with got_lock: got.extend(mine)\n"
                + "def produce(chunk):\n"
                + "    for job in chunk: to_java.put(job)\n"
                + "threads = [jthreading.Thread(target=consume) for _ in range(2)]\n"
                + "threads += [jthreading.Thread(target=produce, args=(jobs[i * n:(i + 1) * n],))\n"
                + "            for i in range(2)]\n"
                + "for t in threads: t.start()");
        List<Thread> javaThreads = new ArrayList<>();
        List<Object> javaGot = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int p = 0; p < 2; p++) {
            long first = (long) p * perProducer;
            javaThreads.add(start(() -> {
                for (long i = 0; i < perProducer; i++) {
                    toPython.put(first + i);
                }
            }));
        }
        for (int c = 0; c < 2; c++) {
            javaThreads.add(start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    Object item = toJava.poll(BOUND_SECONDS, TimeUnit.SECONDS);
                    assertInstanceOf(PythonObject.class, item);
                    javaGot.add(item);
                    toJava.taskDone();
                }
            }));
        }
        for (Thread thread : javaThreads.subList(0, 2)) {
            thread.join(BOUND_SECONDS * 1000);
        }
        toPython.put(-1L);
        toPython.put(-1L);
        assertTrue(toPython.join(Duration.ofSeconds(BOUND_SECONDS)), "Python did not finish its tasks");
        assertTrue(toJava.join(Duration.ofSeconds(BOUND_SECONDS)), "Java did not finish its tasks");
        for (Thread thread : javaThreads) {
            thread.join(BOUND_SECONDS * 1000);
            assertTrue(!thread.isAlive(), thread.getName());
        }
        py.exec("for t in threads: t.join(30)\n"
                + "alive = sum(t.is_alive() for t in threads)\n"
                + "numbers_ok = sorted(got) == list(range(2 * n))");
        assertEquals(0, ((Number) py.get("alive")).intValue());
        assertEquals(Boolean.TRUE, py.get("numbers_ok"));
        py.set("java_got", javaGot.toArray());
        py.exec("from jthreading import _handles\n"
                + "back = [_handles.from_java(h) for h in java_got]\n"
                + "jobs_ok = len(back) == len(jobs) and {id(j) for j in back} == {id(j) for j in jobs}");
        assertEquals(Boolean.TRUE, py.get("jobs_ok"));
    }

    @Test
    void javaThreadsTakePythonItemsInPythonsOrder() throws Exception {
        SharedPriorityQueue<Object> queue = new SharedPriorityQueue<>();
        py.set("q", queue);
        py.exec("import random\n"
                + "rng = random.Random(5)\n"
                + "items = [(rng.randrange(5), str(i)) for i in range(200)]\n"
                + "for item in items: q.put(item)\n"
                + "expected = sorted(items)");
        List<Object> taken = new ArrayList<>();
        Thread consumer = start(() -> { // a Java thread: each comparison attaches to Python
            for (int i = 0; i < 200; i++) {
                taken.add(queue.poll(BOUND_SECONDS, TimeUnit.SECONDS));
            }
        });
        consumer.join(BOUND_SECONDS * 1000);
        assertTrue(!consumer.isAlive());
        py.set("taken", taken.toArray());
        py.exec("from jthreading import _handles\n"
                + "order_ok = [_handles.from_java(h) for h in taken] == expected");
        assertEquals(Boolean.TRUE, py.get("order_ok"));
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread start(Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
