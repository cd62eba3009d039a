package io.jthreading.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OS thread ids (what Python's {@code get_native_id()} returns on Linux), read on the thread
 * itself and remembered, because Java cannot ask another thread for its id. The thread dump
 * matches Python's thread states to Java threads by this id: both are the same OS thread.
 */
public final class NativeIds {
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final ThreadLocal<Long> MINE = ThreadLocal.withInitial(NativeIds::read);
    private static final Map<Thread, Long> KNOWN = new ConcurrentHashMap<>();

    private NativeIds() {
    }

    /** The calling thread's OS thread id (0 where the platform does not say), cached. */
    public static long current() {
        return MINE.get();
    }

    /** Remembers the calling thread's id for {@link #of} (cheap after the first time). */
    public static void remember(Thread self) {
        if (!KNOWN.containsKey(self)) {
            KNOWN.put(self, current());
            KNOWN.keySet().removeIf(thread -> !thread.isAlive()); // rare: once per new thread
        }
    }

    /** The OS thread id of a thread that went through {@link #remember}, or 0. */
    public static long of(Thread thread) {
        Long id = KNOWN.get(thread);
        return id == null ? 0 : id;
    }

    /** Linux: /proc/thread-self links to "PID/task/TID". 0 where that is not available. */
    private static long read() {
        try {
            Path target = Files.readSymbolicLink(THREAD_SELF);
            return Long.parseLong(target.getFileName().toString());
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return 0;
        }
    }
}
