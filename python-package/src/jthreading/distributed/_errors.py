"""The distributed primitives' own exceptions, and Java's exceptions as Python's.

Java's CoordinationException and SessionLostException become CoordinationError and
SessionLostError; everything else as in the rest of jthreading (_border.python_error:
IllegalArgumentException -> ValueError, IllegalMonitorStateException -> RuntimeError,
BrokenBarrierException -> threading.BrokenBarrierError, InterruptedException -> KeyboardInterrupt
for Ctrl-C; also when it interrupts a short ZooKeeper call), always with the Java message and never a Java stack trace.
"""

from jthreading import _border, _sigint
from jthreading._embedding import java_class
from jthreading.distributed._java import distributed_class

_CoordinationException = distributed_class("CoordinationException")
_SessionLostException = distributed_class("SessionLostException")
_InterruptedException = java_class("java.lang.InterruptedException")
_JavaThread = java_class("java.lang.Thread")


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
        if (isinstance(java, _CoordinationException)
                and isinstance(java.getCause(), _InterruptedException)):
            # A short call (is_set, set, notify, release) interrupted: Java reports it as a
            # CoordinationException and keeps the interrupt status; Python gets what an
            # interrupted wait raises (KeyboardInterrupt for Ctrl-C), the status taken.
            _JavaThread.interrupted()
            return _sigint.interrupted(str(java.getMessage()))
        for java_type, python_type in _PYTHON_TYPE:
            if isinstance(java, java_type):
                message = java.getMessage()
                return python_type(str(message)) if message is not None else python_type()
    return _border.python_error(exc)
