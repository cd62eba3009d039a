"""A Python concurrent.futures.Future as Java's CompletableFuture (``futures.to_java``).

Python's future keeps its own state machine; Java's io.jthreading.python.PythonBackedFuture
follows it through a done callback, which runs on the thread that completes Python's future
(as CPython runs done callbacks). Values cross as handles (``_handles``): Java objects as
themselves, None as null, any other object as a PythonObject that comes back as the same object.
"""

import weakref
from concurrent.futures import Future
from itertools import count

from jthreading import _callbacks, _handles
from jthreading._embedding import java_class

_PythonBackedFuture = java_class("io.jthreading.python.PythonBackedFuture")
_PythonException = java_class("io.jthreading.python.PythonException")
_Throwable = java_class("java.lang.Throwable")

# origin key -> the Python future a PythonBackedFuture follows, so that from_java gives it back.
# Weak: Java holds only the key (a strong handle would make a cycle through Java that neither
# garbage collector can see).
_origins = weakref.WeakValueDictionary()
_origin_keys = count(1)


def describe(error):
    """Python's last traceback line for ``error``: ``"ValueError: msg"`` (module-qualified
    outside builtins, the bare name when the message is empty)."""
    kind = type(error)
    name = kind.__qualname__
    if kind.__module__ not in ("builtins", "__main__"):
        name = f"{kind.__module__}.{name}"
    try:
        text = str(error)
    except Exception:
        text = "<exception str() failed>"
    return f"{name}: {text}" if text else name


def java_exception(error):
    """The io.jthreading.python.PythonException for the Python exception ``error``."""
    java_cause = error.args[0] if error.args and isinstance(error.args[0], _Throwable) else None
    return _PythonException(describe(error), _handles.to_java(error), java_cause)


def value_to_java(value):
    return None if value is None else _handles.to_java(value)


def to_java(fut):
    """A PythonBackedFuture that follows the Python future ``fut``."""
    if not isinstance(fut, Future):
        raise TypeError(f"to_java() argument must be a concurrent.futures.Future, "
                        f"not {type(fut).__name__}")
    origin = next(_origin_keys)
    _origins[origin] = fut
    java = _PythonBackedFuture(_callbacks.register(fut.cancel), origin)
    fut.add_done_callback(_settle_in_java(java))
    return java


def _settle_in_java(java):
    def settle(fut):
        if fut.cancelled():
            java.cancelFromPython()
            return
        error = fut.exception()  # done: returns at once
        if error is not None:
            java.failFromPython(java_exception(error))
        else:
            java.completeFromPython(value_to_java(fut.result()))
    return settle


_PLAIN = (bool, int, float, str)
_LONG = range(-(1 << 63), 1 << 63)


def plain_value(handle):
    """For Java's PythonFutures.value: a plain Python value (Jep converts it), else the handle."""
    value = _handles.from_java(handle)
    if type(value) in _PLAIN and (type(value) is not int or value in _LONG):
        return value
    return handle


_PythonFutures = java_class("io.jthreading.python.PythonFutures")
_PythonFutures.install(_callbacks.register(plain_value))


def origin_of(java):
    """The Python future ``java`` (a PythonBackedFuture) follows, if Python still has it."""
    return _origins.get(java.origin())
