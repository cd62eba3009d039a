"""Closing a Java thread's attachment to Python runs no garbage collection (issue 5, P6).

A jthreading.Thread with a Python target runs on a Java thread attached to Python through Jep
(io.jthreading.python.PythonRuntime), and so does a Python callable that a plain Java thread
calls. Jep's close of such an attachment runs a full collection (gc.collect()), which made a
jthreading.Thread's start+join ~10x dearer than a threading.Thread's; CPython collects nothing
when a thread ends. The native glue spares the close that collection
(jthreading._native.skip_collection_at_close): these tests check that it does, that the
collector is never seen disabled meanwhile, and that what a thread leaves is still collected.
"""

import gc
import threading
import time
import weakref

import pytest

import jthreading
from jthreading import _callbacks, _fastpath
from jthreading._embedding import java_class
import thread_starts

MatrixWorkers = java_class("io.jthreading.testkit.MatrixWorkers")
AtomicReference = java_class("java.util.concurrent.atomic.AtomicReference")

pytestmark = pytest.mark.skipif(not _fastpath.ENABLED,
                                reason="the native glue (or its switch) is off: Jep collects")

BOUND = 30  # seconds
THREADS = 200


def close_stats():
    """(attachments armed, collections skipped) so far."""
    from jthreading import _native

    return _native.attachment_close_stats()


def start_and_join(count, target=lambda: None, started_from="Python"):
    for _ in range(count):
        thread_starts.start_and_join(jthreading.Thread(target=target),
                                     from_java=started_from != "Python")


class FullCollections:
    """Counts full (generation 2) collections while in use, through gc.callbacks."""

    def __enter__(self):
        self.count = 0
        gc.callbacks.append(self._seen)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self._seen)

    def _seen(self, phase, info):
        if phase == "start" and info["generation"] == 2:
            self.count += 1


@pytest.mark.parametrize("started_from", ["Python", "Java"])
def test_ending_jthreading_threads_run_no_full_collection(started_from):
    armed, skipped = close_stats()
    with FullCollections() as full:
        start_and_join(THREADS, started_from=started_from)
    # Jep collected once per thread; what is left are the collector's own, rare, full runs.
    assert full.count < THREADS // 10, f"{full.count} full collections for {THREADS} threads"
    assert close_stats() == (armed + THREADS, skipped + THREADS)
    assert gc.isenabled()


def test_a_plain_java_thread_calling_python_runs_no_full_collection():
    armed, skipped = close_stats()
    failure = AtomicReference()
    with FullCollections() as full:
        for _ in range(20):
            runner = MatrixWorkers.startRunner(_callbacks.register(lambda: None), failure)
            assert MatrixWorkers.join(runner)
    assert failure.get() is None
    assert full.count < 10
    assert close_stats() == (armed + 20, skipped + 20)


def test_collector_disabled_by_the_program_stays_disabled():
    armed, skipped = close_stats()
    gc.disable()
    try:
        start_and_join(10)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert close_stats() == (armed + 10, skipped)  # nothing to skip: Jep's collect did nothing


def test_no_other_thread_sees_the_collector_disabled():
    seen_disabled = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if not gc.isenabled():
                seen_disabled.append(time.monotonic())
            time.sleep(0)  # lets the others have the GIL without waiting a switch interval
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        start_and_join(THREADS)
    finally:
        stop.set()
        watcher.join(BOUND)
    assert not seen_disabled


class Finalized:
    """Records whether the collector was enabled when it was finalized."""

    def __init__(self, record):
        self.record = record

    def __del__(self):
        self.record.append(gc.isenabled())


def test_finalizers_of_a_threads_locals_run_with_the_collector_enabled():
    # The thread's jthreading.local values are released when its attachment closes, after the
    # skipped collection: by then the collector must be enabled again.
    local = jthreading.local()
    record = []

    def target():
        local.value = Finalized(record)
    start_and_join(1, target)
    assert record == [True]
    assert gc.isenabled()


class Node:
    pass


def test_a_threads_garbage_cycles_are_still_collected():
    refs = []

    def target():
        cycle = Node()
        cycle.self = cycle
        refs.append(weakref.ref(cycle))
    start_and_join(1, target)
    gc.collect()
    assert refs[0]() is None


def thread_state_dict():
    """The calling thread's thread-state dict (where Jep keeps its "jep" capsule)."""
    import ctypes

    get_dict = ctypes.pythonapi.PyThreadState_GetDict
    get_dict.restype = ctypes.c_void_p  # a borrowed reference: py_object would decref it
    get_dict.argtypes = []
    return ctypes.cast(get_dict(), ctypes.py_object).value


def test_an_attachment_is_armed_once_and_disarms_safely():
    # The resume object freed before the capsule (as if Jep's close changed its order): the
    # capsule must then leave the collector alone, and close collects as Jep always did.
    armed, skipped = close_stats()
    seen = {}

    def target():
        state = thread_state_dict()
        seen["keys"] = {"jep", "jthreading.resume_collection"} <= state.keys()
        seen["again"] = _fastpath.skip_collection_at_close()
        del state["jthreading.resume_collection"]
    with FullCollections() as full:
        start_and_join(1, target)
    assert seen == {"keys": True, "again": False}
    assert close_stats() == (armed + 1, skipped)
    assert full.count >= 1
    assert gc.isenabled()


def test_a_thread_without_a_jep_interpreter_is_never_armed():
    results = []
    thread = threading.Thread(target=lambda: results.append(_fastpath.skip_collection_at_close()))
    thread.start()
    thread.join(BOUND)
    assert results == [False]
