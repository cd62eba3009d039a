package io.jthreading.python;

import java.nio.file.Path;
import java.time.Duration;

import io.jthreading.Condition;
import io.jthreading.Event;
import io.jthreading.Lock;
import io.jthreading.Threads;

/**
 * A Java host that opens Python in drop-in mode ({@code --drop-in}) or not ({@code --plain}),
 * run by DropInHostTest in a JVM of its own (drop-in mode is process-wide). The plugin code
 * uses only the standard library; the host sees its queue's lock, a future's condition, an
 * Event, and the executor's threads as jthreading objects. Prints what it saw.
 */
public final class DropInHost {
    public static void main(String[] args) throws Exception {
        PythonInstallation venv = PythonInstallation.ofVirtualEnv(Path.of(args[1]));
        boolean dropIn = args[0].equals("--drop-in");
        try (EmbeddedPython py = dropIn ? EmbeddedPython.open(venv, EmbeddedPython.Option.DROP_IN)
                : EmbeddedPython.open(venv)) {
            py.exec("import threading\nmodule = threading.__name__");
            System.out.println("module " + py.get("module"));
            if (!dropIn) {
                return;
            }
            py.exec("import queue, concurrent.futures as cf\n"
                    + "q = queue.Queue()\n"
                    + "ev = threading.Event()\n"
                    + "ex = cf.ThreadPoolExecutor(2, thread_name_prefix='plugin-pool')\n"
                    + "fut = ex.submit(ev.wait, 30)\n"
                    + "mutex, condition = q.mutex, fut._condition");
            Lock mutex = py.get("mutex", Lock.class);
            Condition condition = py.get("condition", Condition.class);
            Event event = py.get("ev", Event.class);
            boolean poolThreadSeen = Threads.enumerate().stream()
                    .anyMatch(t -> t.getName().startsWith("plugin-pool"));
            event.set(); // the Python worker waiting in ev.wait(30) wakes
            py.exec("result = fut.result(30)\nex.shutdown()");
            System.out.println("queue lock " + (mutex != null) + ", future condition "
                    + (condition != null) + ", pool thread seen " + poolThreadSeen
                    + ", worker woke " + py.get("result"));
            System.out.println("event set " + event.await(Duration.ofSeconds(1)));
        }
    }
}
