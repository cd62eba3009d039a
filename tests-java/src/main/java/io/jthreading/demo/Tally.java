package io.jthreading.demo;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.jthreading.Threads;

/** Counts per thread (named as both languages see it), per phase, and the requests counted. */
public final class Tally {
    private final Map<String, AtomicLong> byThread = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> producedByPhase = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> consumedByPhase = new ConcurrentHashMap<>();
    private final AtomicLong contextChecksPassed = new AtomicLong();
    private final AtomicLong contextChecksFailed = new AtomicLong();
    private final AtomicLong counted = new AtomicLong();

    public void produced(Request request) {
        count(byThread, "Java   " + Threads.current().getName());
        count(producedByPhase, request.phase());
    }

    /** Called by the Python plugin for each request it handled. */
    public void consumed(Request request, boolean contextMatched) {
        count(byThread, "Python " + Threads.current().getName());
        count(consumedByPhase, request.phase());
        (contextMatched ? contextChecksPassed : contextChecksFailed).incrementAndGet();
    }

    /** Called by the plugin's pool task for each request it counts the words of. */
    public void counted(Request request) {
        count(byThread, "Python " + Threads.current().getName());
        counted.incrementAndGet();
    }

    public long counted() {
        return counted.get();
    }

    public long produced(int phase) {
        return get(producedByPhase, phase);
    }

    public long consumed(int phase) {
        return get(consumedByPhase, phase);
    }

    public long contextChecksPassed() {
        return contextChecksPassed.get();
    }

    public long contextChecksFailed() {
        return contextChecksFailed.get();
    }

    public Map<String, Long> byThread() {
        Map<String, Long> sorted = new TreeMap<>();
        byThread.forEach((name, count) -> sorted.put(name, count.get()));
        return sorted;
    }

    private static <K> void count(Map<K, AtomicLong> counts, K key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static <K> long get(Map<K, AtomicLong> counts, K key) {
        AtomicLong count = counts.get(key);
        return count == null ? 0 : count.get();
    }
}
