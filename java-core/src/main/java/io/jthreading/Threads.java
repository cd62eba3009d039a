package io.jthreading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.jthreading.internal.NativeIds;
import io.jthreading.internal.WaitForGraph;
import io.jthreading.internal.Waits;

/**
 * Python's threading module functions, for both languages: {@code current_thread()},
 * {@code enumerate()}, {@code active_count()}, {@code main_thread()}, {@code get_ident()},
 * {@code stack_size()}, and the hook for exceptions escaping a Java {@link JThread}.
 *
 * <p>The registry maps each live thread's ident (its Java thread id) to its {@link JThread}.
 * Threads jthreading did not start get a record the first time they ask who they are: the
 * JVM's main thread is "MainThread", any other is a daemon "Dummy-N", as in CPython.
 */
public final class Threads {
    /** Below this, CPython refuses a stack size (its THREAD_STACK_MIN). */
    private static final long STACK_MIN = 32768;

    private static final ConcurrentHashMap<Long, JThread> LIVE = new ConcurrentHashMap<>();
    private static final AtomicLong NAME_COUNTER = new AtomicLong();
    private static final JThread MAIN = recordMainThread();
    private static volatile long stackSize;
    private static volatile ExceptHook exceptHook = Threads::printUncaught;
    private static volatile PythonStacks pythonStacks;

    private Threads() {
    }

    /** What happens to an exception that escapes a Java {@link JThread#run()}. */
    @FunctionalInterface
    public interface ExceptHook {
        void uncaught(JThread thread, Throwable error);
    }

    /** {@code get_ident()}: the calling thread's Java thread id. */
    public static long getIdent() {
        return identOf(java.lang.Thread.currentThread());
    }

    /** A Java thread's ident: its thread id (never reused while the JVM lives). */
    @SuppressWarnings("deprecation") // Thread.threadId() exists only from Java 19
    public static long identOf(java.lang.Thread thread) {
        return thread.getId();
    }

    /** {@code get_native_id()}: the calling thread's OS thread id. */
    public static long getNativeId() {
        return NativeIds.current();
    }

    /**
     * {@code current_thread()}. A thread jthreading did not start gets a record the first time:
     * named and flagged as its Java thread is (unless Python adopted it first, see
     * {@link #adoptCurrent}).
     */
    public static JThread current() {
        java.lang.Thread self = java.lang.Thread.currentThread();
        JThread known = LIVE.get(identOf(self));
        if (known != null) {
            return known;
        }
        return recordCurrent(self.getName(), self.isDaemon());
    }

    /** The calling thread's record, or {@code null} if it has none yet. */
    public static JThread currentIfKnown() {
        return LIVE.get(getIdent());
    }

    /**
     * Records the calling thread (which has no record yet) under the name and daemon flag its
     * creator gave it: Python's view of a thread Python's own {@code threading} started. The Java
     * thread takes that name too, so both languages see one name.
     */
    public static JThread adoptCurrent(String name, boolean daemon) {
        java.lang.Thread self = java.lang.Thread.currentThread();
        JThread known = LIVE.get(identOf(self));
        if (known != null) {
            return known;
        }
        self.setName(name);
        return recordCurrent(name, daemon);
    }

    private static JThread recordCurrent(String name, boolean daemon) {
        java.lang.Thread self = java.lang.Thread.currentThread();
        NativeIds.remember(self);
        JThread record = new JThread(self, name, daemon);
        JThread raced = LIVE.putIfAbsent(identOf(self), record);
        return raced != null ? raced : record;
    }

    /** {@code main_thread()}: the JVM's main thread. */
    public static JThread mainThread() {
        return MAIN;
    }

    /** {@code enumerate()}: every live thread with a record. */
    public static List<JThread> enumerate() {
        List<JThread> alive = new ArrayList<>();
        for (JThread thread : LIVE.values()) {
            if (thread.isAlive()) {
                alive.add(thread);
            } else if (thread.isStopped()) {
                LIVE.remove(thread.ident(), thread); // a foreign thread that ended
            }
        }
        return alive;
    }

    /**
     * The {@link JThread#id()}s of {@link #enumerate()}'s threads: the Python side maps them to
     * the thread objects it holds, without a Java object crossing per thread.
     */
    public static long[] enumerateIds() {
        List<JThread> alive = enumerate();
        long[] ids = new long[alive.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = alive.get(i).id();
        }
        return ids;
    }

    /** {@code active_count()}. */
    public static int activeCount() {
        return enumerate().size();
    }

    /**
     * What CPython does before it exits ({@code threading._shutdown}): waits until every
     * non-daemon thread jthreading started has ended, including threads those start meanwhile.
     */
    public static void awaitNonDaemonThreads() throws InterruptedException {
        java.lang.Thread self = java.lang.Thread.currentThread();
        for (;;) {
            JThread pending = null;
            for (JThread thread : LIVE.values()) {
                if (!thread.isDaemon() && thread.isStartedByJthreading() && thread.isAlive()
                        && thread.javaThread() != self) {
                    pending = thread;
                    break;
                }
            }
            if (pending == null) {
                return;
            }
            pending.join();
        }
    }

