package io.jthreading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The OS thread id of the calling thread (what Python's get_native_id() returns on Linux). */
final class NativeThreadIds {
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private NativeThreadIds() {
    }

    /** Linux: /proc/thread-self links to "PID/task/TID". 0 where that is not available. */
    static long current() {
        try {
            Path target = Files.readSymbolicLink(THREAD_SELF);
            return Long.parseLong(target.getFileName().toString());
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return 0;
        }
    }
}
