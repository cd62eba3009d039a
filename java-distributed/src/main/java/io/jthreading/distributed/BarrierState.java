package io.jthreading.distributed;

import java.nio.charset.StandardCharsets;

/**
 * A distributed Barrier's whole state, the data of its node: every change is one
 * compare-and-set of this record against the node's version.
 *
 * <p>{@code generation} counts the rounds; {@code count} the arrivals in this round
 * ({@code count == parties}: full, the last arrival is running the action); {@code broken} is
 * CPython's broken state; bit i of {@code history} says how round {@code generation - 1 - i}
 * ended (1: everyone passed, 0: {@code reset()}), so a waiter that reads the state only after
 * its round ended still learns which way it ended.
 */
record BarrierState(int parties, long generation, int count, boolean broken, long history,
                    int version) {
    static final int HISTORY_ROUNDS = 63;

    static BarrierState fresh(int parties) {
        return new BarrierState(parties, 0, 0, false, 0, -1);
    }

    static BarrierState parse(byte[] data, int version) {
        String[] f = new String(data, StandardCharsets.US_ASCII).split(" ");
        return new BarrierState(Integer.parseInt(f[0]), Long.parseLong(f[1]),
                Integer.parseInt(f[2]), f[3].equals("1"), Long.parseLong(f[4]), version);
    }

    byte[] bytes() {
        return (parties + " " + generation + " " + count + " " + (broken ? 1 : 0) + " " + history)
                .getBytes(StandardCharsets.US_ASCII);
    }

    boolean full() {
        return count >= parties;
    }

    BarrierState arrived() {
        return new BarrierState(parties, generation, count + 1, broken, history, version);
    }

    BarrierState broke() {
        return new BarrierState(parties, generation, count, true, history, version);
    }

    /** The next round; {@code passed}: this round ended with everyone through. */
    BarrierState nextRound(boolean passed) {
        return new BarrierState(parties, generation + 1, 0, false,
                (history << 1 | (passed ? 1 : 0)) & Long.MAX_VALUE, version);
    }

    /** How round {@code round} (before this one) ended: true if everyone passed. */
    boolean passed(long round) {
        long back = generation - 1 - round;
        return back >= 0 && back < HISTORY_ROUNDS && (history >>> back & 1) == 1;
    }
}
