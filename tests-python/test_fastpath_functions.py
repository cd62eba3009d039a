"""get_ident, current_thread and main_thread from per-thread caches (issue 12): C answers from
the cache the Python versions fill (or, for get_ident, from the Java thread id C caches), so
both must give Java's answer on every kind of thread. Run with the fast path on and off."""

import _thread
import inspect
import pickle
import threading

import pytest

import jthreading
from jthreading import _fastpath
from jthreading._embedding import java_class

Threads = java_class("io.jthreading.Threads")
JavaThread = java_class("java.lang.Thread")
BOUND = 30
FUNCTIONS = ["get_ident", "current_thread", "main_thread"]


def _java_view():
    """What Java says about the calling thread: (ident, the Python object for its JThread)."""
    return JavaThread.currentThread().getId(), Threads.getIdent()


def _answers():
    return (jthreading.get_ident(), jthreading.current_thread(), jthreading.main_thread(),
            _java_view())


def _check(answers):
    ident, current, main, (java_id, java_ident) = answers
    assert ident == java_id == java_ident
    assert current.ident == ident
    assert main is jthreading.main_thread()


@pytest.mark.skipif(not _fastpath.ENABLED, reason="fast path switched off (JTHREADING_NATIVE=0)")
@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_functions_are_c_functions_that_introspect_as_the_python_ones(name):
    function = getattr(jthreading, name)
    assert type(function) is _fastpath._native.FastFunction
    python = function.__wrapped__
    assert function.__name__ == python.__name__ == name
    assert function.__module__ == python.__module__
    assert function.__doc__ == python.__doc__
    assert inspect.signature(function) == inspect.signature(python)
    assert repr(function) == repr(python)
    assert pickle.loads(pickle.dumps(function)) is function


@pytest.mark.parametrize("name", FUNCTIONS)
def test_arguments_get_cpythons_type_error(name):
    with pytest.raises(TypeError) as ours:
        getattr(jthreading, name)(1)
    with pytest.raises(TypeError) as theirs:
        getattr(threading, name)(1)
    assert str(ours.value) == str(theirs.value)
    with pytest.raises(TypeError):
        getattr(jthreading, name)(x=1)


def test_on_the_main_thread():
    answers = _answers()
    _check(answers)
    assert answers[1] is answers[2] is jthreading.current_thread()


def test_on_a_jthreading_thread():
    seen = []
    t = jthreading.Thread(target=lambda: seen.append(_answers()))
    t.start()
    t.join(BOUND)
    _check(seen[0])
    assert seen[0][1] is t and seen[0][0] == t.ident


def test_on_a_cpython_thread():
    seen = []
    t = threading.Thread(target=lambda: seen.append(_answers()), name="cpython-started")
    t.start()
    t.join(BOUND)
    _check(seen[0])
    assert seen[0][1].name == "cpython-started"


def test_on_a_thread_the_jvm_has_not_met_yet():
    # _thread's thread is not attached to the JVM before its first Java call: C cannot name it,
    # so the first get_ident goes to the Python version (which attaches it through Java).
    seen, finished = [], jthreading.Event()

    def body():
        try:
            seen.append(jthreading.get_ident())
            seen.append(_answers())
        finally:
            finished.set()

    _thread.start_new_thread(body, ())
    assert finished.wait(BOUND)
    _check(seen[1])
    assert seen[0] == seen[1][0]


def test_each_thread_sees_its_own_object_not_a_cached_one():
    # Many threads in turn: a cache that outlived its thread, or was shared, would answer with
    # another thread's object.
    results = {}

    def body():
        me = jthreading.current_thread()
        results[me.name] = (me, jthreading.get_ident(), jthreading.current_thread())

    threads = [jthreading.Thread(target=body, name=f"t{i}") for i in range(20)]
    for t in threads:
        t.start()
        t.join(BOUND)
    for t in threads:
        me, ident, again = results[t.name]
        assert me is t and again is t and ident == t.ident
    assert len({t.ident for t in threads}) == len(threads)


def test_a_thread_name_renamed_by_java_is_seen_at_once():
    # Python caches the name until Java's rename count moves (read in C with the fast path).
    me = jthreading.current_thread()
    original = me.name
    try:
        for i in range(50):
            me._handle.setName(f"renamed-by-java-{i}")   # Java's setName, as a Java host calls it
            assert me.name == f"renamed-by-java-{i}"
            me.name = f"renamed-by-python-{i}"
            assert me.name == f"renamed-by-python-{i}" == str(me._handle.getName())
    finally:
        me.name = original


def test_ident_native_id_and_daemon_are_known_once_started():
    ready, go = jthreading.Event(), jthreading.Event()
    t = jthreading.Thread(target=lambda: (ready.set(), go.wait(BOUND)), daemon=True)
    assert t.ident is None and t.native_id is None and t.daemon is True
    t.daemon = False                                     # still allowed before start
    assert t.daemon is False
    t.start()
    assert ready.wait(BOUND)
    assert t.ident == t._handle.ident() and t.native_id == t._handle.nativeId()
    with pytest.raises(RuntimeError, match="cannot set daemon status of active thread"):
        t.daemon = True
    assert t.daemon is False and t.is_alive()
    go.set()
    t.join(BOUND)
    assert not t.is_alive() and t.ident is not None
