package io.jthreading.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wait-for graph of one moment: an edge from each waiting thread to each thread holding what
 * it waits on (see {@link Held}). A cycle is a deadlock: every thread in it waits for the next.
 *
 * <p>Built from {@link Waits#snapshot()}, which is read without locks, so a cycle found here is
 * confirmed against a second snapshot ({@link #confirmedCycles}): each thread must still be in
 * the very same wait, and each holder still hold.
 */
public final class WaitForGraph {
    /** Enough for any real program; bounds the work on a pathological graph. */
    private static final int MAX_CYCLES = 64;

    private final Map<Long, Waits.Wait> waitByIdent = new TreeMap<>();
    private final Map<Long, long[]> holdersByIdent = new HashMap<>();

    private WaitForGraph(List<Waits.Wait> waits) {
        for (Waits.Wait wait : waits) {
            waitByIdent.put(wait.ident(), wait);
            holdersByIdent.put(wait.ident(), wait.holders());
        }
    }

    /** The graph now. */
    public static WaitForGraph now() {
        return new WaitForGraph(Waits.snapshot());
    }

    /** The cycles found now and still there on a second look. */
    public static List<List<Waits.Wait>> confirmedCycles() {
        List<List<Waits.Wait>> found = now().cycles();
        if (found.isEmpty()) {
            return found;
        }
        WaitForGraph again = now();
        List<List<Waits.Wait>> confirmed = new ArrayList<>();
        for (List<Waits.Wait> cycle : found) {
            if (again.contains(cycle)) {
                confirmed.add(cycle);
            }
        }
        return confirmed;
    }

    /**
     * Each elementary cycle once, as the waits in order (each thread waits for the next one's,
     * the last for the first's), starting at its smallest ident.
     */
    public List<List<Waits.Wait>> cycles() {
        List<List<Waits.Wait>> cycles = new ArrayList<>();
        for (long start : waitByIdent.keySet()) {
            List<Long> path = new ArrayList<>();
            path.add(start);
            search(start, start, path, cycles);
            if (cycles.size() >= MAX_CYCLES) {
                break;
            }
        }
        return cycles;
    }

    /** Paths back to {@code start} through larger idents only, so each cycle is found once. */
    private void search(long start, long at, List<Long> path, List<List<Waits.Wait>> cycles) {
        for (long next : holdersByIdent.get(at)) {
            if (cycles.size() >= MAX_CYCLES) {
                return;
            }
            if (next == start) {
                List<Waits.Wait> cycle = new ArrayList<>();
                for (long ident : path) {
                    cycle.add(waitByIdent.get(ident));
                }
                cycles.add(cycle);
            } else if (next > start && waitByIdent.containsKey(next) && !path.contains(next)) {
                path.add(next);
                search(start, next, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    /** Whether every wait of {@code cycle} is still the thread's wait, with the same edge. */
    private boolean contains(List<Waits.Wait> cycle) {
        for (int i = 0; i < cycle.size(); i++) {
            Waits.Wait wait = cycle.get(i);
            long next = cycle.get((i + 1) % cycle.size()).ident();
            long[] holders = holdersByIdent.get(wait.ident());
            if (waitByIdent.get(wait.ident()) != wait || holders == null
                    || Arrays.stream(holders).noneMatch(holder -> holder == next)) {
                return false;
            }
        }
        return true;
    }
}
