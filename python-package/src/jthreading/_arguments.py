"""CPython's argument errors, for façade methods that CPython writes in C.

CPython parses a C method's arguments with PyArg_ParseTupleAndKeywords and words its errors its
own way ("lock.release() takes no arguments (1 given)", "acquire() takes at most 2 arguments
(3 given)"); a Python ``def`` would word them differently. The façades of such methods take
``*args, **kwargs`` and let these helpers parse them.
"""

import operator
import types

from jthreading._versions import UNKNOWN_KEYWORD

_LONG_MIN, _LONG_END = -(1 << 63), 1 << 63
_ACQUIRE_KEYWORDS = ("blocking", "timeout")


def no_arguments(function, args, kwargs):
    """For a C method without parameters: raise as CPython does if any were given."""
    if kwargs:
        raise TypeError(f"{function}() takes no keyword arguments")
    if args:
        raise TypeError(f"{function}() takes no arguments ({len(args)} given)")


def exactly_one_argument(function, args, kwargs, wording="1 argument", qualified=None):
    """For a C method with one positional parameter; returns it. CPython names the method by
    ``qualified`` (e.g. "RLock._acquire_restore") when it refuses keywords."""
    if kwargs:
        raise TypeError(f"{qualified or function}() takes no keyword arguments")
    if len(args) != 1:
        raise TypeError(f"{function}() takes exactly {wording} ({len(args)} given)")
    return args[0]


def acquire_arguments(args, kwargs, convert_blocking):
    """``acquire(blocking=True, timeout=-1)`` of a Lock or RLock, parsed in the order of
    CPython's C parser: the count; then each given value's conversion (``blocking`` by
    ``convert_blocking``: a C int before 3.12, a truth value since); then names given twice;
    then unknown names. Returns (blocking as a bool, timeout as given)."""
    given = len(args) + len(kwargs)
    if given > 2:
        kind = "" if args else "keyword "
        raise TypeError(f"acquire() takes at most 2 {kind}arguments ({given} given)")
    values = [True, -1]
    values[:len(args)] = args
    for position, name in enumerate(_ACQUIRE_KEYWORDS):
        if position >= len(args) and name in kwargs:
            values[position] = kwargs[name]
    blocking = values[0] if values[0] is True else convert_blocking(values[0])
    for position, name in enumerate(_ACQUIRE_KEYWORDS[:len(args)]):
        if name in kwargs:
            raise TypeError(f"argument for acquire() given by name ('{name}') "
                            f"and position ({position + 1})")
    for name in kwargs:
        if name not in _ACQUIRE_KEYWORDS:
            raise TypeError(UNKNOWN_KEYWORD.format(function="acquire", name=name))
    return blocking, values[1]


def java_long(value):
    """A count (Semaphore value, release n, Barrier parties) for Java: an int (anything with
    __index__) that fits a long. CPython would also take floats and unbounded ints: a documented
    difference (README)."""
    number = operator.index(value)
    if not _LONG_MIN <= number < _LONG_END:
        raise OverflowError("Python int too large to convert to C long")
    return number


def signature_of(qualname, parser):
    """A copy of ``parser`` named so that Python's own argument errors name ``qualname``
    (CPython's "Semaphore.__init__() takes from 1 to 2 positional arguments but 3 were given")."""
    named = types.FunctionType(parser.__code__, parser.__globals__,
                               qualname.rpartition(".")[2], parser.__defaults__)
    named.__qualname__ = qualname
    return named
