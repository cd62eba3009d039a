package io.jthreading.examples.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.jthreading.Condition;
import io.jthreading.Event;
import io.jthreading.Guard;
import io.jthreading.Lock;
import io.jthreading.python.EmbeddedPython;
import io.jthreading.python.PythonFutures;
import io.jthreading.queue.SharedQueue;

/**
 * A Java application that embeds Python: a Java thread hands the numbers 1..100 to a Python
 * thread through a jthreading Condition, the Python thread sums them and says it is done through
 * a jthreading Event. Then, with Python in drop-in mode, the Java thread puts the same numbers
 * on a {@link SharedQueue} that a Python {@code ThreadPoolExecutor} task reads as a
 * {@code queue.Queue}, and waits on that task's {@code concurrent.futures.Future} as a
 * {@link CompletableFuture} for the sum of their squares. Prints both sums; exits 0 if they are
 * right, 1 otherwise.
 *
 * <p>Run with the Python environment where jthreading is pip installed:
 * {@code java -Djthreading.venv=DIR -jar target/java-host.jar} (or with {@code VIRTUAL_ENV} set,
 * as an activated venv does). Nothing else: Jep's classes come with jthreading-core, and the
 * jar's manifest enables native access (Java 22+) as {@code --enable-native-access=ALL-UNNAMED}
 * would.
 */
public final class HostMain {
    private static final int ITEMS = 100;
    private static final Duration BOUND = Duration.ofSeconds(30);

    private HostMain() {
    }

    public static void main(String[] args) throws Exception {
        Condition handOff = new Condition(new Lock());
        Deque<Integer> queue = new ArrayDeque<>(); // guarded by handOff
        Event done = new Event();
        long total;
        long squares;
        String python;
        try (EmbeddedPython py = EmbeddedPython.open(EmbeddedPython.Option.DROP_IN)) {
            py.set("hand_off", handOff);
            py.set("queue", queue);
            py.set("done", done);
            py.set("items", ITEMS);
            py.exec(resource("consumer.py")); // starts the Python consumer thread

            Thread producer = new Thread(() -> produce(handOff, queue), "java-producer");
            producer.start();
            if (!done.await(BOUND)) {
                fail("the Python thread did not finish within " + BOUND.toSeconds() + " s");
            }
            producer.join();
            total = ((Number) py.get("total")).longValue();

            SharedQueue<Integer> numbers = new SharedQueue<>(10); // a queue.Queue in Python
            CompletableFuture<?> sumOfSquares =
                    (CompletableFuture<?>) py.invoke("sum_of_squares_from", numbers);
            for (int i = 1; i <= ITEMS; i++) {
                numbers.put(i);
            }
            if (!numbers.join(BOUND)) {
                fail("the Python task did not take every number within " + BOUND.toSeconds() + " s");
            }
            // The result is a handle of a Python int; PythonFutures.value makes it a Long.
            squares = ((Number) PythonFutures.value(
                    sumOfSquares.get(BOUND.toSeconds(), TimeUnit.SECONDS))).longValue();
            py.exec("pool.shutdown()");
            python = (String) py.get("python_version");
        }
        long expected = ITEMS * (ITEMS + 1L) / 2;
        System.out.printf("Java %d, Python %s: a Python thread summed the %d numbers a Java "
                + "thread handed over: %d%n", Runtime.version().feature(), python, ITEMS, total);
        if (total != expected) {
            fail("expected " + expected);
        }
        long expectedSquares = ITEMS * (ITEMS + 1L) * (2 * ITEMS + 1L) / 6;
        System.out.printf("Java %d, Python %s: a Python pool task summed the squares of the %d "
                + "numbers a Java thread put on a shared queue: %d%n", Runtime.version().feature(),
                python, ITEMS, squares);
        if (squares != expectedSquares) {
            fail("expected " + expectedSquares);
        }
    }

    private static void produce(Condition handOff, Deque<Integer> queue) {
        for (int i = 1; i <= ITEMS; i++) {
            try (Guard held = handOff.guard()) {
                queue.addLast(i);
                handOff.signalAll();
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HostMain.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void fail(String why) {
        System.err.println("java-host: " + why);
        System.exit(1);
    }
}
