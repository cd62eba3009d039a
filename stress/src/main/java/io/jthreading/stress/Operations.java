package io.jthreading.stress;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Operations done per kind ("Lock", "SharedQueue", "thread", ...) and language ("java",
 * "python"), and threads started per language. Python adds its counts in batches.
 */
public final class Operations {
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(String kind, String language, long n) {
        counts.computeIfAbsent(kind + "\t" + language, k -> new LongAdder()).add(n);
    }

    /** Every count so far, as "kind\tlanguage" lines of "key\tcount" (one Java call for Python). */
    public String snapshot() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, adder) -> sorted.put(key, adder.sum()));
        StringBuilder text = new StringBuilder();
        sorted.forEach((key, n) -> text.append(key).append('\t').append(n).append('\n'));
        return text.toString();
    }
}
