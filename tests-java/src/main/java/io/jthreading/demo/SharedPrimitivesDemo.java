package io.jthreading.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.jthreading.Event;
import io.jthreading.Lock;
import io.jthreading.python.EmbeddedPython;

/**
 * The flagship demo: a Java host where Java threads and Python threads coordinate through one
 * shared {@link Lock} and one shared {@link Event}. Two Java and two Python threads wait for the
 * same start event (set by Python), then increment one unprotected counter under the one lock.
 * Exits with status 1 if the total is off or an identity check fails.
 */
public final class SharedPrimitivesDemo {
    private static final int PER_THREAD = 20_000;

    private static final String PYTHON_PART = String.join("\n",
            "import threading, jthreading",
            "ready = jthreading.Event()          # made in Python, used from Java",
            "def work(name):",
            "    if not start.wait(30):",
            "        raise SystemExit('start event never came')",
            "    for _ in range(per_thread):",
            "        with lock:",
            "            counter.set(counter.get() + 1)   # unprotected read-modify-write",
            "    done_by[name] = per_thread",
            "python_threads = [threading.Thread(target=work, args=(f'python-{i}',)) for i in (1, 2)]",
            "for t in python_threads: t.start()",
            "lock_is_jthreading = type(lock) is jthreading.Lock",
            "");

    private SharedPrimitivesDemo() {
    }

    public static void main(String[] args) throws Exception {
        Lock lock = new Lock();
        Event start = new Event();
        AtomicLong counter = new AtomicLong(); // used via get/set only: not atomic
        Map<String, Integer> doneBy = new ConcurrentHashMap<>();
        List<String> problems = new ArrayList<>();

        try (EmbeddedPython py = EmbeddedPython.open()) {
            py.set("lock", lock);
            py.set("start", start);
            py.set("counter", counter);
            py.set("per_thread", PER_THREAD);
            py.exec("done_by = {}");
            py.exec(PYTHON_PART);

            Event ready = py.get("ready", Event.class);
            check(problems, py.get("lock", Lock.class) == lock, "Lock came back as the same Java object");
            check(problems, Boolean.TRUE.equals(py.get("lock_is_jthreading")),
                    "Java Lock is a jthreading.Lock in Python");

            List<Thread> javaThreads = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                String name = "java-" + i;
                Thread t = new Thread(() -> {
                    try {
                        ready.await(); // set from Python below
                        start.await();
                        for (int n = 0; n < PER_THREAD; n++) {
                            try (var held = lock.guard()) {
                                counter.set(counter.get() + 1);
                            }
                        }
                        doneBy.put(name, PER_THREAD);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, name);
                t.start();
                javaThreads.add(t);
            }

            long began = System.nanoTime();
            py.exec("ready.set(); start.set()   # Python releases everyone");
            for (Thread t : javaThreads) {
                t.join(30_000);
            }
            py.exec("for t in python_threads: t.join(30)");
            double millis = (System.nanoTime() - began) / 1e6;

            @SuppressWarnings("unchecked")
            Map<String, Object> pythonDone = (Map<String, Object>) py.get("done_by");
            Map<String, Object> all = new TreeMap<>(pythonDone);
            all.putAll(doneBy);
            long expected = 4L * PER_THREAD;

            System.out.println("jthreading demo: 2 Java + 2 Python threads, one Lock, one Event");
            all.forEach((name, n) -> System.out.printf("  %-9s %-6s incremented %s times%n", name,
                    name.startsWith("java") ? "(Java)" : "(Python)", n));
            System.out.printf("  counter = %d (expected %d) in %.0f ms; lock %s at the end%n",
                    counter.get(), expected, millis, lock.locked() ? "LOCKED" : "unlocked");
            check(problems, counter.get() == expected, "counter total is exact");
            check(problems, all.size() == 4, "all four threads finished");
            check(problems, !lock.locked(), "lock is free at the end");
            check(problems, start.isSet() && ready.isSet(), "events set from Python seen in Java");
        }
        if (problems.isEmpty()) {
            System.out.println("OK: every check passed");
        } else {
            problems.forEach(p -> System.out.println("FAILED: " + p));
            System.exit(1);
        }
    }

    private static void check(List<String> problems, boolean ok, String what) {
        System.out.println("  [" + (ok ? "ok" : "FAIL") + "] " + what);
        if (!ok) {
            problems.add(what);
        }
    }
}
