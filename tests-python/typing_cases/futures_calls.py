"""jthreading.futures: correct calls check clean; each line marked `# E: message` must get that
error, and no other line any error."""

from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from jthreading import futures

python_future: "Future[int]" = Future()
java_future = futures.to_java(python_future)
back: "Future[Any]" = futures.from_java(java_future)
mirror: futures.JavaBackedFuture[int] = futures.from_java(java_future)
executor: Executor = futures.JavaExecutor(java_future)
done: "Future[str]" = executor.submit(str, 1)
squares = list(executor.map(abs, [1, -2]))
executor.shutdown(wait=False, cancel_futures=True)
service = futures.executor_to_java(ThreadPoolExecutor(1))

futures.to_java(1)  # E: Argument 1 to "to_java" has incompatible type "int"; expected "Future[Any]"  [arg-type]
futures.executor_to_java(python_future)  # E: Argument 1 to "executor_to_java" has incompatible type "Future[int]"; expected "Executor"  [arg-type]
futures.JavaExecutor()  # E: Missing positional argument "executor_service" in call to "JavaExecutor"  [call-arg]
