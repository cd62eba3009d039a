"""Façade methods built once from Java methods: the errors mapped (see _errors), and, for the
methods CPython writes in C, wrong calls worded as CPython's C parser words them (_arguments)."""

import operator

from jthreading._arguments import acquire_arguments, no_arguments
from jthreading._pytime import UNSET_NS, c_int_flag, lock_timeout_ns
from jthreading._versions import BLOCKING_IS_TRUTH_VALUE
from jthreading.distributed._errors import python_error

#: How ``acquire`` converts ``blocking`` (3.12 parses it as PyArg "p", before as "i").
_convert_blocking = bool if BLOCKING_IS_TRUTH_VALUE else c_int_flag


def acquire_method(java_acquire_nanos):
    """``acquire(blocking=True, timeout=-1)`` over Java's ``acquireNanos(boolean, long)``, which
    checks the pair as CPython's lock does (io.jthreading.Timeouts.lockWaitNanos)."""
    def acquire(self, *args, **kwargs):
        try:
            if args or kwargs:
                blocking, timeout = acquire_arguments(args, kwargs, _convert_blocking)
                return java_acquire_nanos(self, blocking, lock_timeout_ns(timeout))
            return java_acquire_nanos(self, True, UNSET_NS)
        except Exception as error:
            raise python_error(error) from None
    return acquire


def no_argument_method(java_method, c_name):
    """A method without parameters, named ``c_name`` in CPython's messages."""
    def method(self, *args, **kwargs):
        if args or kwargs:
            no_arguments(c_name, args, kwargs)
        try:
            return java_method(self)
        except Exception as error:
            raise python_error(error) from None
    method.__name__ = c_name.rpartition(".")[2]
    return method


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
