package io.jthreading;

import static io.jthreading.TestThreads.assertNoFailure;
import static io.jthreading.TestThreads.awaitParked;
import static io.jthreading.TestThreads.awaitTrue;
import static io.jthreading.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/** The Java API of {@link JThread}, {@link Threads} and {@link Timer}: Python's threading rules. */
@Timeout(20)
class JThreadTest {
    private static final Pattern THREAD_N = Pattern.compile("Thread-(\\d+)");

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    /** Released after each test, so that no blocking target outlives its test. */
    private final Event letGo = new Event();

    @AfterEach
    void releaseTargetsAndRestoreGlobals() {
        letGo.set();
        Threads.setExceptHook(null);
        Threads.stackSize(0);
    }

    /** A daemon JThread running {@code target}, started, its Java thread tracked for cleanup. */
    private JThread startDaemon(String name, Runnable target) {
        JThread thread = new JThread(target, name, true);
        thread.start();
        threads.track(thread.javaThread());
        return thread;
    }

    /** A target that blocks until {@link #letGo} is set. */
    private Runnable blockUntilLetGo() {
        return letGo::awaitUninterruptibly;
    }

    private static void awaitEnd(JThread thread) throws InterruptedException {
        assertTrue(thread.join(Duration.ofMillis(TestThreads.BLOCK_WAIT_MILLIS)),
                thread.getName() + " is still running");
        assertFalse(thread.isAlive());
    }

    private static void assertMessage(Class<? extends Throwable> type, String message,
            Executable call) {
        Throwable e = assertThrows(type, call);
        assertEquals(message, e.getMessage());
    }

    // ---- running -------------------------------------------------------------------------------------

    @Test
    void runsTheTargetOnItsOwnJavaThreadNamedLikeIt() throws InterruptedException {
        AtomicReference<Thread> runner = new AtomicReference<>();
        AtomicReference<JThread> current = new AtomicReference<>();
        JThread thread = startDaemon("worker-x", () -> {
            runner.set(Thread.currentThread());
            current.set(Threads.current());
        });
        awaitEnd(thread);
        assertNotNull(runner.get());
        assertNotEquals(Thread.currentThread(), runner.get());
        assertEquals("worker-x", runner.get().getName());
        assertSame(thread, current.get(), "current() in the thread is its JThread");
        assertSame(runner.get(), thread.javaThread());
        assertTrue(runner.get().isDaemon());
    }

