"""A Java future as a real concurrent.futures.Future (``futures.from_java``).

Java's future keeps its own state machine; the Python future follows it: Java tells Python
when it is done (io.jthreading.python.PythonFutures.whenDone: on the completing thread for a
CompletableFuture, on a waiting thread for a plain Future), and the Python future is then
finished, failed or cancelled by CPython's own code, so waiters, ``wait``, ``as_completed``
and done callbacks behave as CPython's. It never becomes RUNNING (Java has no such state), so
``cancel()`` succeeds exactly when Java's ``cancel`` does.
"""

from concurrent.futures import Future, InvalidStateError

from jthreading import _border, _callbacks, _handles
from jthreading._embedding import java_class
from jthreading._future_to_java import _PythonBackedFuture, origin_of

_PythonFutures = java_class("io.jthreading.python.PythonFutures")
_PythonException = java_class("io.jthreading.python.PythonException")
_InterruptedException = java_class("java.lang.InterruptedException")
_JavaFuture = java_class("java.util.concurrent.Future")
_RESULT, _FAILED = _PythonFutures.RESULT, _PythonFutures.FAILED


class JavaBackedFuture(Future):
    """A concurrent.futures.Future that follows a Java ``java.util.concurrent.Future``
    (``java``)."""

    def __init__(self, java):
        super().__init__()
        self.java = java

    def cancel(self):
        # Java decides; its cancel settles this future (at once for a CompletableFuture). As
        # CPython's cancel never interrupts a call, Java's does not either (false).
        if not self.java.cancel(False):
            return False
        return super().cancel()


def python_error(throwable):
    """The Python exception for a Java future's failure ``throwable``.

    A PythonException gives back the Python exception it stands for. Any other Java exception
    becomes what Jep raises for it (``args[0]`` is the Java exception), then CPython's type as
    jthreading maps it (``_border.python_error``; Jep's exception is then the ``__cause__``).
    """
    if isinstance(throwable, _PythonException):
        return _handles.from_java(throwable.pythonException())
    try:
        _PythonFutures.rethrow(throwable)
    except BaseException as raised:
        jep_error = raised
    if isinstance(throwable, _InterruptedException):
        # Not an interrupt of this thread's wait (_border's meaning): no KeyboardInterrupt.
        message = throwable.getMessage()
        error = InterruptedError(*(() if message is None else (str(message),)))
    else:
        error = _border.python_error(jep_error)
    jep_error.__traceback__ = None  # its frame (this one) would keep throwable alive
    if error is not jep_error:
        error.__cause__ = jep_error
    return error


def from_java(java):
    """The Python future for the Java future ``java``; for a PythonBackedFuture, the Python
    future it follows (if Python still holds it)."""
    if isinstance(java, _PythonBackedFuture):
        fut = origin_of(java)
        if fut is not None:
            return fut
    if not isinstance(java, _JavaFuture):
        raise TypeError(f"from_java() argument must be a java.util.concurrent.Future, "
                        f"not {type(java).__name__}")
    fut = JavaBackedFuture(java)
    _PythonFutures.whenDone(java, _callbacks.register(_settle_in_python(fut)))
    return fut


def _settle_in_python(fut):
    def settle(kind, payload):
        try:
            if kind == _RESULT:
                fut.set_result(_handles.from_java(payload))
            elif kind == _FAILED:
                fut.set_exception(python_error(payload))
            else:
                Future.cancel(fut)
        except InvalidStateError:
            pass  # Python code settled it by hand first: that outcome stands, as in CPython
    return settle
