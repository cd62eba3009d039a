"""Python callables that Java code calls: a registry of key -> callable.

Java holds an io.jthreading.python.PythonCallable, which is only the key; Java calls it from any
thread through an attached interpreter (see _java_entry). Registering converts no Python object
to Java, which Jep refuses on threads it did not create.
"""

import itertools
import threading as _cpython_threading

from jthreading._embedding import java_class

_PythonCallable = java_class("io.jthreading.python.PythonCallable")

_registry = {}
_keys = itertools.count(1)
_guard = _cpython_threading.Lock()


def register(function):
    """A Java PythonCallable (Runnable, BooleanSupplier, Supplier) that calls ``function``."""
    with _guard:
        for released in _PythonCallable.drainReleasedKeys():
            _registry.pop(released, None)
        key = next(_keys)
        _registry[key] = function
    return _PythonCallable(key)


def lookup(key):
    return _registry[key]


def size():
    """How many callables Java may still call (for leak tests)."""
    return len(_registry)
