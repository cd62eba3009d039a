"""Identity (issue 4): a thread's name, ident, native id and daemon flag are the same seen from
Python (jthreading.current_thread() inside the thread) and from Java (Threads.current() inside the
same thread, io.jthreading.testkit.MatrixWorkers.currentView()), whoever started it; enumerate()
and active_count() agree between the languages; main_thread() is the thread running the script."""

import threading
import time

import pytest

import jthreading
from jthreading import _callbacks
from jthreading._embedding import java_class
from thread_starts import start_and_join

MatrixWorkers = java_class("io.jthreading.testkit.MatrixWorkers")
Threads = java_class("io.jthreading.Threads")
AtomicReference = java_class("java.util.concurrent.atomic.AtomicReference")

BOUND = 30  # seconds: every wait in these tests is bounded


def python_view():
    """The calling thread as Python sees it."""
    me = jthreading.current_thread()
    return {"thread": me, "name": me.name, "ident": me.ident, "native_id": me.native_id,
            "daemon": me.daemon, "alive": me.is_alive(), "get_ident": jthreading.get_ident(),
            "get_native_id": jthreading.get_native_id(),
            "os_native_id": threading.get_native_id()}


def java_view():
    """The calling thread as Java sees it (Java code running on this very thread)."""
    view = MatrixWorkers.currentView()
    return {"name": str(view.name()), "ident": view.ident(), "native_id": view.nativeId(),
            "daemon": view.daemon(), "alive": view.alive(), "java_name": str(view.javaName()),
            "get_ident": view.getIdent(), "get_native_id": view.getNativeId()}


def assert_same_thread(python, java):
    assert python["name"] == java["name"]
    assert python["ident"] == java["ident"] == python["get_ident"] == java["get_ident"]
    assert python["native_id"] == java["native_id"] == python["get_native_id"] \
        == java["get_native_id"] == python["os_native_id"]
    assert python["daemon"] == java["daemon"]
    assert python["alive"] and java["alive"]


def run_python_then_java():
    return python_view(), java_view()


# ---- The main thread -------------------------------------------------------------------------

def test_main_thread_is_the_thread_running_the_script():
    python, java = run_python_then_java()
    assert python["thread"] is jthreading.main_thread()
    assert python["name"] == "MainThread"
    assert python["daemon"] is False
    assert_same_thread(python, java)
    main = Threads.mainThread()
    assert main.ident() == python["ident"] and main.getName() == "MainThread"
    assert not main.isDaemon()
    assert Threads.current().id() == main.id()


# ---- Threads jthreading starts ---------------------------------------------------------------

@pytest.mark.parametrize("daemon, expected_daemon", [(None, False), (True, True), (False, False)])
@pytest.mark.parametrize("started_from", ["Python", "Java"])
def test_jthreading_thread_seen_alike_from_both_languages(started_from, daemon, expected_daemon):
    views = {}

    def target():
        views["python"], views["java"] = run_python_then_java()

    thread = jthreading.Thread(target=target, name=f"identity-{started_from}", daemon=daemon)
    start_and_join(thread, from_java=started_from != "Python")
    python, java = views["python"], views["java"]
    assert python["thread"] is thread
    assert_same_thread(python, java)
    assert python["name"] == f"identity-{started_from}" == java["java_name"]
    assert python["daemon"] is expected_daemon
    assert thread.ident == python["ident"] and thread.native_id == python["native_id"]


@pytest.mark.parametrize("started_from", ["Python", "Java"])
def test_jthread_with_a_java_target_seen_alike_from_both_languages(started_from):
    java_inside, views, release = AtomicReference(), {}, jthreading.Event()

    def python_inside():  # Python code on the JThread's Java thread, called by its Java target
        views["python"] = python_view()

    target = MatrixWorkers.viewRecorder(java_inside, _callbacks.register(python_inside), release)
    handle = MatrixWorkers.newJThread(target, f"java-target-{started_from}", None)
    if started_from == "Python":
        handle.start()
    else:
        assert MatrixWorkers.startFromJava(handle) is None
    try:
        # The Java target records Java's view, then runs the Python callable: wait for both.
        deadline = time.monotonic() + BOUND
        while "python" not in views and time.monotonic() < deadline:
            time.sleep(0.001)
        view = java_inside.get()
        java = {"name": str(view.name()), "ident": view.ident(), "native_id": view.nativeId(),
                "daemon": view.daemon(), "alive": view.alive(),
                "get_ident": view.getIdent(), "get_native_id": view.getNativeId()}
        python = views["python"]
        assert_same_thread(python, java)
        assert java["name"] == f"java-target-{started_from}" == str(view.javaName())
        assert python["daemon"] is False  # made on the main thread: not a daemon
        assert handle.ident() == java["ident"] and handle.nativeId() == java["native_id"]
        # Seen from outside, while it runs: the same thread in jthreading.enumerate().
        [outside] = [t for t in jthreading.enumerate() if t.ident == java["ident"]]
        assert (outside.name, outside.native_id, outside.daemon, outside.is_alive()) == \
            (java["name"], java["native_id"], False, True)
    finally:
        release.set()
        assert handle.join(java_class("java.time.Duration").ofSeconds(BOUND))


