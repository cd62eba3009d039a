"""The native fast path's switch: the test command runs the whole suite with it on and off."""

import os
import pickle
import time

import pytest

import jthreading
from jthreading import _fastpath

CONTENDED = 2  # io.jthreading.internal.LockSync.CONTENDED
WANTED = os.environ.get("JTHREADING_NATIVE", "1") != "0"


def test_the_switch_is_honoured():
    assert _fastpath.ENABLED == (WANTED and _fastpath._native is not None)


@pytest.mark.skipif(not _fastpath.ENABLED, reason="fast path switched off (JTHREADING_NATIVE=0)")
def test_c_and_java_share_the_lock_state():
    lock = jthreading.Lock()
    assert lock.acquire()                # taken by C's CAS ...
    assert lock.locked() and not lock.tryLock()  # ... seen by Java
    lock.unlock()                        # given back by Java ...
    assert not lock.locked()
    with lock:                           # ... and C takes it again
        assert lock.locked()
    assert not lock.locked()
    with pytest.raises(RuntimeError, match="release unlocked lock"):
        lock.release()                   # C's CAS fails: Java reports CPython's error


@pytest.mark.skipif(not _fastpath.ENABLED, reason="fast path switched off (JTHREADING_NATIVE=0)")
def test_c_reads_the_event_flag_java_writes():
    event = jthreading.Event()
    assert not event.is_set()            # read in C
    java_set = type(event).__mro__[1].__dict__["set"]
    java_set(event)                      # written by Java
    assert event.is_set() and event.wait(0)
    event.clear()
    assert not event.is_set()
    with pytest.deprecated_call():
        assert not event.isSet()


needs_fast_path = pytest.mark.skipif(not _fastpath.ENABLED,
                                     reason="fast path switched off (JTHREADING_NATIVE=0)")


@needs_fast_path
@pytest.mark.parametrize("facade, names", [
    (jthreading.Lock, ["acquire", "acquire_lock", "__enter__", "release", "release_lock",
                       "__exit__", "locked", "locked_lock"]),
    (jthreading.Event, ["is_set"]),
])
def test_hot_methods_are_c_methods_over_the_python_ones(facade, names):
    for name in names:
        method = facade.__dict__[name]
        assert type(method) is _fastpath._native.FastMethod, name
        assert callable(method.__wrapped__) and method.__objclass__ is facade
        # Introspection as for CPython's method descriptors.
        assert method.__name__ == name and method.__qualname__ == f"{facade.__name__}.{name}"
        assert repr(method) == f"<method '{name}' of 'jthreading.{facade.__name__}' objects>"
        assert pickle.loads(pickle.dumps(method)) is method


@needs_fast_path
def test_calls_with_arguments_take_the_python_method():
    lock = jthreading.Lock()
    assert lock.acquire(True, -1)            # arguments: parsed by the façade, as CPython does
    assert lock.acquire(False) is False
    assert lock.acquire(timeout=0.01) is False
    with pytest.raises(TypeError, match="takes no arguments"):
        lock.release(1)
    with pytest.raises(TypeError, match="keyword"):
        lock.__exit__(exc=None)
    assert lock.locked()                     # none of the failed calls changed the state
    lock.__exit__(None, None, None)          # positional exc_info: still the C release
    assert not lock.locked()


@needs_fast_path
def test_a_method_refuses_another_type():
    with pytest.raises(TypeError, match="descriptor 'acquire' for 'Lock' objects doesn't apply"):
        jthreading.Lock.acquire(object())
    with pytest.raises(TypeError, match="needs an argument"):
        jthreading.Lock.acquire()
    with pytest.raises(TypeError, match="doesn't apply"):
        jthreading.Lock.__dict__["release"](jthreading.Event())


@needs_fast_path
def test_a_parked_waiter_is_woken_by_a_release_in_c():
    # The waiter parks in Java (word CONTENDED); the owner's release without arguments then
    # fails its CAS in C and must go to Java, which wakes the waiter.
    lock = jthreading.Lock()
    lock.acquire()
    taken = jthreading.Event()
    waiter = jthreading.Thread(target=lambda: lock.acquire() and taken.set())
    waiter.start()
    deadline = time.monotonic() + 10
    while _fastpath.load(lock._word) != CONTENDED:   # marked by the waiter just before it parks
        assert time.monotonic() < deadline, "the waiter never queued"
        time.sleep(0.001)
    lock.release()
    assert taken.wait(10), "release did not wake the parked waiter"
    waiter.join(10)
    lock.release()


def _java_methods(primitive):
    """The Java type's methods of a façade object (the façade subclasses Jep's type)."""
    return type(primitive).__mro__[1].__dict__


@needs_fast_path
def test_rlock_hot_methods_are_c_methods():
    for name in ("acquire", "__enter__", "release", "__exit__"):
        assert type(jthreading.RLock.__dict__[name]) is _fastpath._native.FastMethod, name


