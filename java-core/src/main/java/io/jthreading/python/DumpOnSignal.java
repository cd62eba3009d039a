package io.jthreading.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.jthreading.Threads;
import sun.misc.Signal;

/**
 * The thread dump from outside a running process: on SIGUSR2 the JVM writes
 * {@link Threads#dump} to stderr and to {@code <java.io.tmpdir>/jthreading-dump-<pid>.txt}
 * (replaced whole, so a reader never sees half of it). {@code jthreading dump PID} sends the
 * signal and prints the file.
 *
 * <p>SIGUSR2's default action ends a process, so the command must not send it to one that does
 * not handle it: {@link #install} leaves {@code jthreading-dump-<pid>.ready} beside the dump,
 * removed when the JVM exits, and the command refuses without it. The launcher installs it; a
 * Java host may call {@link #install} itself.
 */
public final class DumpOnSignal {
    private static final Signal SIGUSR2 = new Signal("USR2");
    private static boolean installed;

    private DumpOnSignal() {
    }

    /** Handles SIGUSR2 from now on (idempotent). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        Signal.handle(SIGUSR2, signal -> write());
        try {
            Path ready = file("ready");
            Files.writeString(ready, Long.toString(ProcessHandle.current().pid()));
            ready.toFile().deleteOnExit();
            file("txt").toFile().deleteOnExit();
        } catch (IOException e) {
            System.err.println("jthreading: thread dumps on SIGUSR2 disabled: " + e);
            Signal.handle(SIGUSR2, sun.misc.SignalHandler.SIG_DFL);
            return;
        }
        installed = true;
    }

    /** Where the dump goes: {@code <java.io.tmpdir>/jthreading-dump-<pid>.txt}. */
    public static Path dumpFile() {
        return file("txt");
    }

    private static Path file(String suffix) {
        return Path.of(System.getProperty("java.io.tmpdir"),
                "jthreading-dump-" + ProcessHandle.current().pid() + "." + suffix);
    }

    private static void write() {
        String dump = Threads.dump();
        System.err.print(dump);
        System.err.flush();
        try {
            Path target = dumpFile();
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.writeString(partial, dump, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("jthreading: could not write the thread dump: " + e);
        }
    }
}
