"""Python's ``<`` for the items of jthreading's priority queues.

io.jthreading.queue.PythonLess calls :func:`less` (on whichever thread runs the queue
operation, attached to Python if it is a Java thread) whenever two items are not Java
Comparables that accept each other: heapq's comparisons, made in Java, answered here.
"""

import _thread

from jthreading import _handles

#: Thread ident -> the exception of the thread's last failed comparison made for a Python
#: caller, which that caller raises (CPython's put/get raise the exception of ``<`` itself).
_failures = {}


def less(a, a_key, b, b_key, keep):
    """``a < b`` as heapq asks it (the truth value of the result); a key is a registered
    Python object, else the value is a Java one (a handle included). On an exception: its
    "Type: message" for Java, the exception kept for the caller if ``keep``."""
    left = _handles.lookup(a_key) if a_key else _handles.from_java(a)
    right = _handles.lookup(b_key) if b_key else _handles.from_java(b)
    try:
        return True if left < right else False
    except Exception as error:
        if keep:
            _failures[_thread.get_ident()] = error
        return f"{type(error).__name__}: {error}"


def failure():
    """The exception of the calling thread's last failed comparison (once)."""
    return _failures.pop(_thread.get_ident())


less.failure = failure
