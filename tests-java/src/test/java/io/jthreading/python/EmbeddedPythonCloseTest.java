package io.jthreading.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jthreading.Event;
import io.jthreading.JThread;
import io.jthreading.Semaphore;

/**
 * A Java host closes its Python runtime while Java threads wait on jthreading primitives and a
 * Python thread is still alive: no hang, no crash; the Java threads go on and finish, the Python
 * thread ends, and Python can be opened again.
 */
@Timeout(60)
class EmbeddedPythonCloseTest {
    @Test
    void closingPythonWhileThreadsWaitNeitherHangsNorCrashes() throws Exception {
        Event release = new Event();
        Semaphore permits = new Semaphore(0);
        List<Thread> javaWaiters = new ArrayList<>();
        AtomicBoolean eventSeen = new AtomicBoolean();
        AtomicBoolean permitSeen = new AtomicBoolean();
        javaWaiters.add(start(() -> eventSeen.set(await(release))));
        javaWaiters.add(start(() -> permitSeen.set(take(permits))));

        JThread pythonThread;
        try (EmbeddedPython py = EmbeddedPython.open()) {
            py.set("release", release);
            py.exec("import jthreading\n"
                    + "python_done = jthreading.Event()\n"
                    + "def wait_then_finish():\n"
                    + "    release.wait(30)\n"
                    + "    python_done.set()\n"
                    + "python_thread = jthreading.Thread(target=wait_then_finish, daemon=True)\n"
                    + "python_thread.start()\n"
                    + "python_thread_handle = python_thread._handle");
            pythonThread = py.get("python_thread_handle", JThread.class);
        } // closed while the Python thread and both Java threads still wait

        release.set();
        permits.release(1);
        for (Thread waiter : javaWaiters) {
            waiter.join(Duration.ofSeconds(30).toMillis());
            assertTrue(!waiter.isAlive(), waiter.getName() + " still waits");
        }
        assertTrue(eventSeen.get());
        assertTrue(permitSeen.get());
        // Python code cannot run once its runtime is closed; its thread must still end.
        assertTrue(pythonThread.join(Duration.ofSeconds(30)), "the Python thread still runs");

        try (EmbeddedPython again = EmbeddedPython.open()) {
            again.exec("import jthreading\nok = jthreading.Lock().acquire(False)");
            assertEquals(Boolean.TRUE, again.get("ok"));
        }
    }

    private static Thread start(Runnable body) {
        Thread thread = new Thread(body, "java-waiter");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static boolean await(Event event) {
        try {
            return event.await(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static boolean take(Semaphore semaphore) {
        try {
            return semaphore.tryAcquire(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            return false;
        }
    }
}
