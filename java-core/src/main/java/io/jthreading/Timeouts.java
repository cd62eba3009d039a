package io.jthreading;

import java.time.Duration;

/**
 * CPython's timeout rules, in one place. Timeouts travel as CPython's {@code _PyTime_t}: whole
 * nanoseconds in a long. Seconds given as a double are converted the way
 * {@code _PyTime_FromSecondsObject} converts a float (rounded away from zero).
 */
public final class Timeouts {
    /** {@code threading.TIMEOUT_MAX} on Linux x86_64, in seconds. */
    public static final double TIMEOUT_MAX = 9223372036.0;

    /** A lock's "no timeout" value, -1 second, as CPython compares it (after conversion). */
    public static final long UNSET_NANOS = -1_000_000_000L;

    /** Largest timeout CPython's lock accepts: PY_TIMEOUT_MAX microseconds (LLONG_MAX / 1000). */
    private static final long PY_TIMEOUT_MAX_MICROS = Long.MAX_VALUE / 1000;

    /** Returned by {@link #lockWaitNanos} for "wait without a deadline". */
    public static final long FOREVER = -1;

    // CPython's words and one limit that changed between its versions (3.11's by default).
    // jthreading's Python side sets those of the CPython it runs in when it loads (see
    // jthreading._versions); one JVM embeds one CPython, so they are process-wide.
    private static volatile String negativeTimeout = "timeout value must be positive";
    private static volatile String intOverflow = "timestamp too large to convert to C _PyTime_t";
    private static volatile String floatOverflow = "timestamp out of range for platform time_t";
    private static volatile boolean timeoutMaxMicrosAllowed = true;

    private Timeouts() {
    }

    /**
     * Words errors as the running CPython does: a negative lock timeout ({@code
     * negativeTimeout}), an int or a float timeout beyond 64 bits of nanoseconds ({@code
     * intOverflow}, {@code floatOverflow}); {@code timeoutMaxMicrosAllowed} is false for
     * CPython 3.10, whose locks refuse a timeout of exactly PY_TIMEOUT_MAX microseconds.
     */
    public static void useCPythonWording(String negativeTimeout, String intOverflow,
            String floatOverflow, boolean timeoutMaxMicrosAllowed) {
        Timeouts.negativeTimeout = negativeTimeout;
        Timeouts.intOverflow = intOverflow;
        Timeouts.floatOverflow = floatOverflow;
        Timeouts.timeoutMaxMicrosAllowed = timeoutMaxMicrosAllowed;
    }

    /** Seconds as a double to nanoseconds, exactly as CPython converts a float timeout. */
    public static long secondsToNanos(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("Invalid value NaN (not a number)");
        }
        double nanos = seconds * 1e9;
        nanos = nanos >= 0 ? Math.ceil(nanos) : Math.floor(nanos);
        // -2^63 is representable, 2^63 is not: the same half-open range CPython checks.
        if (!(nanos >= -0x1p63 && nanos < 0x1p63)) {
            throw new OverflowException(floatOverflow);
        }
        return (long) nanos;
    }

    /** Whole seconds to nanoseconds, as CPython converts an int timeout. */
    public static long wholeSecondsToNanos(long seconds) {
        try {
            return Math.multiplyExact(seconds, 1_000_000_000L);
        } catch (ArithmeticException e) {
            throw new OverflowException(intOverflow);
        }
    }

    /** A {@link Duration} as nanoseconds, saturating (Java callers expect no overflow error). */
    public static long durationToNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return timeout.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * A wait a Java caller asked for (a {@link Duration}, a {@code TimeUnit} amount): not
     * positive means "do not wait", beyond {@link #isEffectivelyForever} means {@link #FOREVER}.
     * Java callers never get CPython's overflow errors: java.util.concurrent saturates.
     */
    public static long javaWaitNanos(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        return isEffectivelyForever(nanos) ? FOREVER : nanos;
    }

    /**
     * Checks a lock's (blocking, timeout) pair the way CPython's {@code lock.acquire} does and
     * returns how long to wait: {@link #FOREVER}, 0 for a try, or a positive number of nanoseconds.
     */
    public static long lockWaitNanos(boolean blocking, long timeoutNanos) {
        boolean unset = timeoutNanos == UNSET_NANOS;
        if (!blocking && !unset) {
            throw new IllegalArgumentException("can't specify a timeout for a non-blocking call");
        }
        if (timeoutNanos < 0 && !unset) {
            throw new IllegalArgumentException(negativeTimeout);
        }
        if (!blocking) {
            return 0;
        }
        if (unset) {
            return FOREVER;
        }
        long micros = timeoutNanos / 1000 + (timeoutNanos % 1000 == 0 ? 0 : 1);
        if (micros > PY_TIMEOUT_MAX_MICROS
                || micros == PY_TIMEOUT_MAX_MICROS && !timeoutMaxMicrosAllowed) {
            throw new OverflowException("timeout value is too large");
        }
        return timeoutNanos;
    }

    /**
     * Timeouts past about 73 years are waited on as "forever": a deadline of nanoTime() plus such
     * a timeout would overflow, and no caller can tell the difference.
     */
    public static boolean isEffectivelyForever(long waitNanos) {
        return waitNanos == FOREVER || waitNanos >= (1L << 61);
    }
}
