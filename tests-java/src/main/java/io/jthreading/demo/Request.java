package io.jthreading.demo;

/**
 * A unit of work (a text whose words the plugin counts), or the marker that tells a consumer its
 * phase's work is all taken. The kind of each request follows from its number, so the host knows
 * what to expect: every 100th from 7 is empty (the plugin's count fails on it), every 100th from
 * 13 is low-priority (the plugin defers it, and the host cancels it).
 */
public record Request(long id, String producer, int phase) {
    public static Request phaseEnd(int phase) {
        return new Request(-1, "", phase);
    }

    public boolean isPhaseEnd() {
        return id < 0;
    }

    public boolean isEmpty() {
        return id % 100 == 7;
    }

    public boolean isLowPriority() {
        return id % 100 == 13;
    }

    /** How many words {@link #text} has. */
    public int words() {
        return isEmpty() ? 0 : 1 + (int) (id % 7);
    }

    public String text() {
        return "word ".repeat(words()).strip();
    }
}
