"""The distributed primitives' own exceptions, and Java's exceptions as Python's.

Java's CoordinationException and SessionLostException become CoordinationError and
SessionLostError; everything else as in the rest of jthreading (_border.python_error:
IllegalArgumentException -> ValueError, IllegalMonitorStateException -> RuntimeError,
BrokenBarrierException -> threading.BrokenBarrierError, InterruptedException -> KeyboardInterrupt
for Ctrl-C), always with the Java message and never a Java stack trace.
"""

from jthreading import _border
from jthreading.distributed._java import distributed_class

_CoordinationException = distributed_class("CoordinationException")
_SessionLostException = distributed_class("SessionLostException")


class CoordinationError(RuntimeError):
    """ZooKeeper could not do what a distributed primitive asked, after the retries: the
    ensemble is unreachable, or answered with an error. What was held before is unchanged,
    unless the error is a SessionLostError."""


class SessionLostError(CoordinationError):
    """The ZooKeeper session that held a primitive ended: ZooKeeper released the holding, so
    another process may hold the primitive now. Raised to the holder by release() and check()."""


CoordinationError.__module__ = SessionLostError.__module__ = "jthreading.distributed"

# Most specific first.
_PYTHON_TYPE = ((_SessionLostException, SessionLostError),
                (_CoordinationException, CoordinationError))


def python_error(exc):
    """The Python exception to raise for ``exc`` (``exc`` itself if it did not come from Java)."""
    java = exc.args[0] if exc.args else None
    if java is not None and not isinstance(java, str):
        for java_type, python_type in _PYTHON_TYPE:
            if isinstance(java, java_type):
                message = java.getMessage()
                return python_type(str(message)) if message is not None else python_type()
    return _border.python_error(exc)
