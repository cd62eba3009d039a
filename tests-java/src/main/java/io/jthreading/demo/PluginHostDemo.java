package io.jthreading.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.jthreading.Barrier;
import io.jthreading.Event;
import io.jthreading.JThread;
import io.jthreading.python.EmbeddedPython;
import io.jthreading.python.SharedLocal;

/**
 * The flagship demo: a Java application hosting Python plugins, one threading world.
 *
 * <p>Java producer threads and Python plugin threads (started by Java) share a bounded
 * {@link WorkQueue} guarded by a jthreading Condition; all of them move through the phases
 * together at one {@link Barrier} whose action closes each phase (and sets the stop
 * {@link Event} after the last); each request's context travels in a {@code jthreading.local}
 * that Java sets and the Python plugin reads on the same thread. Prints a summary; exits 1 if
 * any count is off.
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
    private WorkQueue queue;
    private SharedLocal context;

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        boolean ok;
        try (EmbeddedPython python = EmbeddedPython.open()) {
            ok = new PluginHostDemo().run(python);
        }
        System.out.printf("finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.exit(ok ? 0 : 1);
    }

    boolean run(EmbeddedPython python) throws Exception {
        context = SharedLocal.create();
        queue = new WorkQueue(16, context);
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
        return report(allEnded);
    }

    // ---- What the threads do ------------------------------------------------------------------

    private void produce() {
        String me = Thread.currentThread().getName();
        try {
            for (int phase = 1; phase <= PHASES; phase++) {
                for (int i = 0; i < ITEMS_PER_PRODUCER_PER_PHASE; i++) {
                    Request request = new Request(phase * 1_000_000L + i, me, phase);
                    queue.put(request);
                    tally.produced(request);
                }
                if (producersDoneThisPhase.incrementAndGet() == PRODUCERS) {
                    for (int p = 0; p < PLUGINS; p++) {
                        queue.put(Request.phaseEnd(phase)); // after every item of the phase
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

    public WorkQueue queue() {
        return queue;
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

    private boolean report(boolean allEnded) {
        long expectedPerPhase = (long) PRODUCERS * ITEMS_PER_PRODUCER_PER_PHASE;
        List<String> problems = new ArrayList<>();
        System.out.println("jthreading plugin host: " + PRODUCERS + " Java producers, " + PLUGINS
                + " Python plugins, one Condition-guarded queue, one Barrier, one Event, one local");
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
        problems.forEach(problem -> System.out.println("PROBLEM: " + problem));
        System.out.println(problems.isEmpty() ? "OK: every count checks out" : "FAILED");
        return problems.isEmpty();
    }

    private static String pluginSource() throws IOException {
        try (InputStream in = PluginHostDemo.class.getResourceAsStream("word_plugin.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
