# Type stub for jthreading: the API of CPython's threading module as typeshed declares it
# (stdlib/threading.pyi, stdlib/_thread.pyi), for the Python versions jthreading runs on
# (3.10 to 3.13; version guards where these differ), over jthreading's own classes. Among those
# versions only setprofile_all_threads/settrace_all_threads (3.12+) differ; typeshed's 3.14+
# additions (Thread(context=), RLock.locked, Condition.locked, ...) are left out, as jthreading
# does not implement them.
#
# What is jthreading's and what is CPython's follows the runtime:
#   - Lock, RLock, Condition, Semaphore, BoundedSemaphore, Event and Barrier are jthreading's
#     classes (the Java objects themselves). They are @final: Java classes cannot be subclassed
#     from Python. BoundedSemaphore is not a Semaphore in Python (isinstance is False), so it
#     repeats Semaphore's methods instead of subclassing it. Their Java methods (tryLock, guard,
#     ...) are not declared here.
#   - Thread, Timer and local are jthreading's classes and may be subclassed; local is a subclass
#     of CPython's _thread._local.
#   - BrokenBarrierError, ExceptHookArgs, ThreadError and get_native_id are CPython's own objects.
#
# Checked by tests-python/test_typing.py (mypy over tests-python/typing_cases/, and this file's
# names against jthreading's runtime).

import _thread
import sys
import threading
from _thread import _ExceptHookArgs, get_native_id as get_native_id
from _typeshed import ProfileFunction, TraceFunction
from collections.abc import Callable, Iterable, Mapping
from threading import BrokenBarrierError as BrokenBarrierError
from types import TracebackType
from typing import Any, Final, TypeVar, final
from typing_extensions import deprecated

_T = TypeVar("_T")

# CPython's threading.__all__, in its order.
__all__ = [
    "get_ident",
    "active_count",
    "Condition",
    "current_thread",
    "enumerate",
    "main_thread",
    "TIMEOUT_MAX",
    "Event",
    "Lock",
    "RLock",
    "Semaphore",
    "BoundedSemaphore",
    "Thread",
    "Barrier",
    "BrokenBarrierError",
    "Timer",
    "ThreadError",
    "setprofile",
    "settrace",
    "local",
    "stack_size",
    "excepthook",
    "ExceptHookArgs",
    "gettrace",
    "getprofile",
]
if sys.version_info >= (3, 12):
    __all__ += ["setprofile_all_threads", "settrace_all_threads"]
__all__ += ["get_native_id"]

# -- module functions and constants ------------------------------------------------------------

def get_ident() -> int: ...
def active_count() -> int: ...
@deprecated("Deprecated alias (Python 3.10): call active_count() instead.")
def activeCount() -> int: ...
def current_thread() -> Thread: ...
@deprecated("Deprecated alias (Python 3.10): call current_thread() instead.")
def currentThread() -> Thread: ...
def enumerate() -> list[Thread]: ...
def main_thread() -> Thread: ...
def settrace(func: TraceFunction | None) -> None: ...
def setprofile(func: ProfileFunction | None) -> None: ...

if sys.version_info >= (3, 12):
    def setprofile_all_threads(func: ProfileFunction | None) -> None: ...
    def settrace_all_threads(func: TraceFunction | None) -> None: ...

def gettrace() -> TraceFunction | None: ...
def getprofile() -> ProfileFunction | None: ...
def stack_size(size: int = 0, /) -> int: ...

TIMEOUT_MAX: Final[float]

# CPython's _thread.error.
ThreadError = RuntimeError

# CPython's structseq type (_thread._ExceptHookArgs): hooks written for threading take ours.
ExceptHookArgs = _ExceptHookArgs

excepthook: Callable[[ExceptHookArgs], object]
__excepthook__: Callable[[ExceptHookArgs], object]

# -- locks -------------------------------------------------------------------------------------

@final
class Lock:
    def __init__(self) -> None: ...
    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool: ...
    def release(self) -> None: ...
    def locked(self) -> bool: ...
    @deprecated("Undocumented old name: call acquire() instead.")
    def acquire_lock(self, blocking: bool = True, timeout: float = -1) -> bool: ...
    @deprecated("Undocumented old name: call release() instead.")
    def release_lock(self) -> None: ...
    @deprecated("Undocumented old name: call locked() instead.")
    def locked_lock(self) -> bool: ...
    def __enter__(self) -> bool: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        exc_tb: TracebackType | None,
        /,
    ) -> None: ...

