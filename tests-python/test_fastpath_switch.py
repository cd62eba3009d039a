"""The native fast path's switch: the test command runs the whole suite with it on and off."""

import os

import pytest

import jthreading
from jthreading import _fastpath

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
    assert not event.is_set() and not event.isSet()
