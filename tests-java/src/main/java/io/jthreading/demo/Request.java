package io.jthreading.demo;

/** A unit of work, or the marker that tells a consumer its phase's work is all taken. */
public record Request(long id, String producer, int phase) {
    public static Request phaseEnd(int phase) {
        return new Request(-1, "", phase);
    }

    public boolean isPhaseEnd() {
        return id < 0;
    }
}
