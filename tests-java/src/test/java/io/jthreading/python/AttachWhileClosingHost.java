package io.jthreading.python;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.jthreading.Event;

/**
 * A Java host whose threads keep attaching to Python (PythonRuntime.call) while a Python
 * thread spins and the host closes its EmbeddedPython, round after round. Run by
 * AttachWhileClosingTest in a JVM of its own: the failure it guards against is a SIGSEGV in
 * Jep's attach. Prints one line per outcome; anything unexpected is printed and exits 1.
 * Arguments: the venv, the rounds, the attaching threads.
 */
public final class AttachWhileClosingHost {
    private static final String REFUSED = "no Python runtime";

    public static void main(String[] args) throws Exception {
        PythonInstallation venv = PythonInstallation.ofVirtualEnv(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        int attachers = Integer.parseInt(args[2]);
        AtomicInteger unexpected = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        for (int round = 0; round < rounds; round++) {
            Event stop = new Event();
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger calls = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            try (EmbeddedPython py = EmbeddedPython.open(venv)) {
                py.set("stop", stop);
                // The spinning thread holds the GIL for whole switch intervals: an attach
                // waits for it long enough for the close to run meanwhile.
                py.exec("import jthreading\n"
                        + "def noop():\n"
                        + "    pass\n"
                        + "def spin():\n"
                        + "    while not stop.is_set():\n"
                        + "        pass\n"
                        + "jthreading.Thread(target=spin, daemon=True).start()\n");
                for (int i = 0; i < attachers; i++) {
                    Thread thread = new Thread(() -> attachUntilRefused(done, calls, refused,
                            unexpected), "attacher-" + i);
                    thread.setDaemon(true);
                    thread.start();
                    threads.add(thread);
                }
                while (calls.get() < attachers) { // attaches under way when the close starts
                    Thread.sleep(1);
                }
            }
            stop.set();
            done.set(true);
            for (Thread thread : threads) {
                thread.join(30_000);
                if (thread.isAlive()) {
                    System.out.println(thread.getName() + " still runs");
                    unexpected.incrementAndGet();
                }
            }
        }
        System.out.println(unexpected.get() == 0 ? "every attach ran or was refused"
                : unexpected.get() + " unexpected outcomes");
        System.out.println("refused after a close: " + (refused.get() > 0));
        System.exit(unexpected.get() == 0 ? 0 : 1);
    }

    private static void attachUntilRefused(AtomicBoolean done, AtomicInteger calls,
            AtomicInteger refused, AtomicInteger unexpected) {
        while (!done.get()) {
            try {
                PythonRuntime.call(python -> python.invoke("noop"));
                calls.incrementAndGet();
            } catch (IllegalStateException e) {
                if (String.valueOf(e.getMessage()).startsWith(REFUSED)) {
                    refused.incrementAndGet();
                } else {
                    System.out.println("unexpected: " + e);
                    unexpected.incrementAndGet();
                }
                return;
            } catch (RuntimeException | Error e) {
                System.out.println("unexpected: " + e);
                unexpected.incrementAndGet();
                return;
            }
        }
    }
}
