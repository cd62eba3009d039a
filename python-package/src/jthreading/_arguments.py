"""CPython's messages for calls with wrong arguments (as PyArg_ParseTupleAndKeywords words them).

Façade methods take ``*extra, **unknown`` after their real parameters and call this only when
either is non-empty, so correct calls pay nothing.
"""

import operator


def reject_extra(function, max_args, extra, unknown):
    if extra:
        given = max_args + len(extra)
        raise TypeError(f"{function}() takes at most {max_args} arguments ({given} given)")
    for keyword in unknown:
        raise TypeError(f"'{keyword}' is an invalid keyword argument for {function}()")


_LONG_MIN, _LONG_END = -(1 << 63), 1 << 63


def java_long(value):
    """A count (Semaphore value, release n, Barrier parties) for Java: an int (anything with
    __index__) that fits a long. CPython would also take floats and unbounded ints: a documented
    difference (README)."""
    number = operator.index(value)
    if not _LONG_MIN <= number < _LONG_END:
        raise OverflowError("Python int too large to convert to C long")
    return number
