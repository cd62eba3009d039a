"""Façade methods for Java methods that CPython writes in C (Lock's and RLock's), built once.

Each takes ``*args, **kwargs`` so that wrong calls get CPython's C wording (see _arguments),
and maps Java's exceptions to CPython's (see _border).
"""

from jthreading import _border
from jthreading._arguments import acquire_arguments, no_arguments
from jthreading._pytime import UNSET_NS, c_int_flag, lock_timeout_ns
from jthreading._versions import BLOCKING_IS_TRUTH_VALUE, QUALIFIED_NO_KEYWORDS

#: How ``acquire`` converts ``blocking`` (3.12 parses it as PyArg "p", before as "i").
_convert_blocking = bool if BLOCKING_IS_TRUTH_VALUE else c_int_flag


def acquire_method(java_acquire_nanos, python_error=_border.python_error):
    """``acquire(blocking=True, timeout=-1)`` over Java's ``acquireNanos(boolean, long)``, which
    checks the pair as CPython's lock does (io.jthreading.Timeouts.lockWaitNanos).
    ``python_error`` maps Java's exceptions (jthreading.distributed adds its own)."""
    def acquire(self, *args, **kwargs):
        try:
            if args or kwargs:
                blocking, timeout = acquire_arguments(args, kwargs, _convert_blocking)
                return java_acquire_nanos(self, blocking, lock_timeout_ns(timeout))
            return java_acquire_nanos(self, True, UNSET_NS)
        except Exception as error:
            raise python_error(error) from None
    return acquire


def no_argument_method(java_method, c_name, python_error=_border.python_error):
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


def no_keywords_name(c_name):
    """How CPython names ``c_name`` (e.g. "lock.__exit__") when it refuses keywords: 3.10 leaves
    the type's name out."""
    return c_name if QUALIFIED_NO_KEYWORDS else c_name.rpartition(".")[2]


def exit_method(release, c_name):
    """``__exit__(*exc_info)``: releases; CPython's C version takes any positional arguments."""
    c_name = no_keywords_name(c_name)

    def __exit__(self, *exc_info, **kwargs):
        if kwargs:
            no_arguments(c_name, (), kwargs)
        release(self)
    return __exit__
