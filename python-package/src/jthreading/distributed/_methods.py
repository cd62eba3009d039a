"""Façade methods built once from Java methods: the errors mapped (see _errors), and, for the
methods CPython writes in C, wrong calls worded as CPython's C parser words them (_arguments)."""

import operator

from jthreading import _lock_methods
from jthreading.distributed._errors import python_error


def acquire_method(java_acquire_nanos):
    """``acquire(blocking=True, timeout=-1)``: the in-process Lock's, with this package's errors."""
    return _lock_methods.acquire_method(java_acquire_nanos, python_error)


def no_argument_method(java_method, c_name):
    """A method without parameters, named ``c_name`` in CPython's messages."""
    return _lock_methods.no_argument_method(java_method, c_name, python_error)


def java_call(java_method, *args):
    """``java_method(*args)`` with its exception as Python's."""
    try:
        return java_method(*args)
    except Exception as error:
        raise python_error(error) from None


def made_by_coordinator(kind):
    """``__new__`` of a façade: its objects come from a Coordinator (and from Java)."""
    def __new__(cls, *args, **kwargs):
        raise TypeError(f"jthreading.distributed.{kind} objects are made by a Coordinator: "
                        f"coordinator.{kind}(name, ...)")
    return __new__


_INT_MAX = (1 << 31) - 1


def java_int(value, what):
    """A count for a Java int parameter (Semaphore value, Barrier parties): anything with
    __index__ that fits 32 bits (CPython would take floats and unbounded ints; a documented
    difference)."""
    number = operator.index(value)
    if not -_INT_MAX - 1 <= number <= _INT_MAX:
        raise OverflowError(f"{what} does not fit a 32-bit int: {number}")
    return number
