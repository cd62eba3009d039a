package io.jthreading.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.jthreading.Barrier;
import io.jthreading.Event;
import io.jthreading.JThread;
import io.jthreading.RLock;
import io.jthreading.demo.FutureOutcomes.Submitted;
import io.jthreading.python.EmbeddedPython;
import io.jthreading.python.SharedLocal;
import io.jthreading.queue.SharedQueue;

/**
 * The flagship demo: a Java application hosting a Python plugin written as plain Python
 * ({@code queue}, {@code concurrent.futures}, {@code logging}, {@code threading}), one threading
 * world: Python is opened in drop-in mode, so the plugin's and the standard library's threads and
 * locks are jthreading's.
 *
 * <p>Java producer threads put requests on a bounded {@link SharedQueue}, which the Python plugin
 * threads (started by Java) use as a {@code queue.Queue} ({@code get}, {@code task_done}); the
 * host waits for their {@code task_done}s with {@link SharedQueue#join}. All of them move through
 * the phases together at one {@link Barrier} whose action closes each phase (and sets the stop
 * {@link Event} after the last); each request's context travels in a {@code jthreading.local}
 * that Java sets and the plugin reads on the same thread. The plugin counts each request's words
 * on a {@code ThreadPoolExecutor} and hands the host its {@code concurrent.futures.Future}s as
 * {@link CompletableFuture}s: the host waits on them, sees Python's {@code ValueError}s as
 * causes, and cancels the low-priority ones. Prints a summary; exits 1 if any count is off.
 */
public final class PluginHostDemo {
    static final int PHASES = 3;
    static final int PRODUCERS = 2;
    static final int PLUGINS = 2;
    static final int ITEMS_PER_PRODUCER_PER_PHASE = 2000;
    static final Duration BOUND = Duration.ofSeconds(25);

    private final Tally tally = new Tally();
    private final Event stop = new Event();
    private final AtomicInteger phasesClosed = new AtomicInteger();
    private final AtomicInteger producersDoneThisPhase = new AtomicInteger();
    private final List<String> phaseLines = new ArrayList<>();
    private final Barrier phases = new Barrier(PRODUCERS + PLUGINS, this::closePhase, BOUND);
    private final Event lowPriorityGate = new Event();
    private final ConcurrentLinkedQueue<Submitted> submitted = new ConcurrentLinkedQueue<>();
    private SharedQueue<Request> work;
    private SharedLocal context;

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        boolean ok;
        try (EmbeddedPython python = EmbeddedPython.open(EmbeddedPython.Option.DROP_IN)) {
            ok = new PluginHostDemo().run(python);
        }
        System.out.printf("finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.exit(ok ? 0 : 1);
    }

    boolean run(EmbeddedPython python) throws Exception {
        context = SharedLocal.create();
        work = new SharedQueue<>(16);
        python.set("host", this);
        python.exec(pluginSource());

        List<JThread> threads = new ArrayList<>();
        for (int i = 1; i <= PRODUCERS; i++) {
            threads.add(new JThread(this::produce, "java-producer-" + i));
        }
        for (int i = 1; i <= PLUGINS; i++) {
            // A Python jthreading.Thread, made by the plugin and started here, from Java.
            threads.add((JThread) python.invoke("make_plugin_thread", "python-plugin-" + i));
        }
        threads.forEach(JThread::start);
        boolean allEnded = true;
        for (JThread thread : threads) {
            allEnded &= thread.join(BOUND);
        }
        boolean allTasksDone = work.join(BOUND); // the plugin's task_done() for every item
        long cancelledByJava = submitted.stream()
                .filter(s -> s.request().isLowPriority() && s.future().cancel(true))
                .count();
        lowPriorityGate.set(); // only now may the plugin's low-priority worker run
        FutureOutcomes outcomes = FutureOutcomes.await(submitted, BOUND);
        long cancelledInPython = ((Number) python.invoke("cancelled_low_priority")).longValue();
        long logRecords = ((Number) python.invoke("log_records")).longValue();
        Object loggingLock = python.invoke("logging_lock");
        python.invoke("finish");
        return report(allEnded, allTasksDone, outcomes, cancelledByJava, cancelledInPython,
                logRecords, loggingLock);
    }

    // ---- What the threads do ------------------------------------------------------------------

    private void produce() {
        String me = Thread.currentThread().getName();
        try {
            for (int phase = 1; phase <= PHASES; phase++) {
                for (int i = 0; i < ITEMS_PER_PRODUCER_PER_PHASE; i++) {
                    Request request = new Request(phase * 1_000_000L + i, me, phase);
                    work.put(request);
                    tally.produced(request);
                }
                if (producersDoneThisPhase.incrementAndGet() == PRODUCERS) {
                    for (int p = 0; p < PLUGINS; p++) {
                        work.put(Request.phaseEnd(phase)); // after every item of the phase
                    }
                }
                phases.await();
            }
        } catch (Exception e) {
            throw new IllegalStateException(me + " failed", e);
        }
    }

    /** The Barrier's action, run by the last thread to arrive (Java or Python). */
    private void closePhase() {
        int phase = phasesClosed.incrementAndGet();
        producersDoneThisPhase.set(0);
        phaseLines.add(String.format("  phase %d: produced %d, consumed %d (closed by %s)", phase,
                tally.produced(phase), tally.consumed(phase), Thread.currentThread().getName()));
        if (phase == PHASES) {
            stop.set();
        }
    }