@final
class RLock:
    def __init__(self) -> None: ...
    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool: ...
    def release(self) -> None: ...
    __enter__ = acquire
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        exc_tb: TracebackType | None,
        /,
    ) -> None: ...

@final
class Condition:
    # jthreading's locks, or CPython's (then Java code cannot wait on the condition).
    def __init__(
        self, lock: Lock | RLock | threading.Lock | threading._RLock | threading.RLock | None = None
    ) -> None: ...
    def __enter__(self) -> bool: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None: ...
    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool: ...
    def release(self) -> None: ...
    def wait(self, timeout: float | None = None) -> bool: ...
    def wait_for(self, predicate: Callable[[], _T], timeout: float | None = None) -> _T: ...
    def notify(self, n: int = 1) -> None: ...
    def notify_all(self) -> None: ...
    @deprecated("Deprecated alias (Python 3.10): call notify_all() instead.")
    def notifyAll(self) -> None: ...

@final
class Semaphore:
    @property
    def _value(self) -> int: ...
    def __init__(self, value: int = 1) -> None: ...
    def __exit__(
        self, t: type[BaseException] | None, v: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool: ...
    def __enter__(self, blocking: bool = True, timeout: float | None = None) -> bool: ...
    def release(self, n: int = 1) -> None: ...

# Not a subclass of Semaphore in Python (it is in Java).
@final
class BoundedSemaphore:
    @property
    def _value(self) -> int: ...
    def __init__(self, value: int = 1) -> None: ...
    def __exit__(
        self, t: type[BaseException] | None, v: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool: ...
    def __enter__(self, blocking: bool = True, timeout: float | None = None) -> bool: ...
    def release(self, n: int = 1) -> None: ...

@final
class Event:
    def __init__(self) -> None: ...
    def is_set(self) -> bool: ...
    @deprecated("Deprecated alias (Python 3.10): call is_set() instead.")
    def isSet(self) -> bool: ...
    def set(self) -> None: ...
    def clear(self) -> None: ...
    def wait(self, timeout: float | None = None) -> bool: ...

@final
class Barrier:
    def __init__(
        self, parties: int, action: Callable[[], None] | None = None, timeout: float | None = None
    ) -> None: ...
    @property
    def parties(self) -> int: ...
    @property
    def n_waiting(self) -> int: ...
    @property
    def broken(self) -> bool: ...
    def wait(self, timeout: float | None = None) -> int: ...
    def reset(self) -> None: ...
    def abort(self) -> None: ...

# -- threads -----------------------------------------------------------------------------------

class Thread:
    name: str
    daemon: bool
    @property
    def ident(self) -> int | None: ...
    @property
    def native_id(self) -> int | None: ...
    def __init__(
        self,
        group: None = None,
        target: Callable[..., object] | None = None,
        name: str | None = None,
        args: Iterable[Any] = (),
        kwargs: Mapping[str, Any] | None = None,
        *,
        daemon: bool | None = None,
    ) -> None: ...
    def start(self) -> None: ...
    def run(self) -> None: ...
    def join(self, timeout: float | None = None) -> None: ...
    def is_alive(self) -> bool: ...
    @deprecated("Deprecated (Python 3.10): read the daemon attribute instead.")
    def isDaemon(self) -> bool: ...
    @deprecated("Deprecated (Python 3.10): assign the daemon attribute instead.")
    def setDaemon(self, daemonic: bool) -> None: ...
    @deprecated("Deprecated (Python 3.10): read the name attribute instead.")
    def getName(self) -> str: ...
    @deprecated("Deprecated (Python 3.10): assign the name attribute instead.")
    def setName(self, name: str) -> None: ...

class Timer(Thread):
    args: Iterable[Any]
    finished: Event
    function: Callable[..., Any]
    interval: float
    kwargs: Mapping[str, Any]
    def __init__(
        self,
        interval: float,
        function: Callable[..., object],
        args: Iterable[Any] | None = None,
        kwargs: Mapping[str, Any] | None = None,
    ) -> None: ...
    def cancel(self) -> None: ...

# -- thread-local data -------------------------------------------------------------------------

class local(_thread._local): ...

# -- drop-in mode: jthreading's own, not threading's (so not in __all__) ----------------------

def patch() -> list[str]: ...
def patched_late() -> list[str]: ...
