package io.jthreading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** CPython's timeout conversions and checks, as {@link Timeouts} implements them. */
class TimeoutsTest {
    private static final long PY_TIMEOUT_MAX_NANOS = Long.MAX_VALUE / 1000 * 1000;

    // ---- secondsToNanos ------------------------------------------------------------------------

    @Test
    void wholeAndFractionalSecondsConvertExactly() {
        assertEquals(0L, Timeouts.secondsToNanos(0.0));
        assertEquals(0L, Timeouts.secondsToNanos(-0.0));
        assertEquals(1_000_000_000L, Timeouts.secondsToNanos(1.0));
        assertEquals(500_000_000L, Timeouts.secondsToNanos(0.5));
        assertEquals(-2_500_000_000L, Timeouts.secondsToNanos(-2.5));
    }

    @Test
    void minusOneSecondIsTheUnsetValue() {
        assertEquals(Timeouts.UNSET_NANOS, Timeouts.secondsToNanos(-1.0));
    }

    @Test
    void tinyPositiveRoundsUpToOneNanosecond() {
        assertEquals(1L, Timeouts.secondsToNanos(1e-10));
        assertEquals(1L, Timeouts.secondsToNanos(Double.MIN_VALUE));
    }

    @Test
    void tinyNegativeRoundsDownToMinusOneNanosecond() {
        assertEquals(-1L, Timeouts.secondsToNanos(-1e-10));
        assertEquals(-1L, Timeouts.secondsToNanos(-Double.MIN_VALUE));
    }

    @Test
    void fractionsOfANanosecondRoundAwayFromZero() {
        assertEquals(2L, Timeouts.secondsToNanos(1.5e-9));
        assertEquals(-2L, Timeouts.secondsToNanos(-1.5e-9));
        assertEquals(1_000_001L, Timeouts.secondsToNanos(0.0010000005));
    }

