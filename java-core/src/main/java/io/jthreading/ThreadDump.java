package io.jthreading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.jthreading.internal.NativeIds;
import io.jthreading.internal.Waits;

/**
 * One report of every live thread of both languages ({@link Threads#dump}): per thread its name,
 * ident, native id, daemon flag and languages; what jthreading primitive it waits on, for how
 * long, and who holds it; its Java and Python frames interleaved where it crosses the border;
 * then the deadlocks.
 *
 * <p>How frames interleave: each call from Java into Python leaves one native {@code jep.*}
 * frame on the Java stack, and Python's frames of that call begin at a jthreading entry point
 * (see {@link PythonStacks.Frame#enteredFromJava}). When the counts agree, the Python frames go
 * where they ran; when they do not (Python called back in without an entry point), the Python
 * frames are printed whole above the innermost crossing, and the dump says so.
 */
final class ThreadDump {
    /** How long Python may take to give its stacks (it needs the GIL). */
    private static final long PYTHON_WAIT_MILLIS = 3000;

    private final Appendable out;
    private final Map<Long, PythonStacks.Stack> pythonByNativeId = new HashMap<>();
    private final List<PythonStacks.Stack> pythonOnly = new ArrayList<>();
    private String pythonNote;
    private java.lang.Thread helper;

    private ThreadDump(Appendable out) {
        this.out = out;
    }

