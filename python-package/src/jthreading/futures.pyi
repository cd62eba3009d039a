# Stub of jthreading.futures. Java objects (a CompletableFuture, an ExecutorService) have no
# Python types mypy could know: they are Any.
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

__all__ = ["to_java", "from_java", "JavaExecutor", "JavaBackedFuture", "executor_to_java"]

_T = TypeVar("_T")

class JavaBackedFuture(Future[_T]):
    java: Any
    def __init__(self, java: Any) -> None: ...

class JavaExecutor(Executor):
    java: Any
    def __init__(self, executor_service: Any) -> None: ...

def to_java(fut: Future[Any]) -> Any: ...
def from_java(f: Any) -> JavaBackedFuture[Any]: ...
def executor_to_java(executor: Executor) -> Any: ...
