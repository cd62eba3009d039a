"""Python callables that Java code calls.

Java holds an io.jthreading.python.PythonCallable, a handle (see _handles) whose key names the
callable; Java calls it from any thread through an attached interpreter (see _java_entry).
"""

from jthreading import _handles
from jthreading._embedding import java_class

_PythonCallable = java_class("io.jthreading.python.PythonCallable")


def register(function):
    """A Java PythonCallable (Runnable, BooleanSupplier, Supplier) that calls ``function``."""
    return _PythonCallable(_handles.register(function))


def lookup(key):
    return _handles.lookup(key)


def size():
    """How many callables (and other objects) Java may still call or hold (for leak tests)."""
    return _handles.size()
