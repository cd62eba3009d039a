"""A Java ExecutorService as a concurrent.futures.Executor (``futures.JavaExecutor``).

Each call runs on one of Java's threads, attached to Python for the call (PythonRuntime). Its
future is a real concurrent.futures.Future that the call moves through CPython's states as
ThreadPoolExecutor's work items do (RUNNING, then the result or the exception), so everything
else (``map``, ``wait``, the context manager) is CPython's ``Executor`` code.
"""

import _thread
from concurrent.futures import Executor, Future

from jthreading import _border, _callbacks
from jthreading._embedding import java_class

_ExecutorService = java_class("java.util.concurrent.ExecutorService")
_RejectedExecutionException = java_class("java.util.concurrent.RejectedExecutionException")
_NANOSECONDS = java_class("java.util.concurrent.TimeUnit").NANOSECONDS
_FOREVER = (1 << 63) - 1

_AFTER_SHUTDOWN = "cannot schedule new futures after shutdown"  # ThreadPoolExecutor's words


class _Call:
    """One submitted call: what the Java task runs."""

    __slots__ = ("future", "fn", "args", "kwargs", "pending")

    def __init__(self, future, fn, args, kwargs, pending):
        self.future, self.fn, self.args, self.kwargs = future, fn, args, kwargs
        self.pending = pending

    def run(self):
        self.pending.discard(self.future)
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            self = None  # no cycle through the traceback's frame
        else:
            self.future.set_result(result)


class JavaExecutor(Executor):
    """A concurrent.futures.Executor that runs calls on the Java ExecutorService
    ``executor_service`` (available as ``.java``)."""

    def __init__(self, executor_service):
        if not isinstance(executor_service, _ExecutorService):
            raise TypeError("JavaExecutor() argument must be a java.util.concurrent."
                            f"ExecutorService, not {type(executor_service).__name__}")
        self.java = executor_service
        self._shutdown_lock = _thread.allocate_lock()
        self._shutdown = False
        self._pending = set()  # futures not started yet: shutdown(cancel_futures=True) cancels them

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._shutdown:
                raise RuntimeError(_AFTER_SHUTDOWN)
            future = Future()
            self._pending.add(future)
            try:
                task = self.java.submit(_callbacks.register(
                    _Call(future, fn, args, kwargs, self._pending).run))
            except Exception as error:
                self._pending.discard(future)
                if error.args and isinstance(error.args[0], _RejectedExecutionException):
                    raise RuntimeError(_AFTER_SHUTDOWN) from None
                raise _border.python_error(error) from None
            future.add_done_callback(_forget_if_cancelled(task, self._pending))
            return future

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                for future in list(self._pending):
                    future.cancel()
        try:
            self.java.shutdown()
            if wait:
                while not self.java.awaitTermination(_FOREVER, _NANOSECONDS):
                    pass
        except Exception as error:
            raise _border.python_error(error) from None

    shutdown.__doc__ = Executor.shutdown.__doc__


def _forget_if_cancelled(task, pending):
    """Done callback: a cancelled call's Java task need not run (nor stay queued)."""
    def forget(future):
        if future.cancelled():
            pending.discard(future)
            task.cancel(False)
    return forget