# ---- Threads CPython's threading starts ------------------------------------------------------

@pytest.mark.parametrize("asks_first", ["Python", "Java"])
def test_plain_threading_thread_keeps_the_name_threading_gave_it(asks_first):
    views = {}

    def target():
        if asks_first == "Python":
            views["python"], views["java"] = run_python_then_java()
        else:
            views["java"] = java_view()
            views["python"] = python_view()
        views["threading"] = threading.current_thread()

    thread = threading.Thread(target=target, name=f"plain-{asks_first}-first")
    thread.start()
    thread.join(BOUND)
    assert not thread.is_alive()
    python, java, theirs = views["python"], views["java"], views["threading"]
    assert theirs is thread
    assert python["name"] == thread.name == f"plain-{asks_first}-first"
    assert java["java_name"] == thread.name
    assert python["daemon"] == thread.daemon
    assert python["native_id"] == thread.native_id
    assert_same_thread(python, java)


def test_plain_threading_thread_started_from_the_main_thread_is_not_a_daemon():
    """As under CPython: Thread() takes its creator's daemon flag, and the script's thread is
    the main thread, not a daemon (CPython's threading must not see it as a dummy thread)."""
    assert jthreading.current_thread() is jthreading.main_thread()
    thread = threading.Thread(target=lambda: None)
    assert thread.daemon is False


# ---- Daemon defaults -------------------------------------------------------------------------

def test_threads_made_on_the_main_thread_are_not_daemons_by_default():
    assert jthreading.Thread(target=lambda: None).daemon is False
    assert MatrixWorkers.newJThread(None, None, None).isDaemon() is False
    assert jthreading.Timer(1, lambda: None).daemon is False


@pytest.mark.parametrize("parent_daemon", [True, False])
def test_a_thread_inherits_the_daemon_flag_of_the_thread_that_makes_it(parent_daemon):
    made = {}

    def parent():
        made["python"] = jthreading.Thread(target=lambda: None).daemon
        made["java"] = MatrixWorkers.newJThread(None, None, None).isDaemon()

    thread = jthreading.Thread(target=parent, daemon=parent_daemon)
    thread.start()
    thread.join(BOUND)
    assert made == {"python": parent_daemon, "java": parent_daemon}


# ---- enumerate() and active_count() ----------------------------------------------------------

def consistent_snapshot():
    """Python's and Java's enumerate()/active_count() taken back to back until no thread of an
    earlier test ended in between; the idents, sorted."""
    for _ in range(100):
        python = sorted(t.ident for t in jthreading.enumerate())
        java = sorted(MatrixWorkers.enumerateIdents())
        counts = (jthreading.active_count(), Threads.activeCount())
        again = sorted(t.ident for t in jthreading.enumerate())
        if python == again:
            assert python == java
            assert counts == (len(python), len(python))
            return python
    raise AssertionError("threads kept changing under enumerate()")


def test_enumerate_and_active_count_agree_between_languages():
    release = jthreading.Event()

    def wait_for_release(ready):
        jthreading.current_thread()  # a plain threading thread: now jthreading knows it
        ready.set()
        assert release.wait(BOUND)

    def started(thread, start):
        ready = jthreading.Event()
        thread._args = (ready,)
        start(thread)
        assert ready.wait(BOUND)
        return thread

    py_started = started(jthreading.Thread(target=wait_for_release, name="enum-python-started"),
                         lambda t: t.start())
    java_started = started(jthreading.Thread(target=wait_for_release, name="enum-java-started"),
                           lambda t: MatrixWorkers.startFromJava(t._handle))
    plain = started(threading.Thread(target=wait_for_release, name="enum-plain"),
                    lambda t: t.start())
    threads = [py_started, java_started, plain]
    java_target = MatrixWorkers.newJThread(
        MatrixWorkers.viewRecorder(AtomicReference(), None, release), "enum-java-target", True)
    java_target.start()
    try:
        idents = consistent_snapshot()
        names = {t.ident: t.name for t in jthreading.enumerate()}
        java_names = {h.ident(): str(h.getName()) for h in Threads.enumerate()}
        assert names == java_names
        expected = {jthreading.main_thread().ident: "MainThread",
                    py_started.ident: "enum-python-started",
                    java_started.ident: "enum-java-started",
                    java_target.ident(): "enum-java-target"}
        assert set(expected) <= set(idents)
        assert {ident: names[ident] for ident in expected} == expected
        assert "enum-plain" in names.values()
    finally:
        release.set()
        for thread in threads:
            thread.join(BOUND)
        assert java_target.join(java_class("java.time.Duration").ofSeconds(BOUND))
    after = consistent_snapshot()
    for ident in (py_started.ident, java_started.ident, java_target.ident()):
        assert ident not in after
