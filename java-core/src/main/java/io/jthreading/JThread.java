package io.jthreading;

import java.time.Duration;

import io.jthreading.internal.Held;
import io.jthreading.internal.NativeIds;
import io.jthreading.internal.PrimitiveIds;
import io.jthreading.internal.SharedWord;
import io.jthreading.internal.Waits;

/**
 * Python's {@code threading.Thread}, for Java and Python alike; named JThread so that it never
 * shadows {@link java.lang.Thread}.
 *
 * <p>Lifecycle (CPython's): {@code NEW --start--> STARTING --the thread runs--> RUNNING
 * --run() returns or throws--> STOPPED}. A thread is alive only while RUNNING; joining waits for
 * STOPPED. Java code starts a JThread with {@link #start()} (a new {@link java.lang.Thread}
 * runs {@link #run()}, the target by default: override it as Python code overrides
 * {@code run}). Python's façade starts Python targets on a thread of its own and reports the
 * lifecycle with {@link #markStarting()}, {@link #bootstrap()} and {@link #finish()}.
 *
 * <p>Identity: {@link #ident()} is the Java thread id, the same number from both languages;
 * {@link #nativeId()} is the OS thread id. A thread jthreading starts carries its name in Java
 * too ({@link java.lang.Thread#getName()}).
 */
public class JThread implements Held {
    private enum State { NEW, STARTING, RUNNING, STOPPED }

    private final Runnable target;
    /** A record of a thread jthreading did not start: its life is the Java thread's. */
    private final boolean foreign;
    private final Event started = new Event();
    private final Event stopped = new Event();
    private final long id = PrimitiveIds.next();
    private volatile State state = State.NEW;
    private volatile String name;
    /** Counts renames, in shared memory: Python caches the name until the count moves. */
    private final SharedWord renames = new SharedWord();
    private volatile boolean daemon;
    private volatile java.lang.Thread thread;
    private volatile long nativeId;

    /** A thread that runs {@code target} (or, subclassed, its own {@link #run()}). */
    public JThread(Runnable target) {
        this(target, null, null);
    }

    public JThread(Runnable target, String name) {
        this(target, name, null);
    }

    /**
     * {@code Thread(target=, name=, daemon=)}: a {@code null} name is "Thread-N", a {@code null}
     * daemon flag is the current thread's (CPython's default).
     */
    public JThread(Runnable target, String name, Boolean daemon) {
        this.target = target;
        this.foreign = false;
        this.name = name != null ? name : Threads.newName("Thread-");
        this.daemon = daemon != null ? daemon : Threads.current().isDaemon();
    }

    /** A record for a thread jthreading did not start (the main thread, a "Dummy-N"). */
    JThread(java.lang.Thread existing, String name, boolean daemon) {
        this.target = null;
        this.foreign = true;
        this.name = name;
        this.daemon = daemon;
        this.thread = existing;
        this.nativeId = existing == java.lang.Thread.currentThread() ? NativeIds.current() : 0;
        this.state = State.RUNNING;
        started.set();
    }

    // ---- Lifecycle -----------------------------------------------------------------------

    /** {@code start()} from Java: runs {@link #run()} on a new Java thread; waits until it runs. */
    public void start() {
        markStarting();
        java.lang.Thread runner = new java.lang.Thread(null, this::runOnThisThread, name,
                Threads.stackSize());
        runner.setDaemon(daemon);
        try {
            runner.start();
        } catch (OutOfMemoryError e) {
            abortStart();
            throw new IllegalStateException("can't start new thread", e);
        }
        started.awaitUninterruptibly();
    }

    /** What the thread does: the target's {@code run()} unless overridden. */
    public void run() {
        if (target != null) {
            target.run();
        }
    }

