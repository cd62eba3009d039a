"""The native fast path's switch: the test command runs the whole suite with it on and off."""

import os
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
        assert callable(method.__wrapped__) and method.__name__ == method.__wrapped__.__name__


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
    with pytest.raises(TypeError, match="doesn't apply"):
        jthreading.Lock.acquire(object())
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