    static void write(Appendable out) {
        try {
            new ThreadDump(out).writeAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String describeThread(String name, long ident) {
        return "\"" + name + "\" (ident " + ident + ")";
    }

    static String describePrimitive(Object primitive) {
        return primitive + " @" + Integer.toHexString(System.identityHashCode(primitive));
    }

    static String nameOf(java.lang.Thread thread) {
        JThread record = Threads.recordOf(Threads.identOf(thread));
        return record != null ? record.getName() : thread.getName();
    }

    private void writeAll() throws IOException {
        readPythonStacks();
        Map<java.lang.Thread, StackTraceElement[]> stacks = java.lang.Thread.getAllStackTraces();
        stacks.remove(helper);
        List<java.lang.Thread> threads = new ArrayList<>(stacks.keySet());
        threads.sort(Comparator.comparingLong(Threads::identOf));
        pythonOnly.addAll(pythonByNativeId.values());
        line("jthreading thread dump " + Instant.now() + ", pid " + ProcessHandle.current().pid()
                + ": " + threads.size() + " Java threads, " + pythonByNativeId.size()
                + " Python threads");
        if (pythonNote != null) {
            line(pythonNote);
        }
        for (java.lang.Thread thread : threads) {
            writeJavaThread(thread, stacks.get(thread));
        }
        pythonOnly.sort(Comparator.comparingLong(PythonStacks.Stack::pythonIdent));
        for (PythonStacks.Stack stack : pythonOnly) {
            line("");
            line("\"" + stack.name() + "\" python_ident=" + stack.pythonIdent() + " native_id="
                    + stack.nativeId() + " languages=Python (no Java thread)");
            writeFrames(List.of(), stack.frames());
        }
        writeDeadlocks();
    }

    private void writeJavaThread(java.lang.Thread thread, StackTraceElement[] javaFrames)
            throws IOException {
        long ident = Threads.identOf(thread);
        JThread record = Threads.recordOf(ident);
        long nativeId = record != null && record.nativeId() != null && record.nativeId() != 0
                ? record.nativeId() : NativeIds.of(thread);
        PythonStacks.Stack python = nativeId != 0 ? pythonByNativeId.get(nativeId) : null;
        if (python != null) {
            pythonOnly.remove(python);
        }
        List<PythonStacks.Frame> pythonFrames = python != null ? python.frames() : List.of();
        boolean daemon = record != null ? record.isDaemon() : thread.isDaemon();
        String languages = javaFrames.length == 0 ? "Python"
                : pythonFrames.isEmpty() ? "Java" : "Java+Python";
        if (javaFrames.length == 0 && pythonFrames.isEmpty()) {
            languages = python != null ? "Python" : "Java";
        }
        line("");
        line("\"" + nameOf(thread) + "\" ident=" + ident
                + " native_id=" + (nativeId != 0 ? Long.toString(nativeId) : "?")
                + " daemon=" + (daemon ? "True" : "False") + " languages=" + languages
                + " state=" + thread.getState());
        Waits.Wait wait = Waits.of(thread);
        if (wait != null) {
            line("    waiting " + seconds(System.nanoTime() - wait.sinceNanos()) + " in "
                    + wait.operation() + " on " + describePrimitive(wait.primitive())
                    + holdersText(wait.holders()));
        }
        List<StackTraceElement> outermostFirst = new ArrayList<>(List.of(javaFrames));
        java.util.Collections.reverse(outermostFirst);
        writeFrames(outermostFirst, pythonFrames);
    }

    private static String holdersText(long[] holders) {
        if (holders.length == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder(", held by ");
        for (int i = 0; i < holders.length; i++) {
            JThread record = Threads.recordOf(holders[i]);
            java.lang.Thread thread = record == null ? findThread(holders[i]) : null;
            String name = record != null ? record.getName()
                    : thread != null ? thread.getName() : "(ended thread)";
            text.append(i == 0 ? "" : ", ").append(describeThread(name, holders[i]));
        }
        return text.toString();
    }

    private static java.lang.Thread findThread(long ident) {
        for (java.lang.Thread thread : java.lang.Thread.getAllStackTraces().keySet()) {
            if (Threads.identOf(thread) == ident) {
                return thread;
            }
        }
        return null;
    }

    /**
     * Prints innermost first (as jstack does) the Java frames with the Python frames spliced in at
     * the crossings; both lists come outermost first.
     */
    private void writeFrames(List<StackTraceElement> java, List<PythonStacks.Frame> python)
            throws IOException {
        List<Integer> crossings = new ArrayList<>(); // Java frames that called into Python
        for (int i = 0; i < java.size(); i++) {
            if (java.get(i).isNativeMethod() && java.get(i).getClassName().startsWith("jep.")) {
                crossings.add(i);
            }
        }
        List<List<PythonStacks.Frame>> segments = segments(python);
        List<String> lines = new ArrayList<>(); // outermost first
        boolean pythonFirst = segments.size() == crossings.size() + 1;
        if (segments.isEmpty() || pythonFirst || segments.size() == crossings.size()) {
            int segment = 0;
            if (pythonFirst) {
                addPython(lines, segments.get(segment++));
            }
            for (int i = 0; i < java.size(); i++) {
                lines.add(javaLine(java.get(i)));
                if (crossings.contains(i) && segment < segments.size()) {
                    addPython(lines, segments.get(segment++));
                }
            }
        } else {
            int innermost = crossings.isEmpty() ? -1 : crossings.get(crossings.size() - 1);
            if (innermost < 0) {
                addPython(lines, python);
            }
            for (int i = 0; i < java.size(); i++) {
                lines.add(javaLine(java.get(i)));
                if (i == innermost) {
                    lines.add("\t(" + segments.size() + " Python calls for " + crossings.size()
                            + " crossings from Java: Python frames shown together)");
                    addPython(lines, python);
                }
            }
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            line(lines.get(i));
        }
    }

    /** As jstack prints a frame, without the module and class loader prefixes. */
    private static String javaLine(StackTraceElement frame) {
        String where = frame.isNativeMethod() ? "Native Method"
                : frame.getFileName() == null ? "Unknown Source"
                : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber()
                : frame.getFileName();
        return "\tat " + frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }

    /** Python frames split where Java called in; a leading empty part is dropped. */
    private static List<List<PythonStacks.Frame>> segments(List<PythonStacks.Frame> python) {
        List<List<PythonStacks.Frame>> segments = new ArrayList<>();
        for (PythonStacks.Frame frame : python) {
            if (segments.isEmpty() || frame.enteredFromJava()) {
                segments.add(new ArrayList<>());
            }
            segments.get(segments.size() - 1).add(frame);
        }
        return segments;
    }

    private static void addPython(List<String> lines, List<PythonStacks.Frame> frames) {
        for (PythonStacks.Frame frame : frames) {
            // A frame's text is "File ..., line N, in f" and maybe "\n    source": one line each.
            String[] parts = frame.text().split("\n");
            for (int i = parts.length - 1; i >= 0; i--) {
                if (!parts[i].isBlank()) {
                    lines.add("\tpy " + (i == 0 ? "" : "    ") + parts[i].strip());
                }
            }
        }
    }

    private void writeDeadlocks() throws IOException {
        List<Deadlock> deadlocks = Threads.findDeadlocks();
        line("");
        if (deadlocks.isEmpty()) {
            line("No deadlock found.");
            return;
        }
        line("Found " + deadlocks.size() + (deadlocks.size() == 1 ? " deadlock:" : " deadlocks:"));
        for (Deadlock deadlock : deadlocks) {
            line("  " + deadlock);
        }
    }

    /** Asks Python for its stacks on a thread of its own, so a stuck GIL cannot stop the dump. */
    private void readPythonStacks() {
        PythonStacks provider = Threads.pythonStacks();
        if (provider == null) {
            return;
        }
        CompletableFuture<List<PythonStacks.Stack>> answer = new CompletableFuture<>();
        helper = new java.lang.Thread(() -> {
            try {
                answer.complete(provider.snapshot());
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        }, "jthreading-dump-python");
        helper.setDaemon(true);
        helper.start();
        try {
            for (PythonStacks.Stack stack : answer.get(PYTHON_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                pythonByNativeId.put(stack.nativeId() != 0 ? stack.nativeId() : -stack.pythonIdent(),
                        stack);
            }
        } catch (TimeoutException e) {
            pythonNote = "Python stacks unavailable: Python did not answer within "
                    + PYTHON_WAIT_MILLIS + " ms (a thread may hold the GIL)";
        } catch (ExecutionException e) {
            pythonNote = "Python stacks unavailable: " + e.getCause();
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
            pythonNote = "Python stacks unavailable: interrupted";
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private void line(String text) throws IOException {
        out.append(text).append('\n');
    }
}
