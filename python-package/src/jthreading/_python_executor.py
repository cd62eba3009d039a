"""A Python concurrent.futures.Executor as a Java ExecutorService
(``futures.executor_to_java``; io.jthreading.python.PythonExecutor).

Java's tasks (io.jthreading.python.PythonTask) run on the executor's threads as plain calls of
their Java ``run``: the Java value or exception stays Java's. The Python future of each run
decides cancellation, and its cancel (by Java through ``cancel``, or by Python's
``shutdown(cancel_futures=True)``) cancels the Java task's future.
"""

from concurrent.futures import Executor

from jthreading import _callbacks
from jthreading._embedding import java_class

_PythonExecutor = java_class("io.jthreading.python.PythonExecutor")


def executor_to_java(executor):
    if not isinstance(executor, Executor):
        raise TypeError("executor_to_java() argument must be a concurrent.futures.Executor, "
                        f"not {type(executor).__name__}")

    def submit(task):
        try:
            future = executor.submit(task.run)
        except RuntimeError as refused:  # shut down: Java's RejectedExecutionException
            return str(refused)
        task.linkPython(_callbacks.register(future.cancel))
        future.add_done_callback(_cancel_in_java(task))
        return None

    def shutdown(wait, cancel_futures):
        executor.shutdown(wait=wait, cancel_futures=cancel_futures)

    def is_shutdown():
        # ThreadPoolExecutor's flag; an Executor without one is shut down when Java says so.
        return bool(getattr(executor, "_shutdown", False))

    return _PythonExecutor(_callbacks.register(submit), _callbacks.register(shutdown),
                           _callbacks.register(is_shutdown))


def _cancel_in_java(task):
    def cancel(future):
        if future.cancelled():
            task.cancelFromPython()
    return cancel