    /** First step of a start: NEW to STARTING, or "threads can only be started once". */
    public void markStarting() {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("threads can only be started once");
            }
            state = State.STARTING;
        }
    }

    /** The new thread could not be created: back to NEW, as CPython allows another start. */
    public void abortStart() {
        synchronized (this) {
            if (state == State.STARTING) {
                state = State.NEW;
            }
        }
    }

    /** Called on the new thread before it runs anything: binds it, registers it, wakes start(). */
    public void bootstrap() {
        java.lang.Thread current = java.lang.Thread.currentThread();
        thread = current;
        nativeId = NativeIds.current();
        NativeIds.remember(current);
        if (!current.getName().equals(name)) {
            current.setName(name);
        }
        state = State.RUNNING;
        Threads.register(this);
        started.set();
    }

    /** Called on the thread when it is done: unregisters it and releases joiners. */
    public void finish() {
        state = State.STOPPED;
        Threads.unregister(this);
        stopped.set();
    }

    /** Waits until {@link #bootstrap()} ran (Python's {@code start()} does). */
    public void awaitStarted() {
        started.awaitUninterruptibly();
    }

    private void runOnThisThread() {
        bootstrap();
        try {
            run();
        } catch (Throwable error) {
            Threads.exceptHook().uncaught(this, error);
        } finally {
            finish();
        }
    }

    // ---- join ----------------------------------------------------------------------------

    /** {@code join()}. */
    public void join() throws InterruptedException {
        joinNanos(Timeouts.FOREVER);
    }

    /** {@code join(timeout)}; {@code true} if the thread has ended. */
    public boolean join(Duration timeout) throws InterruptedException {
        return joinNanos(Timeouts.javaWaitNanos(Timeouts.durationToNanos(timeout)));
    }

    /** CPython's checks before a join, with its messages. */
    public void checkJoinable() {
        if (state == State.NEW || state == State.STARTING && !started.isSet()) {
            throw new IllegalStateException("cannot join thread before it is started");
        }
        if (thread == java.lang.Thread.currentThread() && state == State.RUNNING) {
            throw new IllegalStateException("cannot join current thread");
        }
    }

    /** {@code join(timeout)} in nanoseconds ({@link Timeouts#FOREVER}: none); {@code true} if ended. */
    public boolean joinNanos(long nanos) throws InterruptedException {
        checkJoinable();
        Waits.Wait wait = Waits.enter(this, "join");
        try {
            if (foreign) {
                return joinForeign(nanos);
            }
            if (nanos == Timeouts.FOREVER) {
                stopped.await();
            } else {
                stopped.awaitNanos(Math.max(0, nanos));
            }
            return !isAlive();
        } finally {
            Waits.exit(wait);
        }
    }

    /** A joiner waits for the thread itself while it lives. */
    @Override
    public long[] holderIdents() {
        Long ident = ident();
        return ident != null && isAlive() ? new long[] {ident} : Held.NONE;
    }

    // ---- State -----------------------------------------------------------------------------

    /** {@code is_alive()}: started and not yet finished. */
    public boolean isAlive() {
        if (state != State.RUNNING) {
            return false;
        }
        java.lang.Thread bound = thread;
        return isStartedByJthreading() || bound == null || bound.isAlive();
    }

    public boolean isStarted() {
        return started.isSet();
    }

    public boolean isStopped() {
        return state == State.STOPPED || state == State.RUNNING && !isAlive();
    }

    public String getName() {
        return name;
    }

    /** Renames the record and, once running, the Java thread. */
    public void setName(String name) {
        this.name = name;
        for (int seen = renames.get(); !renames.compareAndSet(seen, seen + 1); seen = renames.get()) {
            // another rename raced: count both
        }
        java.lang.Thread bound = thread;
        if (bound != null && isStartedByJthreading()) {
            bound.setName(name);
        }
    }

    public boolean isDaemon() {
        return daemon;
    }

    /** {@code daemon = flag}: only before start ("cannot set daemon status of active thread"). */
    public void setDaemon(boolean daemon) {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("cannot set daemon status of active thread");
            }
            this.daemon = daemon;
        }
    }

    /** {@code ident}: the Java thread id once started, else {@code null}. */
    public Long ident() {
        java.lang.Thread bound = thread;
        return bound == null ? null : Threads.identOf(bound);
    }

    /**
     * The address of the rename count (a 32-bit word, bumped after every {@link #setName}), for
     * the Python side's name cache; valid while this object is reachable.
     */
    public long renameCountAddress() {
        return renames.address();
    }

    /** {@code native_id}: the OS thread id once started, else {@code null}. */
    public Long nativeId() {
        return thread == null || nativeId == 0 ? null : nativeId;
    }

    /** The Java thread running it, once started. */
    public java.lang.Thread javaThread() {
        return thread;
    }

    /** "initial", "started" or "stopped", as CPython's repr says. */
    public String status() {
        if (!started.isSet()) {
            return "initial";
        }
        return isStopped() ? "stopped" : "started";
    }

    public long id() {
        return id;
    }

    /** Started by jthreading (it reports its end), as opposed to a main or dummy record. */
    public boolean isStartedByJthreading() {
        return !foreign;
    }

    private boolean joinForeign(long nanos) throws InterruptedException {
        java.lang.Thread bound = thread;
        if (nanos == Timeouts.FOREVER) {
            bound.join();
        } else if (nanos > 0) {
            long millis = nanos / 1_000_000;
            bound.join(millis, (int) (nanos % 1_000_000));
        }
        return !bound.isAlive();
    }

    @Override
    public String toString() {
        String status = status();
        if (daemon) {
            status += " daemon";
        }
        Long ident = ident();
        if (ident != null) {
            status += " " + ident;
        }
        return "<JThread(" + name + ", " + status + ")>";
    }
}