    // ---- For the plugin -------------------------------------------------------------------------

    public SharedQueue<Request> work() {
        return work;
    }

    /** Writes {@code request}'s context into the calling thread's {@code jthreading.local}. */
    public void enter(Request request) {
        context.set("request_id", request.id());
        context.set("producer", request.producer());
        context.set("phase", request.phase());
    }

    /** The plugin's future for {@code request}, as Java sees it. */
    public void accept(Request request, CompletableFuture<?> future) {
        submitted.add(new Submitted(request, future));
    }

    /** Opened by the host once it has cancelled the low-priority work. */
    public Event lowPriorityGate() {
        return lowPriorityGate;
    }

    public Barrier phases() {
        return phases;
    }

    public Event stop() {
        return stop;
    }

    public Object context() {
        return context.python();
    }

    public Tally tally() {
        return tally;
    }

    // ---- Summary --------------------------------------------------------------------------------

    private boolean report(boolean allEnded, boolean allTasksDone, FutureOutcomes outcomes,
            long cancelledByJava, long cancelledInPython, long logRecords, Object loggingLock) {
        long expectedPerPhase = (long) PRODUCERS * ITEMS_PER_PRODUCER_PER_PHASE;
        List<String> problems = new ArrayList<>();
        System.out.println("jthreading plugin host: " + PRODUCERS + " Java producers, " + PLUGINS
                + " Python plugin threads in drop-in mode; one shared queue.Queue, one Barrier,"
                + " one Event, one local, the plugin's thread pool, futures and logging");
        System.out.println("items per thread:");
        tally.byThread().forEach((name, count) -> System.out.printf("  %-28s %6d%n", name, count));
        System.out.println("phases:");
        phaseLines.forEach(System.out::println);
        for (int phase = 1; phase <= PHASES; phase++) {
            if (tally.produced(phase) != expectedPerPhase || tally.consumed(phase) != expectedPerPhase) {
                problems.add("phase " + phase + " count is off");
            }
        }
        long expectedTotal = expectedPerPhase * PHASES;
        System.out.printf("context checks: %d passed, %d failed (of %d requests)%n",
                tally.contextChecksPassed(), tally.contextChecksFailed(), expectedTotal);
        if (tally.contextChecksPassed() != expectedTotal || tally.contextChecksFailed() != 0) {
            problems.add("context checks are off");
        }
        if (phasesClosed.get() != PHASES) {
            problems.add("the barrier closed " + phasesClosed.get() + " phases, not " + PHASES);
        }
        if (!stop.isSet()) {
            problems.add("the stop event was never set");
        }
        if (!allEnded) {
            problems.add("some threads did not end");
        }
        if (!allTasksDone) {
            problems.add("the queue's join() timed out: task_done() missing");
        }
        checkFutures(outcomes, cancelledByJava, cancelledInPython, problems);
        long expectedRun = expectedTotal - expected(Request::isLowPriority);
        System.out.printf("logging: %d records through a handler whose lock is %s%n", logRecords,
                loggingLock.getClass().getName());
        if (logRecords != expectedRun || tally.counted() != expectedRun) {
            problems.add("the plugin counted " + tally.counted() + " requests and logged "
                    + logRecords + ", not " + expectedRun);
        }
        if (!(loggingLock instanceof RLock)) {
            problems.add("logging's lock is not a jthreading RLock: drop-in mode is off");
        }
        problems.forEach(problem -> System.out.println("PROBLEM: " + problem));
        System.out.println(problems.isEmpty() ? "OK: every count checks out" : "FAILED");
        return problems.isEmpty();
    }

    private void checkFutures(FutureOutcomes outcomes, long cancelledByJava,
            long cancelledInPython, List<String> problems) {
        long empty = expected(Request::isEmpty);
        long lowPriority = expected(Request::isLowPriority);
        long total = (long) PRODUCERS * ITEMS_PER_PRODUCER_PER_PHASE * PHASES;
        System.out.printf("futures (Python's, awaited from Java): %d completed, %d failed with "
                + "Python's ValueError, %d cancelled by Java (Python sees %d cancelled), %d unexpected%n",
                outcomes.completed(), outcomes.failed(), outcomes.cancelled(), cancelledInPython,
                outcomes.unexpected());
        if (outcomes.completed() != total - empty - lowPriority || outcomes.failed() != empty
                || outcomes.cancelled() != lowPriority || cancelledByJava != lowPriority
                || cancelledInPython != lowPriority || outcomes.unexpected() != 0
                || submitted.size() != total) {
            problems.add("the futures' outcomes are off");
        }
    }

    /** How many of all the requests the producers make are of a kind. */
    private static long expected(java.util.function.Predicate<Request> kind) {
        long count = 0;
        for (int phase = 1; phase <= PHASES; phase++) {
            for (int i = 0; i < ITEMS_PER_PRODUCER_PER_PHASE; i++) {
                if (kind.test(new Request(phase * 1_000_000L + i, "", phase))) {
                    count += PRODUCERS;
                }
            }
        }
        return count;
    }

    private static String pluginSource() throws IOException {
        try (InputStream in = PluginHostDemo.class.getResourceAsStream("word_plugin.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
