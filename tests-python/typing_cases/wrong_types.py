"""jthreading's classes are its own (not CPython's), and its Java classes are final; the types
that are CPython's at runtime (BrokenBarrierError, ExceptHookArgs, local's base) are CPython's
here too. Each line marked `# E: message` must get that error, and no other line any error."""

import threading

import jthreading


def wants_cpython_lock(lock: threading.Lock) -> None:
    pass


def wants_jthreading_lock(lock: jthreading.Lock) -> None:
    pass


# CPython's lock type is _thread.LockType before 3.13, _thread.lock from 3.13.
wants_cpython_lock(jthreading.Lock())  # E[<3.13]: Argument 1 to "wants_cpython_lock" has incompatible type "Lock"; expected "LockType"  [arg-type]  # E[>=3.13]: Argument 1 to "wants_cpython_lock" has incompatible type "Lock"; expected "lock"  [arg-type]
wants_jthreading_lock(threading.Lock())  # E[<3.13]: Argument 1 to "wants_jthreading_lock" has incompatible type "LockType"; expected "Lock"  [arg-type]  # E[>=3.13]: Argument 1 to "wants_jthreading_lock" has incompatible type "lock"; expected "Lock"  [arg-type]
semaphore: jthreading.Semaphore = jthreading.BoundedSemaphore()  # E: Incompatible types in assignment (expression has type "BoundedSemaphore", variable has type "Semaphore")  [assignment]
bounded: jthreading.BoundedSemaphore = jthreading.Semaphore()  # E: Incompatible types in assignment (expression has type "Semaphore", variable has type "BoundedSemaphore")  [assignment]
cpython_thread: threading.Thread = jthreading.Thread()  # E: Incompatible types in assignment (expression has type "jthreading.Thread", variable has type "threading.Thread")  [assignment]
cpython_event: threading.Event = jthreading.Event()  # E: Incompatible types in assignment (expression has type "jthreading.Event", variable has type "threading.Event")  [assignment]
jthreading_rlock: jthreading.RLock = threading.RLock()  # E: Incompatible types in assignment (expression has type "_thread.RLock", variable has type "jthreading.RLock")  [assignment]


class MyLock(jthreading.Lock):  # E: Cannot inherit from final class "Lock"  [misc]
    pass


class MyRLock(jthreading.RLock):  # E: Cannot inherit from final class "RLock"  [misc]
    pass


class MyCondition(jthreading.Condition):  # E: Cannot inherit from final class "Condition"  [misc]
    pass


class MySemaphore(jthreading.Semaphore):  # E: Cannot inherit from final class "Semaphore"  [misc]
    pass


class MyBoundedSemaphore(jthreading.BoundedSemaphore):  # E: Cannot inherit from final class "BoundedSemaphore"  [misc]
    pass


class MyEvent(jthreading.Event):  # E: Cannot inherit from final class "Event"  [misc]
    pass


class MyBarrier(jthreading.Barrier):  # E: Cannot inherit from final class "Barrier"  [misc]
    pass


# Subclassable, as in CPython.
class MyThread(jthreading.Thread):
    pass


class MyTimer(jthreading.Timer):
    pass


class MyLocal(jthreading.local):
    pass


# CPython's own types at runtime, so interchangeable with threading's.
timer_thread: jthreading.Thread = jthreading.Timer(1.0, print)
cpython_local: threading.local = jthreading.local()
broken: threading.BrokenBarrierError = jthreading.BrokenBarrierError()
also_broken: jthreading.BrokenBarrierError = threading.BrokenBarrierError()
hook_args: type[threading.ExceptHookArgs] = jthreading.ExceptHookArgs
runtime_error: RuntimeError = jthreading.ThreadError()
jthreading.excepthook = threading.excepthook
threading.excepthook = jthreading.excepthook
