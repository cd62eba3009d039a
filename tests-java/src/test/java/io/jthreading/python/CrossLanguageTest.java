package io.jthreading.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jthreading.Event;
import io.jthreading.Lock;

/** A Java host and embedded Python sharing jthreading objects (Python from -Djthreading.venv). */
@Timeout(60)
class CrossLanguageTest {
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
    void javaObjectsArriveAsJthreadingTypesAndComeBackIdentical() {
        Lock lock = new Lock();
        Event event = new Event();
        py.set("lock", lock);
        py.set("event", event);
        py.exec("import jthreading\n"
                + "types_ok = type(lock) is jthreading.Lock and type(event) is jthreading.Event\n"
                + "made_in_python = jthreading.Lock()\n"
                + "import java.util\n"
                + "box = java.util.ArrayList(); box.add(lock); same_python_object = box.get(0) is lock");
        assertEquals(Boolean.TRUE, py.get("types_ok"));
        assertEquals(Boolean.TRUE, py.get("same_python_object"));
        assertSame(lock, py.get("lock", Lock.class));
        assertSame(event, py.get("event", Event.class));
        Lock fromPython = py.get("made_in_python", Lock.class);
        assertSame(fromPython, py.get("made_in_python", Lock.class));
    }

    @Test
    void javaAndPythonThreadsIncrementUnderOneLock() throws Exception {
        Lock lock = new Lock();
        Event go = new Event();
        AtomicLong counter = new AtomicLong(); // get/set only: an unprotected read-modify-write
        int perThread = 5_000;
        py.set("lock", lock);
        py.set("go", go);
        py.set("counter", counter);
        py.set("n", perThread);
        py.exec("import threading\n"
                + "def work():\n"
                + "    go.wait(30)\n"
                + "    for _ in range(n):\n"
                + "        with lock:\n"
                + "            counter.set(counter.get() + 1)\n"
                + "workers = [threading.Thread(target=work) for _ in range(2)]\n"
                + "for w in workers: w.start()");
        Thread[] javaThreads = new Thread[2];
        for (int i = 0; i < javaThreads.length; i++) {
            javaThreads[i] = new Thread(() -> {
                try {
                    go.await(30);
                } catch (InterruptedException e) {
                    return;
                }
                for (int k = 0; k < perThread; k++) {
                    try (var held = lock.guard()) {
                        counter.set(counter.get() + 1);
                    }
                }
            });
            javaThreads[i].start();
        }
        go.set();
        for (Thread t : javaThreads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        py.exec("for w in workers: w.join(30)\nalive = any(w.is_alive() for w in workers)");
        assertEquals(Boolean.FALSE, py.get("alive"));
        assertEquals(4L * perThread, counter.get());
        assertFalse(lock.locked());
    }

    @Test
    void eventSetInJavaWakesPythonWaiterAndViceVersa() throws Exception {
        Event toPython = new Event();
        Event toJava = new Event();
        py.set("to_python", toPython);
        py.set("to_java", toJava);
        py.exec("import threading\n"
                + "result = []\n"
                + "def waiter():\n"
                + "    result.append(to_python.wait(30))\n"
                + "    to_java.set()\n"
                + "t = threading.Thread(target=waiter); t.start()");
        toPython.set();
        assertTrue(toJava.await(30), "Python's set() woke the Java waiter");
        py.exec("t.join(30); woke = result == [True]");
        assertEquals(Boolean.TRUE, py.get("woke"));
    }

    @Test
    void pythonErrorsAreCPythonsNotJavas() {
        py.exec("import jthreading\n"
                + "l = jthreading.Lock()\n"
                + "try:\n"
                + "    l.release()\n"
                + "except RuntimeError as e:\n"
                + "    caught = (type(e).__name__, str(e))\n");
        py.exec("caught_text = str(caught)");
        assertEquals("('RuntimeError', 'release unlocked lock')", py.get("caught_text"));
    }
}
