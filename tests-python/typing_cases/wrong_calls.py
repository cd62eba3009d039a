"""Calls into jthreading with wrong types or arities: each line marked `# E: message` must get
that error from mypy, and no other line any error."""

import jthreading
from jthreading import (Barrier, BoundedSemaphore, Condition, Event, Lock, RLock, Semaphore,
                        Thread, Timer)


def one_argument(party: int) -> None:
    pass


def no_argument() -> None:
    pass


ev = Event()
ev.wait("soon")  # E: Argument 1 to "wait" of "Event" has incompatible type "str"; expected "float | None"  [arg-type]
Lock().acquire(timeout="x")  # E: Argument "timeout" to "acquire" of "Lock" has incompatible type "str"; expected "float"  [arg-type]
Semaphore("2")  # E: Argument 1 to "Semaphore" has incompatible type "str"; expected "int"  [arg-type]
Thread(target=1)  # E: Argument "target" to "Thread" has incompatible type "int"; expected "Callable[..., object] | None"  [arg-type]

Lock(1)  # E: Too many arguments for "Lock"  [call-arg]
RLock(True)  # E: Too many arguments for "RLock"  [call-arg]
Lock().acquire(blocking=True, timeout=None)  # E: Argument "timeout" to "acquire" of "Lock" has incompatible type "None"; expected "float"  [arg-type]
Lock().release(True)  # E: Too many arguments for "release" of "Lock"  [call-arg]
RLock().acquire(timeout="forever")  # E: Argument "timeout" to "acquire" of "RLock" has incompatible type "str"; expected "float"  [arg-type]
Event().set(True)  # E: Too many arguments for "set" of "Event"  [call-arg]
Condition(object())  # E[<3.13]: Argument 1 to "Condition" has incompatible type "object"; expected "Lock | jthreading.RLock | LockType | _RLock | _thread.RLock | None"  [arg-type]  # E[>=3.13]: Argument 1 to "Condition" has incompatible type "object"; expected "Lock | jthreading.RLock | lock | _RLock | _thread.RLock | None"  [arg-type]
Condition().wait(timeout="1")  # E: Argument "timeout" to "wait" of "Condition" has incompatible type "str"; expected "float | None"  [arg-type]
Condition().wait_for(True)  # E: Argument 1 to "wait_for" of "Condition" has incompatible type "bool"; expected "Callable[[], Never]"  [arg-type]
Condition().notify("all")  # E: Argument 1 to "notify" of "Condition" has incompatible type "str"; expected "int"  [arg-type]
Semaphore().acquire(timeout="1")  # E: Argument "timeout" to "acquire" of "Semaphore" has incompatible type "str"; expected "float | None"  [arg-type]
Semaphore().release(1.5)  # E: Argument 1 to "release" of "Semaphore" has incompatible type "float"; expected "int"  [arg-type]
BoundedSemaphore(2.5)  # E: Argument 1 to "BoundedSemaphore" has incompatible type "float"; expected "int"  [arg-type]
BoundedSemaphore().release(n="1")  # E: Argument "n" to "release" of "BoundedSemaphore" has incompatible type "str"; expected "int"  [arg-type]
Barrier("3")  # E: Argument 1 to "Barrier" has incompatible type "str"; expected "int"  [arg-type]
Barrier(2, action=one_argument)  # E: Argument "action" to "Barrier" has incompatible type "Callable[[int], None]"; expected "Callable[[], None] | None"  [arg-type]
Barrier(2).wait("1")  # E: Argument 1 to "wait" of "Barrier" has incompatible type "str"; expected "float | None"  [arg-type]
Thread(target=print, args=1)  # E: Argument "args" to "Thread" has incompatible type "int"; expected "Iterable[Any]"  [arg-type]
Thread(daemon="yes")  # E: Argument "daemon" to "Thread" has incompatible type "str"; expected "bool | None"  [arg-type]
Thread(None, print, "name", (), {}, True)  # E: Too many positional arguments for "Thread"  [call-arg]
Thread(name=5)  # E: Argument "name" to "Thread" has incompatible type "int"; expected "str | None"  [arg-type]
Thread().join("5")  # E: Argument 1 to "join" of "Thread" has incompatible type "str"; expected "float | None"  [arg-type]
Timer("1", print)  # E: Argument 1 to "Timer" has incompatible type "str"; expected "float"  [arg-type]
Timer(1.0, 2)  # E: Argument 2 to "Timer" has incompatible type "int"; expected "Callable[..., object]"  [arg-type]
Timer(1.0, print, kwargs=[("sep", "")])  # E: Argument "kwargs" to "Timer" has incompatible type "list[tuple[str, str]]"; expected "Mapping[str, Any] | None"  [arg-type]
jthreading.stack_size(size=1)  # E: Unexpected keyword argument "size" for "stack_size"  [call-arg]
jthreading.stack_size("1")  # E: Argument 1 to "stack_size" has incompatible type "str"; expected "int"  [arg-type]
jthreading.settrace(1)  # E: Argument 1 to "settrace" has incompatible type "int"; expected "TraceFunction | None"  [arg-type]
jthreading.setprofile("profile")  # E: Argument 1 to "setprofile" has incompatible type "str"; expected "Callable[[FrameType, Literal['call', 'return', 'c_call', 'c_return', 'c_exception'], Any], object] | None"  [arg-type]
jthreading.get_ident(0)  # E: Too many arguments for "get_ident"  [call-arg]
jthreading.excepthook(None)  # E: Argument 1 has incompatible type "None"; expected "_ExceptHookArgs"  [arg-type]

jthreading.excepthook = no_argument  # E: Incompatible types in assignment (expression has type "Callable[[], None]", variable has type "Callable[[_ExceptHookArgs], object]")  [assignment]
jthreading.TIMEOUT_MAX = 1.0  # E: Cannot assign to final name "TIMEOUT_MAX"  [misc]
jthreading.current_thread().name = 5  # E: Incompatible types in assignment (expression has type "int", variable has type "str")  [assignment]
Barrier(2).parties = 3  # E: Property "parties" defined in "Barrier" is read-only  [misc]
Semaphore()._value = 0  # E: Property "_value" defined in "Semaphore" is read-only  [misc]
jthreading.get_ident() + "1"  # E: Unsupported operand types for + ("int" and "str")  [operator]
with Lock() as got:
    got.upper()  # E: "bool" has no attribute "upper"  [attr-defined]
jthreading.no_such_name  # E: Module has no attribute "no_such_name"  [attr-defined]

from jthreading import queue as jqueue  # noqa: E402

numbers: jqueue.Queue[int] = jqueue.Queue()
numbers.put("one")  # E: Argument 1 to "put" of "Queue" has incompatible type "str"; expected "int"  [arg-type]
jqueue.SimpleQueue[int]().put()  # E: Missing positional argument "item" in call to "put" of "SimpleQueue"  [call-arg]
