package io.jthreading;

import java.util.List;

/**
 * Python's half of a thread dump: the stack of every Python thread. Set by
 * {@code io.jthreading.python} while Python runs in this JVM ({@link Threads#setPythonStacks}).
 */
@FunctionalInterface
public interface PythonStacks {
    /**
     * One Python frame: its text ({@code File "x.py", line 3, in f}, then the source line) and
     * whether Java called it (a jthreading entry point: where a crossing from Java begins).
     */
    record Frame(String text, boolean enteredFromJava) {
    }

    /** A Python thread: its OS thread id (0 if unknown), Python's ident, its frames outermost first. */
    record Stack(long nativeId, long pythonIdent, String name, List<Frame> frames) {
        public Stack {
            frames = List.copyOf(frames);
        }
    }

    /** The stacks now (run on a thread of its own, with a time limit: see {@link ThreadDump}). */
    List<Stack> snapshot();
}
