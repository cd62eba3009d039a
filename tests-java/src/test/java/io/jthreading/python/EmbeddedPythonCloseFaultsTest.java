package io.jthreading.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jthreading.Barrier;
import io.jthreading.Condition;
import io.jthreading.Event;
import io.jthreading.JThread;
import io.jthreading.Lock;
import io.jthreading.Semaphore;
import io.jthreading.queue.SharedQueue;

/**
 * Faults (issue 13): a Java host closes its {@link EmbeddedPython} while Python threads wait on
 * every kind of jthreading primitive, one runs Python code, and a Java thread runs a Python
 * Barrier action. Never a crash or a hang. The resulting state, which these tests pin down:
 * closing ends the host's interpreter only (CPython lives on in the process, Jep's shared
 * interpreters do not finalize it), so the Python threads are not stopped: once signalled from
 * Java they wake, finish their Python code and end; Python callbacks on Java threads finish;
 * the primitives keep working for Java; and Python can be opened again. One state is not
 * tested, being a race: a jthreading.Thread whose start() returned but whose Java thread has not
 * yet attached to Python when it closes never runs its target ("no Python runtime": Java's
 * ExceptHook reports the IllegalStateException); it ends, and joins return.
 */
@Timeout(120)
class EmbeddedPythonCloseFaultsTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static final String WAITERS = String.join("\n",
            "import time, jthreading, jthreading.queue",
            "B = 30",
            "def waiting(name, wait):",
            "    def run():",
            "        running.add(name)",
            "        result = wait()",
            "        if result:",  // Python code after the wake-up
            "            ended.add(name)",
            // busy() notes itself in running: once only, or the wait below would count 7
            // threads with one not yet running Python.
            "    thread = jthreading.Thread(target=wait if name == 'busy' else run, name=name,",
            "                               daemon=True)",
            "    thread.start()",
            "    return thread._handle",
            "def cond_wait():",
            "    with cond:",
            "        return cond.wait(B)",
            "def busy():",
            "    running.add('busy')",
            "    count = 0",
            "    while not stop.is_set():",
            "        count += 1",
            "    if count > 0:",
            "        ended.add('busy')",
            "handles = [",
            "    waiting('Lock', lambda: lock.acquire(timeout=B)),",
            "    waiting('Condition', cond_wait),",
            "    waiting('Semaphore', lambda: sem.acquire(timeout=B)),",
            "    waiting('Event', lambda: event.wait(B)),",
            "    waiting('Barrier', lambda: barrier.wait(B) >= 0),",
            "    waiting('Queue', lambda: queue.get(timeout=B) == 'item'),",
            "    waiting('busy', busy),",
            "]",
            "", "");

    @Test
    void closingWhilePythonThreadsWaitOrRunLetsThemFinishWhenSignalled() throws Exception {
        Lock lock = new Lock();
        lock.lock(); // held by this (Java) thread: the Python waiter needs it released
        Condition cond = new Condition();
        Semaphore sem = new Semaphore(0);
        Event event = new Event();
        Event stop = new Event();
        Barrier barrier = new Barrier(2);
        SharedQueue<Object> queue = new SharedQueue<>(0);
        List<Object> ended = new CopyOnWriteArrayList<>();
        List<Object> running = new CopyOnWriteArrayList<>();
        List<?> handles;
        try (EmbeddedPython py = EmbeddedPython.open()) {
            py.set("ended", ended);
            py.set("running", running);
            py.set("lock", lock);
            py.set("cond", cond);
            py.set("sem", sem);
            py.set("event", event);
            py.set("stop", stop);
            py.set("barrier", barrier);
            py.set("queue", queue);
            py.exec(WAITERS);
            handles = py.get("handles", List.class);
            // Every Python thread runs Python (a thread started but not yet running its body
            // when Python closes would never run it: see the class comment).
            awaitWaiters(cond, barrier, running);
        } // closed now: six Python threads blocked in Java, one running Python

        lock.unlock();
        cond.acquire();
        cond.notifyAllWaiters();
        cond.release();
        sem.release(1);
        event.set();
        assertTrue(barrier.await(BOUND) >= 0);
        queue.put("item");
        stop.set();
        for (Object handle : handles) {
            JThread thread = (JThread) handle;
            assertTrue(thread.join(BOUND), thread.getName() + " did not end after the close");
        }
        // The primitives still work for Java: the Lock the Python waiter took, any thread may
        // release (Python's rule).
        assertTrue(lock.locked());
        lock.release();
        assertTrue(lock.tryLock());
        lock.unlock();
        assertTrue(event.await(Duration.ZERO));

        // The Python threads ran their code to the end after the close.
        assertEquals(List.of("Barrier", "Condition", "Event", "Lock", "Queue", "Semaphore", "busy"),
                ended.stream().map(String::valueOf).sorted().toList());
        try (EmbeddedPython again = EmbeddedPython.open()) {
            again.exec("import jthreading\nok = jthreading.Lock().acquire(False)");
            assertEquals(Boolean.TRUE, again.get("ok"));
        }
    }

    @Test
    void closingWhileAJavaThreadRunsAPythonCallbackLetsItFinish() throws Exception {
        Event inAction = new Event();
        Event finishAction = new Event();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread party;
        Thread last;
        Barrier barrier;
        try (EmbeddedPython py = EmbeddedPython.open()) {
            py.set("in_action", inAction);
            py.set("finish_action", finishAction);
            py.exec("import jthreading\n"
                    + "def action():\n"
                    + "    in_action.set()\n"
                    + "    finish_action.wait(30)\n"
                    + "    in_action.clear()\n"  // Python code after the close, too
                    + "barrier = jthreading.Barrier(2, action=action)\n");
            barrier = py.get("barrier", Barrier.class);
            party = waitAt(barrier, outcome);
            last = waitAt(barrier, outcome);
            assertTrue(inAction.await(BOUND), "the action never ran");
        } // closed while a Java thread runs the Python action (blocked in a wait)
        finishAction.set();
        party.join(BOUND.toMillis());
        last.join(BOUND.toMillis());
        assertTrue(!party.isAlive() && !last.isAlive(), "a barrier party still waits");
        assertTrue(outcome.get() instanceof Long, "a party failed: " + outcome.get());
        assertTrue(!inAction.isSet(), "the action did not finish its Python code");
        assertTrue(!barrier.isBroken());
    }

    private static Thread waitAt(Barrier barrier, AtomicReference<Object> outcome) {
        Thread thread = new Thread(() -> {
            try {
                outcome.compareAndSet(null, barrier.await(BOUND));
            } catch (Exception | Error e) {
                outcome.set(e);
            }
        }, "java-party");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Until every Python thread runs, two of them blocked (bounded). */
    private static void awaitWaiters(Condition cond, Barrier barrier, List<Object> running)
            throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (running.size() < 7 || cond.waiterCount() < 1 || barrier.nWaiting() < 1) {
            assertTrue(System.nanoTime() < deadline, "the Python threads never waited");
            Thread.sleep(1);
        }
    }
}