    /** {@code stack_size()}: the size for new threads, 0 for the platform's default. */
    public static long stackSize() {
        return stackSize;
    }

    /** {@code stack_size(size)}: sets it, returns the old one; CPython's checks and messages. */
    public static long stackSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be 0 or a positive value");
        }
        if (size != 0 && size < STACK_MIN) {
            throw new IllegalArgumentException("size not valid: " + size + " bytes");
        }
        long old = stackSize;
        stackSize = size;
        return old;
    }

    // ---- Seeing inside: thread dump and deadlocks --------------------------------------------

    /**
     * Writes one report of every live thread of both languages: name, ident, native id, daemon
     * flag, languages, what it waits on and who holds that, and its Java and Python frames
     * interleaved; then the deadlocks (see {@link ThreadDump}).
     */
    public static void dump(Appendable out) {
        ThreadDump.write(out);
    }

    /** {@link #dump(Appendable)} as a string. */
    public static String dump() {
        StringBuilder text = new StringBuilder();
        ThreadDump.write(text);
        return text.toString();
    }

    /**
     * The cycles of threads, Java and Python alike, each waiting on a jthreading primitive held
     * by the next (see {@link Deadlock} for what "held" means); each cycle once, starting at its
     * smallest ident; confirmed by a second look, so a wait that just ended is not reported.
     */
    public static List<Deadlock> findDeadlocks() {
        List<Deadlock> deadlocks = new ArrayList<>();
        List<List<Waits.Wait>> cycles = WaitForGraph.confirmedCycles();
        long now = System.nanoTime(); // after the waits were seen: no wait began later
        for (List<Waits.Wait> cycle : cycles) {
            List<Deadlock.Link> links = new ArrayList<>();
            for (Waits.Wait wait : cycle) {
                links.add(new Deadlock.Link(wait.ident(), ThreadDump.nameOf(wait.thread()),
                        wait.thread(), wait.primitive(), wait.operation(),
                        now - wait.sinceNanos()));
            }
            deadlocks.add(new Deadlock(links));
        }
        return deadlocks;
    }

    /**
     * Starts a watchdog: every {@code interval} it looks for deadlocks and calls {@code hook}
     * once per new one ({@code null}: the thread dump on stderr). Close it to stop it.
     */
    public static Watchdog startWatchdog(Duration interval, Consumer<? super Deadlock> hook) {
        return new Watchdog(interval, hook);
    }

    /** For io.jthreading.python: Python's stacks for {@link #dump} ({@code null}: none). */
    public static void setPythonStacks(PythonStacks provider) {
        pythonStacks = provider;
    }

    static PythonStacks pythonStacks() {
        return pythonStacks;
    }

    /** The record of a live thread by ident, or {@code null} (never creates one). */
    public static JThread recordOf(long ident) {
        return LIVE.get(ident);
    }

    public static ExceptHook exceptHook() {
        return exceptHook;
    }

    public static void setExceptHook(ExceptHook hook) {
        exceptHook = hook != null ? hook : Threads::printUncaught;
    }

    // ---- For JThread ---------------------------------------------------------------------

    /** "Thread-N", "Dummy-N": one counter for all, as CPython's {@code _newname}. */
    public static String newName(String prefix) {
        return prefix + NAME_COUNTER.incrementAndGet();
    }

    static void register(JThread thread) {
        LIVE.put(thread.ident(), thread);
    }

    static void unregister(JThread thread) {
        Long ident = thread.ident();
        if (ident != null) {
            LIVE.remove(ident, thread);
        }
    }

    private static JThread recordMainThread() {
        java.lang.Thread main = findJavaMainThread();
        JThread record = new JThread(main, "MainThread", false);
        LIVE.put(identOf(main), record);
        return record;
    }

    private static java.lang.Thread findJavaMainThread() {
        java.lang.Thread self = java.lang.Thread.currentThread();
        if ("main".equals(self.getName())) {
            return self;
        }
        for (java.lang.Thread candidate : java.lang.Thread.getAllStackTraces().keySet()) {
            if ("main".equals(candidate.getName()) && candidate.getThreadGroup() != null
                    && "main".equals(candidate.getThreadGroup().getName())) {
                return candidate;
            }
        }
        return self; // no main thread left: the first thread to use jthreading stands in
    }

    /** Java's counterpart of CPython's default excepthook. */
    private static void printUncaught(JThread thread, Throwable error) {
        synchronized (System.err) {
            System.err.println("Exception in thread " + thread.getName() + ":");
            error.printStackTrace(System.err);
        }
    }
}
