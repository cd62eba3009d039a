"""Python objects to CPython's timeout values, as _PyTime_FromSecondsObject converts them.

Only the conversion of Python *objects* lives here (which types are accepted, which error a
wrong type gets). The rules on the values (negative, too large, non-blocking) live in Java
(io.jthreading.Timeouts), as does the conversion of a float.
"""

import operator
from time import monotonic as _time

from jthreading import _border, _versions
from jthreading._embedding import java_class

_Timeouts = java_class("io.jthreading.Timeouts")
# Java words the errors it raises for timeouts as the running CPython does.
_Timeouts.useCPythonWording(_versions.NEGATIVE_TIMEOUT, _versions.INT_TIMEOUT_OVERFLOW,
                            _versions.FLOAT_TIMEOUT_OVERFLOW,
                            _versions.TIMEOUT_MAX_MICROS_ALLOWED)

TIMEOUT_MAX = float(_Timeouts.TIMEOUT_MAX)

#: A lock's "no timeout" (-1 second) in nanoseconds.
UNSET_NS = -1_000_000_000

_INT64_MIN, _INT64_END = -(1 << 63), 1 << 63


def _seconds_to_nanos(seconds):
    try:
        return _Timeouts.secondsToNanos(seconds)
    except Exception as error:  # NaN, overflow: Java's exceptions carry CPython's messages
        raise _border.python_error(error) from None


def _whole_seconds_to_nanos(seconds):
    try:
        return _Timeouts.wholeSecondsToNanos(seconds)
    except Exception as error:
        raise _border.python_error(error) from None


def timeout_ns(seconds):
    """``seconds`` (float, or anything with __index__) as int nanoseconds."""
    if isinstance(seconds, float):
        return _seconds_to_nanos(seconds)
    whole = operator.index(seconds)  # TypeError "'str' object cannot be interpreted as an integer"
    if not _INT64_MIN <= whole < _INT64_END:  # does not fit Java's long (C's long long)
        raise OverflowError(_versions.INT_TIMEOUT_OVERFLOW)
    return _whole_seconds_to_nanos(whole)  # overflow of the product: Java's OverflowException


def c_int_flag(value):
    """A C ``int`` argument used as a flag (``lock.acquire``'s ``blocking``), as PyArg's "i"."""
    number = operator.index(value)
    if not -(1 << 63) <= number < (1 << 63):
        raise OverflowError("Python int too large to convert to C long")
    if number > 0x7FFFFFFF:
        raise OverflowError("signed integer is greater than maximum")
    if number < -0x80000000:
        raise OverflowError("signed integer is less than minimum")
    return number != 0


#: "No timeout" for the Java methods that wait (io.jthreading.Timeouts.FOREVER).
FOREVER = int(_Timeouts.FOREVER)


def wait_timeout_ns(timeout):
    """A Condition/Event ``wait(timeout)`` argument as CPython uses it: None waits forever, a
    positive value waits (converted and checked as a lock timeout: CPython waits on a lock),
    anything else only checks (0)."""
    if timeout is None:
        return FOREVER
    if timeout > 0:  # TypeError for non-numbers, as in CPython
        return _within_lock_limit(timeout_ns(timeout))
    return 0


def join_timeout_ns(timeout):
    """``Thread.join(timeout)``: None waits forever; else ``max(timeout, 0)`` (NaN stays NaN and
    raises), converted and checked as a lock timeout."""
    if timeout is None:
        return FOREVER
    nanos = timeout_ns(max(timeout, 0))
    return _within_lock_limit(nanos) if nanos > 0 else nanos


#: No lock refuses a wait shorter than this (PY_TIMEOUT_MAX is ~292 years, TIMEOUT_MAX in
#: seconds rounded down): below it the check cannot fail, so it costs no Jep call.
_NEVER_REFUSED_NS = (int(TIMEOUT_MAX) - 1) * 1_000_000_000


def _within_lock_limit(nanos):
    """A positive wait, checked as CPython's lock.acquire checks it (every wait of threading ends
    in one): beyond PY_TIMEOUT_MAX microseconds it is "too large" (on 3.10 exactly that too).
    The rule is Java's (Timeouts.lockWaitNanos); only waits near the limit need to ask it."""
    if nanos < _NEVER_REFUSED_NS:
        return nanos
    try:
        return _Timeouts.lockWaitNanos(True, nanos)
    except Exception as error:
        raise _border.python_error(error) from None


def deadline_timeout_ns(timeout):
    """A Semaphore/Barrier timeout, which CPython first adds to the clock (``_time() + timeout``:
    TypeError for non-numbers), then waits on a Condition with. NaN never reaches its deadline:
    CPython polls forever; we wait without one."""
    if timeout is None:
        return FOREVER
    _time() + timeout  # the TypeError CPython raises for a non-number
    if timeout != timeout:
        return FOREVER
    return wait_timeout_ns(timeout)


def lock_timeout_ns(timeout):
    """A Lock's or RLock's ``acquire`` timeout in nanoseconds (-1, the default: UNSET_NS)."""
    if timeout == -1 and type(timeout) is int:
        return UNSET_NS
    return timeout_ns(timeout)