@needs_fast_path
def test_c_and_java_share_the_rlock_state():
    rlock = jthreading.RLock()
    java = _java_methods(rlock)
    assert rlock.acquire() and rlock.acquire()       # C: free -> mine, then a second level
    assert java["recursionCount"](rlock) == 2 and java["isOwned"](rlock)
    assert java["ownerIdent"](rlock) == jthreading.get_ident()
    assert java["tryLock"](rlock)                    # Java adds a third level ...
    rlock.release()                                  # ... C removes one
    java["unlock"](rlock)
    assert rlock.recursionCount() == 1
    rlock.release()                                  # C frees it
    assert not java["isOwned"](rlock) and java["ownerIdent"](rlock) == 0
    with pytest.raises(RuntimeError, match="cannot release un-acquired lock"):
        rlock.release()                              # not the owner: Java reports CPython's error


@needs_fast_path
def test_rlock_held_by_another_thread_goes_to_java():
    rlock = jthreading.RLock()
    held, done = jthreading.Event(), jthreading.Event()

    def owner():
        with rlock:
            held.set()
            done.wait(10)

    thread = jthreading.Thread(target=owner)
    thread.start()
    try:
        assert held.wait(10)
        assert rlock.acquire(timeout=0.01) is False  # C sees another owner: Java times out
        with pytest.raises(RuntimeError):
            rlock.release()                          # C sees another owner: Java refuses
        assert rlock.recursionCount() == 0
    finally:
        done.set()
        thread.join(10)
    assert rlock.acquire(timeout=10)
    rlock.release()


@needs_fast_path
def test_a_parked_rlock_waiter_is_woken_by_a_release_in_c():
    rlock = jthreading.RLock()
    rlock.acquire()
    rlock.acquire()
    taken = jthreading.Event()

    def waiter():
        with rlock:
            taken.set()

    thread = jthreading.Thread(target=waiter)
    thread.start()
    address = int(rlock._word)
    deadline = time.monotonic() + 10
    while _fastpath._native.load(address) & 1 == 0:  # the CONTENDED bit of the owner word
        assert time.monotonic() < deadline, "the waiter never queued"
        time.sleep(0.001)
    rlock.release()                                  # C: one level down, still owned
    assert not taken.is_set()
    rlock.release()                                  # the last level: contended, so Java wakes
    assert taken.wait(10), "the release did not wake the parked waiter"
    thread.join(10)


def test_rlock_on_a_thread_the_jvm_has_not_met_yet():
    # A thread started with _thread directly is not attached to the JVM until its first Java
    # call: C cannot name it, so the first acquire goes through Java (which attaches it).
    import _thread
    rlock = jthreading.RLock()
    results, finished = [], jthreading.Event()

    def body():
        try:
            results.append(rlock.acquire())
            results.append(rlock.acquire())
            results.append(rlock.recursionCount())
            rlock.release()
            rlock.release()
            results.append(rlock._is_owned())
        finally:
            finished.set()

    _thread.start_new_thread(body, ())
    assert finished.wait(10)
    assert results == [True, True, 2, False]


@needs_fast_path
@pytest.mark.parametrize("facade", [jthreading.Semaphore, jthreading.BoundedSemaphore])
def test_semaphore_hot_methods_are_c_methods_of_each_class(facade):
    for name in ("acquire", "__enter__", "release", "__exit__"):
        method = facade.__dict__[name]
        assert type(method) is _fastpath._native.FastMethod and method.__objclass__ is facade


@needs_fast_path
def test_c_and_java_share_the_permits():
    sem = jthreading.BoundedSemaphore(2)
    java = _java_methods(jthreading.Semaphore(0))
    assert sem.acquire() and sem.acquire()           # C takes both permits ...
    assert java["value"](sem) == 0 and not java["tryAcquire"](sem)   # ... as Java sees
    assert sem.acquire(False) is False                # an argument: the Python method
    sem.release()                                     # C gives one back
    java["release"](sem)                              # Java the other
    with pytest.raises(ValueError, match="Semaphore released too many times"):
        sem.release()                                 # past the bound: C leaves it to Java
    assert sem._value == 2


@needs_fast_path
def test_a_parked_semaphore_waiter_is_woken_by_a_release_in_c():
    sem = jthreading.Semaphore(0)
    taken = jthreading.Event()
    waiter = jthreading.Thread(target=lambda: sem.acquire() and taken.set())
    waiter.start()
    waiters_flag = int(sem._word) + 8                      # SemaphoreSync's WAITERS field
    deadline = time.monotonic() + 10
    while _fastpath._native.load(waiters_flag) == 0:
        assert time.monotonic() < deadline, "the waiter never queued"
        time.sleep(0.001)
    sem.release()                                     # C sees the flag: Java releases and wakes
    assert taken.wait(10), "the release did not wake the parked waiter"
    waiter.join(10)
    assert sem._value == 0