    @Test
    void nanIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Timeouts.secondsToNanos(Double.NaN));
        assertEquals("Invalid value NaN (not a number)", e.getMessage());
    }

    @Test
    void timeoutMaxConverts() {
        long nanos = Timeouts.secondsToNanos(Timeouts.TIMEOUT_MAX);
        assertTrue(nanos > 9_223_372_035_000_000_000L, "got " + nanos);
        assertTrue(nanos <= PY_TIMEOUT_MAX_NANOS, "got " + nanos);
    }

    @Test
    void justPastTimeoutMaxOverflows() {
        OverflowException e = assertThrows(OverflowException.class,
                () -> Timeouts.secondsToNanos(Timeouts.TIMEOUT_MAX + 1));
        assertEquals("timestamp out of range for platform time_t", e.getMessage());
    }

    @Test
    void hugeValuesOverflowBothWays() {
        for (double seconds : new double[] {1e100, -1e100, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MAX_VALUE}) {
            OverflowException e = assertThrows(OverflowException.class,
                    () -> Timeouts.secondsToNanos(seconds), "seconds = " + seconds);
            assertEquals("timestamp out of range for platform time_t", e.getMessage());
        }
    }

    // ---- wholeSecondsToNanos -------------------------------------------------------------------

    @Test
    void wholeSecondsMultiplyByABillion() {
        assertEquals(0L, Timeouts.wholeSecondsToNanos(0));
        assertEquals(5_000_000_000L, Timeouts.wholeSecondsToNanos(5));
        assertEquals(-3_000_000_000L, Timeouts.wholeSecondsToNanos(-3));
        assertEquals(Timeouts.UNSET_NANOS, Timeouts.wholeSecondsToNanos(-1));
    }

    @Test
    void largestWholeSecondsThatFit() {
        assertEquals(9_223_372_036_000_000_000L, Timeouts.wholeSecondsToNanos(9_223_372_036L));
        assertEquals(-9_223_372_036_000_000_000L, Timeouts.wholeSecondsToNanos(-9_223_372_036L));
    }

    @Test
    void wholeSecondsOverflow() {
        for (long seconds : new long[] {9_223_372_037L, -9_223_372_037L, Long.MAX_VALUE,
                Long.MIN_VALUE}) {
            OverflowException e = assertThrows(OverflowException.class,
                    () -> Timeouts.wholeSecondsToNanos(seconds), "seconds = " + seconds);
            assertEquals("timestamp too large to convert to C _PyTime_t", e.getMessage());
        }
    }

    // ---- durationToNanos -----------------------------------------------------------------------

    @Test
    void durationConvertsAndSaturates() {
        assertEquals(1_500_000_000L, Timeouts.durationToNanos(Duration.ofMillis(1500)));
        assertEquals(-7L, Timeouts.durationToNanos(Duration.ofNanos(-7)));
        assertEquals(Long.MAX_VALUE, Timeouts.durationToNanos(Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(Long.MIN_VALUE, Timeouts.durationToNanos(Duration.ofSeconds(Long.MIN_VALUE)));
    }

    // ---- lockWaitNanos ---------------------------------------------------------------------------

    @Test
    void blockingWithoutTimeoutWaitsForever() {
        assertEquals(Timeouts.FOREVER, Timeouts.lockWaitNanos(true, Timeouts.UNSET_NANOS));
    }

    @Test
    void nonBlockingWithoutTimeoutIsATry() {
        assertEquals(0L, Timeouts.lockWaitNanos(false, Timeouts.UNSET_NANOS));
    }

    @Test
    void nonBlockingWithAnyTimeoutIsRejected() {
        for (long nanos : new long[] {0L, 1L, 1_000_000_000L, -2_000_000_000L, -1L}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Timeouts.lockWaitNanos(false, nanos), "nanos = " + nanos);
            assertEquals("can't specify a timeout for a non-blocking call", e.getMessage());
        }
    }

    @Test
    void negativeTimeoutOtherThanUnsetIsRejected() {
        for (long nanos : new long[] {-1L, -2_000_000_000L, Timeouts.UNSET_NANOS - 1,
                Timeouts.UNSET_NANOS + 1, Long.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Timeouts.lockWaitNanos(true, nanos), "nanos = " + nanos);
            assertEquals("timeout value must be positive", e.getMessage());
        }
    }

    @Test
    void nonNegativeTimeoutIsWaitedAsGiven() {
        assertEquals(0L, Timeouts.lockWaitNanos(true, 0));
        assertEquals(1L, Timeouts.lockWaitNanos(true, 1));
        assertEquals(1234L, Timeouts.lockWaitNanos(true, 1234));
        assertEquals(2_000_000_000L, Timeouts.lockWaitNanos(true, 2_000_000_000L));
    }

    @Test
    void timeoutUpToPyTimeoutMaxIsAccepted() {
        assertEquals(PY_TIMEOUT_MAX_NANOS, Timeouts.lockWaitNanos(true, PY_TIMEOUT_MAX_NANOS));
    }

    @Test
    void timeoutWhoseMicrosecondsRoundPastPyTimeoutMaxOverflows() {
        for (long nanos : new long[] {PY_TIMEOUT_MAX_NANOS + 1, Long.MAX_VALUE}) {
            OverflowException e = assertThrows(OverflowException.class,
                    () -> Timeouts.lockWaitNanos(true, nanos), "nanos = " + nanos);
            assertEquals("timeout value is too large", e.getMessage());
        }
    }

    @Test
    void timeoutMaxPassesTheLockCheck() {
        long nanos = Timeouts.secondsToNanos(Timeouts.TIMEOUT_MAX);
        assertEquals(nanos, Timeouts.lockWaitNanos(true, nanos));
    }

    // ---- the running CPython's words (jthreading._versions sets them) ------------------------

    @Test
    void errorsAreWordedAsTheCPythonInUseWordsThem() {
        try {
            // CPython 3.13's words; 3.10's PY_TIMEOUT_MAX rule.
            Timeouts.useCPythonWording("timeout value must be a non-negative number",
                    "timestamp too large to convert to C PyTime_t",
                    "timestamp too large to convert to C _PyTime_t", false);
            assertEquals("timeout value must be a non-negative number", assertThrows(
                    IllegalArgumentException.class, () -> Timeouts.lockWaitNanos(true, -2))
                    .getMessage());
            assertEquals("timestamp too large to convert to C PyTime_t", assertThrows(
                    OverflowException.class, () -> Timeouts.wholeSecondsToNanos(1L << 40))
                    .getMessage());
            assertEquals("timestamp too large to convert to C _PyTime_t", assertThrows(
                    OverflowException.class, () -> Timeouts.secondsToNanos(1e100)).getMessage());
            // 3.10 refuses exactly PY_TIMEOUT_MAX microseconds, and only from them on.
            assertEquals("timeout value is too large", assertThrows(OverflowException.class,
                    () -> Timeouts.lockWaitNanos(true, PY_TIMEOUT_MAX_NANOS)).getMessage());
            assertEquals(PY_TIMEOUT_MAX_NANOS - 1000,
                    Timeouts.lockWaitNanos(true, PY_TIMEOUT_MAX_NANOS - 1000));
        } finally {
            Timeouts.useCPythonWording("timeout value must be positive",
                    "timestamp too large to convert to C _PyTime_t",
                    "timestamp out of range for platform time_t", true);
        }
        assertEquals(PY_TIMEOUT_MAX_NANOS, Timeouts.lockWaitNanos(true, PY_TIMEOUT_MAX_NANOS));
    }

    // ---- isEffectivelyForever ------------------------------------------------------------------

    @Test
    void effectivelyForeverStartsAtTwoToTheSixtyOne() {
        assertTrue(Timeouts.isEffectivelyForever(Timeouts.FOREVER));
        assertTrue(Timeouts.isEffectivelyForever(1L << 61));
        assertTrue(Timeouts.isEffectivelyForever(Long.MAX_VALUE));
        assertFalse(Timeouts.isEffectivelyForever((1L << 61) - 1));
        assertFalse(Timeouts.isEffectivelyForever(0));
        assertFalse(Timeouts.isEffectivelyForever(1_000_000_000L));
    }
}
