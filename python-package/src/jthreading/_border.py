"""The border between Java and Python: object identity and exceptions.

Identity: Jep turns every Java object that enters Python into an instance of the Python type it
keeps for the Java class (cached by class name in ``_jep.__javaTypeCache__``). jthreading puts
its façade classes, which subclass those types, into that cache, so a Java ``io.jthreading.Lock``
always enters Python as a ``jthreading.Lock``; since the façade *is* a Jep object, Jep hands the
very same Java object back when it goes to Java. One Python object per Java primitive is kept in
a weak registry, so ``a is b`` holds however often the primitive crossed. (With the native fast
path, primitives with an off-heap state block keep theirs in the block instead:
``_fastpath.adopt``.)

Exceptions: Jep raises a Java exception as a builtin Python exception whose ``args[0]`` is the
Java exception; :func:`python_error` turns it into CPython's type with the Java message (which
the Java side writes in CPython's words).
"""

import _jep
import _thread
import threading as _cpython_threading
import weakref

from java.lang import (ClassCastException, IllegalArgumentException, IllegalMonitorStateException,
                       IllegalStateException, InterruptedException, Throwable)
from jthreading import _sigint
from jthreading._embedding import java_class

OverflowException = java_class("io.jthreading.OverflowException")
BrokenBarrierException = java_class("java.util.concurrent.BrokenBarrierException")

#: jthreading raises CPython's own class, so `except threading.BrokenBarrierError` catches it.
BrokenBarrierError = _cpython_threading.BrokenBarrierError

_by_id = weakref.WeakValueDictionary()
_registry_lock = _thread.allocate_lock()


def install_facade(java_class_name, facade_type):
    """Make every Java object of ``java_class_name`` enter Python as ``facade_type``."""
    _jep.__javaTypeCache__[java_class_name] = facade_type
    # No order, as in CPython: "'<' not supported between instances of ...", not Jep's own
    # "Invalid comparison operation for Java type ..." (found by test_native_fuzz.py).
    for name in ("__lt__", "__le__", "__gt__", "__ge__"):
        if name not in vars(facade_type):
            setattr(facade_type, name, getattr(object, name))


def installed_facade(java_class_name):
    """The Python type Java objects of ``java_class_name`` enter Python as (None: not made yet)."""
    return _jep.__javaTypeCache__.get(java_class_name)


def refuse_subclass(cls, **kwargs):
    """``__init_subclass__`` of the façades of Java classes: an instance is made by Java's
    constructor, which cannot make an instance of a Python subclass."""
    if cls.__module__.startswith("jthreading."):
        return  # the façades' own hierarchy (BoundedSemaphore is a Semaphore)
    raise TypeError(f"{cls.__mro__[1].__module__}.{cls.__mro__[1].__name__} is a Java class "
                    "and cannot be subclassed from Python; wrap it instead")


def canonical(obj):
    """The one Python object for the Java primitive ``obj`` wraps (``obj`` if it is the first)."""
    key = obj.id()
    with _registry_lock:
        existing = _by_id.get(key)
        if existing is not None:
            return existing
        _by_id[key] = obj
        return obj


# Most specific first: OverflowException is an ArithmeticException, not an IllegalArgument one.
_PYTHON_TYPE = (
    (OverflowException, OverflowError),
    (BrokenBarrierException, BrokenBarrierError),
    (IllegalArgumentException, ValueError),
    (IllegalMonitorStateException, RuntimeError),
    (IllegalStateException, RuntimeError),
    (ClassCastException, TypeError),
)


#: What Jep raises instead of a Java exception it could not wrap: the JVM failed to allocate its
#: stack trace or its wrapper, which happens when the Java heap has run out (issue 13's fault
#: test): MemoryError, as Jep raises for the OutOfMemoryError it can wrap.
_UNWRAPPABLE = "wrapping java exception in pyjobject failed."


def python_error(exc):
    """CPython's exception for ``exc``; ``exc`` itself when it did not come from Java."""
    java = exc.args[0] if exc.args else None
    if type(exc) is RuntimeError and type(java) is str and java == _UNWRAPPABLE:
        return MemoryError()  # before isinstance below, which needs the JVM too
    if not isinstance(java, Throwable):
        return exc
    if isinstance(java, InterruptedException):
        # KeyboardInterrupt for Ctrl-C, else InterruptedError (see _sigint); never a leftover
        # interrupt status.
        message = java.getMessage()
        return _sigint.interrupted(None if message is None else str(message))
    for java_type, python_type in _PYTHON_TYPE:
        if isinstance(java, java_type):
            message = java.getMessage()
            return python_type(str(message)) if message is not None else python_type()
    return exc
