"""Python objects held by Java (io.jthreading.python.PythonObject handles, jthreading._handles):
identity survives a trip through Java on any thread, Java objects cross as themselves, and Java
dropping a handle releases the object."""

import _thread
import gc
import time

import pytest

import jthreading
from jthreading import _handles
from jthreading._embedding import java_class

LinkedBlockingQueue = java_class("java.util.concurrent.LinkedBlockingQueue")
ArrayList = java_class("java.util.ArrayList")
PythonObject = java_class("io.jthreading.python.PythonObject")
System = java_class("java.lang.System")
TimeUnit = java_class("java.util.concurrent.TimeUnit")

BOUND = 30  # seconds: every wait here is bounded


class Payload:
    pass


@pytest.mark.parametrize("value", [Payload(), 7, 10**30, "text", None, 1.5, (1, 2), [3]],
                         ids=repr)
def test_a_python_object_crosses_as_a_handle_and_comes_back_as_itself(value):
    queue = LinkedBlockingQueue()
    queue.put(_handles.to_java(value))
    handle = queue.take()
    assert isinstance(handle, PythonObject)
    assert _handles.from_java(handle) is value


def test_java_objects_and_handles_cross_as_themselves():
    java_list, lock = ArrayList(), jthreading.Lock()
    assert _handles.to_java(java_list) is java_list
    assert _handles.to_java(lock) is lock
    handle = _handles.to_java(Payload())
    assert _handles.to_java(handle) is handle
    assert _handles.from_java(java_list) is java_list
    assert _handles.from_java(5) == 5


def test_a_handle_describes_itself_without_python():
    handle = _handles.to_java(Payload())
    assert str(handle.toString()) == f"PythonObject#{handle.key()}"
    assert handle.equals(handle) and not handle.equals(_handles.to_java(Payload()))


def _take_on(start_thread, queue):
    """Takes one item from ``queue`` on a thread made by ``start_thread``; returns it."""
    box, done = {}, jthreading.Event()

    def take():
        try:
            box["item"] = _handles.from_java(queue.poll(BOUND, TimeUnit.SECONDS))
        finally:
            done.set()
    start_thread(take)
    assert done.wait(BOUND)
    return box["item"]


@pytest.mark.parametrize("start_thread", [
    lambda f: jthreading.Thread(target=f).start(),
    lambda f: _thread.start_new_thread(f, ()),  # a thread Jep did not create
], ids=["jthreading.Thread", "_thread"])
def test_identity_holds_whichever_thread_takes_the_handle(start_thread):
    queue, value = LinkedBlockingQueue(), Payload()
    queue.put(_handles.to_java(value))
    assert _take_on(start_thread, queue) is value


def test_a_handle_made_on_a_thread_jep_did_not_create_comes_back_as_itself():
    queue, value, done = LinkedBlockingQueue(), Payload(), jthreading.Event()

    def put():
        queue.put(_handles.to_java(value))
        done.set()
    _thread.start_new_thread(put, ())
    assert done.wait(BOUND)
    assert _handles.from_java(queue.take()) is value


def test_objects_are_released_once_java_drops_their_handles():
    _handles.release_collected()
    before = _handles.size()
    keys = [_handles.to_java(Payload()).key() for _ in range(2000)]
    assert _handles.size() >= before + len(keys) - _handles._DRAIN_EVERY
    deadline = time.monotonic() + BOUND
    while any(key in _handles._registry for key in keys):
        assert time.monotonic() < deadline, "Java never released the dropped handles"
        gc.collect()  # Jep's Python wrappers of the handles go first, then Java's GC
        System.gc()
        time.sleep(0.01)
        _handles.release_collected()
    assert _handles.size() <= before
