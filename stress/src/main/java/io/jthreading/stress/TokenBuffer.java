package io.jthreading.stress;

/**
 * A bounded buffer of tokens behind one lock and two Conditions on it (not full, not empty),
 * the producer/consumer shape that loses wake-ups when a notify goes astray. Its fields are
 * guarded by the Conditions' lock; producers and consumers of both languages wait (bounded)
 * on the Conditions themselves, then call {@link #put} or {@link #take}.
 */
public final class TokenBuffer {
    public static final int CAPACITY = 3;

    private final Checks checks;
    private long tokens;
    private long produced;
    private long consumed;
    private volatile boolean stopping;

    public TokenBuffer(Checks checks) {
        this.checks = checks;
    }

    public boolean canPut() {
        return tokens < CAPACITY || stopping;
    }

    public boolean canTake() {
        return tokens > 0 || stopping;
    }

    public boolean stopping() {
        return stopping;
    }

    /** Called under the lock (with the stop's notify_all on both Conditions). */
    public void stop() {
        stopping = true;
    }

    public void put() {
        checks.check(tokens < CAPACITY, "Condition: put into a full buffer (" + tokens + ")");
        tokens++;
        produced++;
    }

    public void take() {
        checks.check(tokens > 0, "Condition: take from an empty buffer");
        tokens--;
        consumed++;
    }

    /** Under the lock: what went in minus what came out is what is there. */
    public void checkExact(String when) {
        checks.check(produced - consumed == tokens && tokens >= 0 && tokens <= CAPACITY,
                "Condition (" + when + "): produced " + produced + ", consumed " + consumed
                        + ", tokens " + tokens);
    }

    public long produced() {
        return produced;
    }
}