    @Test
    void subclassMayOverrideRun() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        JThread thread = new JThread((Runnable) null, "sub", true) {
            @Override
            public void run() {
                runs.incrementAndGet();
            }
        };
        thread.start();
        awaitEnd(thread);
        assertEquals(1, runs.get());
    }

    @Test
    void nullTargetRunsNothing() throws InterruptedException {
        JThread thread = startDaemon("empty", null);
        awaitEnd(thread);
        assertEquals("stopped", thread.status());
    }

    @Test
    void startReturnsOnceTheThreadRuns() {
        JThread thread = startDaemon("blocked", blockUntilLetGo());
        assertTrue(thread.isAlive(), "start() must wait until the thread runs");
        assertTrue(thread.isStarted());
        assertNotNull(thread.ident());
        assertEquals("started", thread.status());
    }

    @Test
    void lifecycleInitialStartedStopped() throws InterruptedException {
        JThread thread = new JThread(blockUntilLetGo(), "life", true);
        assertFalse(thread.isAlive());
        assertFalse(thread.isStarted());
        assertFalse(thread.isStopped());
        assertEquals("initial", thread.status());
        assertEquals("<JThread(life, initial daemon)>", thread.toString());
        thread.start();
        threads.track(thread.javaThread());
        assertTrue(thread.isAlive());
        assertFalse(thread.isStopped());
        assertEquals("<JThread(life, started daemon " + thread.ident() + ")>", thread.toString());
        letGo.set();
        awaitEnd(thread);
        assertFalse(thread.isAlive());
        assertTrue(thread.isStopped());
        assertEquals("stopped", thread.status());
        assertTrue(thread.toString().startsWith("<JThread(life, stopped daemon "),
                thread.toString());
    }

    // ---- names, idents, daemon ---------------------------------------------------------------------------

    @Test
    void defaultNamesAreThreadN() {
        JThread first = new JThread((Runnable) null);
        JThread second = new JThread((Runnable) null, null, true);
        Matcher a = THREAD_N.matcher(first.getName());
        Matcher b = THREAD_N.matcher(second.getName());
        assertTrue(a.matches(), first.getName());
        assertTrue(b.matches(), second.getName());
        assertTrue(Long.parseLong(b.group(1)) > Long.parseLong(a.group(1)),
                "the counter goes up: " + first.getName() + ", " + second.getName());
        assertTrue(THREAD_N.matcher(new Timer(Duration.ZERO, null).getName()).matches(),
                "a Timer is a Thread-N too");
    }

    @Test
    void setNameRenamesTheRunningJavaThread() {
        JThread thread = startDaemon("before", blockUntilLetGo());
        thread.setName("after");
        assertEquals("after", thread.getName());
        assertEquals("after", thread.javaThread().getName());
    }

    @Test
    void identIsTheJavaThreadIdAndNativeIdTheOsThreadId() throws InterruptedException {
        AtomicLong javaId = new AtomicLong();
        AtomicLong identInside = new AtomicLong();
        AtomicLong nativeInside = new AtomicLong();
        JThread thread = new JThread(() -> {
            javaId.set(Thread.currentThread().getId());
            identInside.set(Threads.getIdent());
            nativeInside.set(Threads.getNativeId());
        }, "ids", true);
        assertNull(thread.ident(), "ident is None before start");
        assertNull(thread.nativeId(), "native_id is None before start");
        assertNull(thread.javaThread());
        thread.start();
        awaitEnd(thread);
        assertEquals(javaId.get(), (long) thread.ident());
        assertEquals(javaId.get(), identInside.get());
        assertNotNull(thread.nativeId());
        assertTrue(thread.nativeId() > 0, "native_id is positive on Linux: " + thread.nativeId());
        assertEquals(nativeInside.get(), (long) thread.nativeId());
        assertNotEquals(Threads.getNativeId(), (long) thread.nativeId());
        assertEquals((Long) javaId.get(), thread.ident(), "ident is kept after the thread ends");
    }

    @Test
    void daemonDefaultsToTheCreatingThreads() throws InterruptedException {
        assertEquals(Threads.current().isDaemon(), new JThread((Runnable) null).isDaemon());
        // A plain Java thread is a daemon "Dummy-N" to jthreading, as in CPython.
        AtomicBoolean fromDummy = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread plain = threads.spawn("plain", failure,
                () -> fromDummy.set(new JThread((Runnable) null).isDaemon()));
        joinOrFail(plain);
        assertNoFailure(failure);
        assertTrue(fromDummy.get());
        // Inside a non-daemon JThread, new threads are not daemons.
        AtomicBoolean fromNonDaemon = new AtomicBoolean(true);
        JThread parent = new JThread(() -> fromNonDaemon.set(new JThread((Runnable) null).isDaemon()),
                "parent", false);
        parent.start();
        awaitEnd(parent);
        assertFalse(fromNonDaemon.get());
    }

    @Test
    void daemonFlagIsTheJavaThreadsFlag() throws InterruptedException {
        AtomicBoolean javaDaemon = new AtomicBoolean(true);
        JThread thread = new JThread(() -> javaDaemon.set(Thread.currentThread().isDaemon()),
                "not-daemon", true);
        thread.setDaemon(false);
        assertFalse(thread.isDaemon());
        thread.start();
        awaitEnd(thread);
        assertFalse(javaDaemon.get());
    }

    // ---- misuse, with CPython's messages ----------------------------------------------------------------

    @Test
    void startingTwiceThrows() throws InterruptedException {
        JThread thread = startDaemon("twice", blockUntilLetGo());
        assertMessage(IllegalStateException.class, "threads can only be started once",
                thread::start);
        letGo.set();
        awaitEnd(thread);
        assertMessage(IllegalStateException.class, "threads can only be started once",
                thread::start);
    }

    @Test
    void joiningBeforeStartThrows() {
        JThread thread = new JThread((Runnable) null, "unstarted", true);
        String message = "cannot join thread before it is started";
        assertMessage(IllegalStateException.class, message, thread::join);
        assertMessage(IllegalStateException.class, message, () -> thread.join(Duration.ZERO));
        assertMessage(IllegalStateException.class, message, () -> thread.joinNanos(0));
    }

    @Test
    void joiningItselfThrows() throws InterruptedException {
        AtomicReference<Throwable> joinSelf = new AtomicReference<>();
        AtomicReference<Throwable> joinCurrent = new AtomicReference<>();
        JThread[] self = new JThread[1];
        self[0] = new JThread(() -> {
            joinSelf.set(assertThrows(IllegalStateException.class, () -> self[0].join()));
            joinCurrent.set(assertThrows(IllegalStateException.class,
                    () -> Threads.current().join(Duration.ofSeconds(1))));
        }, "self-joiner", true);
        self[0].start();
        awaitEnd(self[0]);
        assertEquals("cannot join current thread", joinSelf.get().getMessage());
        assertEquals("cannot join current thread", joinCurrent.get().getMessage());
    }

    @Test
    void aForeignThreadCannotJoinItselfEither() {
        assertMessage(IllegalStateException.class, "cannot join current thread",
                () -> Threads.current().join());
    }

    @Test
    void settingDaemonAfterStartThrows() throws InterruptedException {
        String message = "cannot set daemon status of active thread";
        JThread thread = startDaemon("running", blockUntilLetGo());
        assertMessage(IllegalStateException.class, message, () -> thread.setDaemon(false));
        assertTrue(thread.isDaemon());
        letGo.set();
        awaitEnd(thread);
        assertMessage(IllegalStateException.class, message, () -> thread.setDaemon(true));
    }

    // ---- join -----------------------------------------------------------------------------------------------

    @Test
    void boundedJoinOfARunningThreadReturnsFalse() throws InterruptedException {
        JThread thread = startDaemon("running", blockUntilLetGo());
        assertFalse(thread.join(Duration.ofMillis(20)));
        assertFalse(thread.join(Duration.ZERO));
        assertFalse(thread.join(Duration.ofSeconds(-1)), "CPython: join(-1) returns at once");
        assertFalse(thread.joinNanos(0));
        assertTrue(thread.isAlive());
        letGo.set();
        thread.join();
        assertFalse(thread.isAlive());
        assertTrue(thread.join(Duration.ZERO), "joining an ended thread returns at once");
    }

    @Test
    void joinWaitsForTheEndOfRun() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        JThread thread = startDaemon("slow", () -> {
            running.countDown();
            letGo.awaitUninterruptibly();
            ran.set(true);
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread joiner = threads.spawn("joiner", failure, thread::join);
        awaitParked(joiner);
        assertTrue(joiner.isAlive());
        letGo.set();
        joinOrFail(joiner);
        assertNoFailure(failure);
        assertTrue(ran.get(), "join() returned before run() ended");
    }

    @Test
    void joinWithAnEnormousDurationWaitsInsteadOfOverflowing() throws InterruptedException {
        // Duration overloads saturate (Timeouts.durationToNanos): no OverflowException for Java.
        JThread thread = startDaemon("running", blockUntilLetGo());
        AtomicBoolean ended = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread joiner = threads.spawn("joiner", failure,
                () -> ended.set(thread.join(Duration.ofSeconds(Long.MAX_VALUE))));
        awaitTrue(() -> joiner.getState() == Thread.State.WAITING
                || joiner.getState() == Thread.State.TIMED_WAITING || !joiner.isAlive(),
                "the joiner blocks or ends");
        assertNoFailure(failure);
        letGo.set();
        joinOrFail(joiner);
        assertNoFailure(failure);
        assertTrue(ended.get());
    }

    @Test
    void interruptingABlockedJoinThrows() throws InterruptedException {
        JThread thread = startDaemon("running", blockUntilLetGo());
        AtomicReference<Throwable> untimed = new AtomicReference<>();
        AtomicReference<Throwable> timed = new AtomicReference<>();
        Thread a = threads.spawn("joiner", untimed, thread::join);
        Thread b = threads.spawn("timed-joiner", timed, () -> thread.join(Duration.ofSeconds(60)));
        awaitParked(a);
        awaitParked(b);
        a.interrupt();
        b.interrupt();
        joinOrFail(a);
        joinOrFail(b);
        assertInstanceOf(InterruptedException.class, untimed.get());
        assertInstanceOf(InterruptedException.class, timed.get());
        assertTrue(thread.isAlive(), "interrupting a joiner does not stop the thread");
    }

    // ---- uncaught exceptions ----------------------------------------------------------------------------

    @Test
    void anExceptionFromRunGoesToTheExceptHook() throws InterruptedException {
        List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Threads.setExceptHook((t, e) -> {
            seen.add(t);
            seen.add(e);
        });
        IllegalStateException boom = new IllegalStateException("boom");
        JThread thread = startDaemon("thrower", () -> {
            throw boom;
        });
        awaitEnd(thread);
        assertEquals(List.of(thread, boom), seen, "the hook runs before join() returns");
        assertTrue(thread.isStopped());
        assertFalse(Threads.enumerate().contains(thread));
    }

    @Test
    void defaultExceptHookPrintsLikeCPython() throws InterruptedException {
        Threads.setExceptHook(null);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        JThread thread;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            thread = startDaemon("noisy", () -> {
                throw new IllegalStateException("printed");
            });
            thread.join();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Exception in thread noisy:"), text);
        assertTrue(text.contains("IllegalStateException: printed"), text);
    }

    @Test
    void setExceptHookNullRestoresTheDefault() {
        Threads.ExceptHook mine = (t, e) -> { };
        Threads.setExceptHook(mine);
        assertSame(mine, Threads.exceptHook());
        Threads.setExceptHook(null);
        assertNotNull(Threads.exceptHook());
        assertNotEquals(mine, Threads.exceptHook());
    }

    // ---- Threads -------------------------------------------------------------------------------------------

    @Test
    void currentIsStableAndMatchesTheCallingThread() {
        JThread me = Threads.current();
        assertSame(me, Threads.current());
        assertEquals(Thread.currentThread().getId(), Threads.getIdent());
        assertEquals(Threads.getIdent(), (long) me.ident());
        assertEquals(Threads.identOf(Thread.currentThread()), Threads.getIdent());
        assertTrue(me.isAlive());
        assertTrue(Threads.enumerate().contains(me));
    }

    @Test
    void mainThreadIsTheJvmsMainThread() {
        JThread main = Threads.mainThread();
        assertSame(main, Threads.mainThread());
        assertEquals("MainThread", main.getName());
        assertFalse(main.isDaemon());
        assertTrue(main.isAlive());
        assertEquals("main", main.javaThread().getName());
        assertEquals(main.javaThread().getId(), (long) main.ident());
        assertTrue(Threads.enumerate().contains(main));
        if (Thread.currentThread() == main.javaThread()) {
            assertSame(main, Threads.current());
            assertTrue(main.nativeId() != null && main.nativeId() > 0);
        }
    }

    @Test
    void aPlainJavaThreadIsRecordedUnderItsJavaNameAndDaemonFlag() throws InterruptedException {
        AtomicReference<JThread> record = new AtomicReference<>();
        AtomicReference<Thread> javaThread = new AtomicReference<>();
        AtomicBoolean listed = new AtomicBoolean();
        Event checked = new Event();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread plain = threads.spawn("plain", failure, () -> {
            javaThread.set(Thread.currentThread());
            record.set(Threads.current());
            assertSame(record.get(), Threads.current());
            listed.set(Threads.enumerate().contains(record.get()));
            checked.await();
        });
        awaitTrue(listed::get, "the record is listed while its thread lives");
        JThread dummy = record.get();
        // One identity in both languages: the name and daemon flag Java gave the thread.
        assertEquals(javaThread.get().getName(), dummy.getName());
        assertEquals(javaThread.get().isDaemon(), dummy.isDaemon());
        assertTrue(dummy.isAlive());
        assertEquals(plain.getId(), (long) dummy.ident());
        assertSame(javaThread.get(), dummy.javaThread());
        assertTrue(dummy.nativeId() != null && dummy.nativeId() > 0);
        checked.set();
        joinOrFail(plain);
        assertNoFailure(failure);
        assertFalse(dummy.isAlive());
        assertFalse(Threads.enumerate().contains(dummy), "an ended foreign thread leaves the list");
    }

    @Test
    void enumerateListsRunningJThreadsOnly() throws InterruptedException {
        JThread thread = startDaemon("listed", blockUntilLetGo());
        List<JThread> live = Threads.enumerate();
        assertTrue(live.contains(thread));
        assertTrue(Threads.activeCount() >= 2, "main and our thread, at least");
        letGo.set();
        awaitEnd(thread);
        assertFalse(Threads.enumerate().contains(thread));
        JThread unstarted = new JThread((Runnable) null, "unstarted", true);
        assertFalse(Threads.enumerate().contains(unstarted));
    }

    @Test
    void nativeIdsDifferBetweenLiveThreads() throws InterruptedException {
        JThread a = startDaemon("a", blockUntilLetGo());
        JThread b = startDaemon("b", blockUntilLetGo());
        assertNotEquals(a.nativeId(), b.nativeId());
        assertTrue(Threads.getNativeId() > 0);
        assertNotEquals(Threads.getNativeId(), (long) a.nativeId());
    }

    @Test
    void stackSizeFollowsCPythonsRules() throws InterruptedException {
        assertEquals(0, Threads.stackSize());
        assertMessage(IllegalArgumentException.class, "size must be 0 or a positive value",
                () -> Threads.stackSize(-1));
        assertMessage(IllegalArgumentException.class, "size not valid: 1 bytes",
                () -> Threads.stackSize(1));
        assertMessage(IllegalArgumentException.class, "size not valid: 4096 bytes",
                () -> Threads.stackSize(4096));
        assertMessage(IllegalArgumentException.class, "size not valid: 32767 bytes",
                () -> Threads.stackSize(32767));
        assertEquals(0, Threads.stackSize(), "a refused size changes nothing");
        assertEquals(0, Threads.stackSize(32768), "returns the old size");
        assertEquals(32768, Threads.stackSize());
        assertEquals(32768, Threads.stackSize(1 << 20));
        AtomicBoolean ran = new AtomicBoolean();
        JThread thread = startDaemon("big-stack", () -> ran.set(true));
        awaitEnd(thread);
        assertTrue(ran.get());
        assertEquals(1 << 20, Threads.stackSize(0));
        assertEquals(0, Threads.stackSize());
    }

    // ---- Timer -------------------------------------------------------------------------------------------------

    private Timer startTimer(Duration interval, Runnable function) {
        Timer timer = new Timer(interval, function);
        timer.setDaemon(true);
        timer.start();
        threads.track(timer.javaThread());
        return timer;
    }

    @Test
    void timerRunsItsFunctionAfterTheInterval() throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(1);
        AtomicReference<Thread> on = new AtomicReference<>();
        Timer timer = startTimer(Duration.ofMillis(10), () -> {
            on.set(Thread.currentThread());
            fired.countDown();
        });
        assertTrue(fired.await(TestThreads.BLOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS));
        awaitEnd(timer);
        assertSame(timer.javaThread(), on.get(), "the function runs on the timer's thread");
        assertTrue(timer.finished().isSet());
    }

    @Test
    void zeroOrNegativeIntervalFiresAtOnce() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Timer zero = startTimer(Duration.ZERO, runs::incrementAndGet);
        Timer negative = startTimer(Duration.ofSeconds(-5), runs::incrementAndGet);
        awaitEnd(zero);
        awaitEnd(negative);
        assertEquals(2, runs.get());
    }

    @Test
    void timerCancelledBeforeStartNeverFires() throws InterruptedException {
        AtomicBoolean fired = new AtomicBoolean();
        Timer timer = new Timer(Duration.ZERO, () -> fired.set(true));
        timer.setDaemon(true);
        timer.cancel();
        assertTrue(timer.finished().isSet());
        timer.start();
        awaitEnd(timer);
        assertFalse(fired.get());
    }

    @Test
    void timerCancelledWhileWaitingNeverFires() throws InterruptedException {
        AtomicBoolean fired = new AtomicBoolean();
        Timer timer = startTimer(Duration.ofSeconds(60), () -> fired.set(true));
        assertTrue(timer.isAlive());
        awaitParked(timer.javaThread());
        timer.cancel();
        awaitEnd(timer);
        assertFalse(fired.get());
        assertTrue(timer.finished().isSet());
    }

    @Test
    void cancelAfterTheTimerFiredIsANoOp() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Timer timer = startTimer(Duration.ZERO, runs::incrementAndGet);
        awaitEnd(timer);
        timer.cancel();
        timer.cancel();
        assertEquals(1, runs.get());
        assertTrue(timer.finished().isSet());
    }

    @Test
    void interruptedTimerEndsWithoutFiring() throws InterruptedException {
        AtomicBoolean fired = new AtomicBoolean();
        List<Object> hooked = new java.util.concurrent.CopyOnWriteArrayList<>();
        Threads.setExceptHook((t, e) -> hooked.add(e));
        Timer timer = startTimer(Duration.ofSeconds(60), () -> fired.set(true));
        awaitParked(timer.javaThread());
        timer.javaThread().interrupt();
        awaitEnd(timer);
        assertFalse(fired.get());
        assertTrue(timer.finished().isSet());
        assertEquals(List.of(), hooked, "an interrupt is not an uncaught exception");
    }

    @Test
    void timerIsAJThread() {
        Timer timer = new Timer(Duration.ofSeconds(1), null);
        assertInstanceOf(JThread.class, timer);
        assertEquals("initial", timer.status());
        assertFalse(timer.finished().isSet());
    }
}
