"""Futures and executors shared with Java.

- ``to_java(fut)``: a concurrent.futures.Future as a java.util.concurrent.CompletableFuture
  (io.jthreading.python.PythonBackedFuture) that follows it.
- ``from_java(f)``: a java.util.concurrent.Future as a real concurrent.futures.Future
  (``JavaBackedFuture``) that follows it.
- ``JavaExecutor(executor_service)``: a Java ExecutorService as a concurrent.futures.Executor.
- ``executor_to_java(executor)``: a Python Executor (a ThreadPoolExecutor, say) as a Java
  ExecutorService (io.jthreading.python.PythonExecutor).

Each side's future keeps its own state machine; the bridge only links them. Values cross as
jthreading's handles: a Java object as itself, None as null, any other Python object as an
io.jthreading.python.PythonObject that comes back to Python as the same object. A Python
exception reaches Java as the cause of an ExecutionException: an
io.jthreading.python.PythonException ("ValueError: msg") that comes back as the same exception
object. The README's "Futures and executors" has the whole mapping.
"""

from jthreading._future_from_java import JavaBackedFuture
from jthreading._future_from_java import from_java as _from_java
from jthreading._future_to_java import to_java as _to_java
from jthreading._java_executor import JavaExecutor
from jthreading._python_executor import executor_to_java

__all__ = ["to_java", "from_java", "JavaExecutor", "JavaBackedFuture", "executor_to_java"]


def to_java(fut):
    """A CompletableFuture that follows the concurrent.futures.Future ``fut`` (for a
    ``JavaBackedFuture``: the Java future it follows)."""
    if isinstance(fut, JavaBackedFuture):
        return fut.java
    return _to_java(fut)


def from_java(f):
    """A concurrent.futures.Future that follows the java.util.concurrent.Future ``f`` (for a
    future made by ``to_java``: the Python future it follows, while Python holds it)."""
    return _from_java(f)
