"""No leak: 10,000 short plain threading.Threads that use jthreading primitives.

Jep attaches every Python thread that calls Java to the JVM and never detaches it; jthreading
detaches threading.Threads when they end (jthreading._thread_exit, native glue). Without that,
each thread below would leave a live Java thread (and a live jthreading record) behind.
"""

import os
import subprocess
import sys
import threading
import time

import pytest

import jthreading
from jthreading import _thread_exit, _versions
from jthreading._embedding import java_class

THREADS = 10_000
BATCH = 100
#: The JVM may start or end a few threads of its own meanwhile (compiler, GC, cleaner).
TOLERANCE = 3
DEADLINE_S = 10.0

_thread_mx = java_class("java.lang.management.ManagementFactory").getThreadMXBean()

try:
    from jthreading import _native
except ImportError:
    _native = None


def live_java_threads():
    return _thread_mx.getThreadCount()


def detach_stats():
    """(registered, detached, not attached at exit, detach failed), or None."""
    return _native.thread_exit_stats() if _native is not None else None


def idents(threads):
    return {thread.ident for thread in threads}


def poll(condition, deadline_s=DEADLINE_S):
    """Waits (polling) until condition() is true or the deadline passes; returns condition()."""
    deadline = time.monotonic() + deadline_s
    while not condition():
        if time.monotonic() > deadline:
            return condition()
        time.sleep(0.005)
    return True


def body(shared_lock, go, failures):
    try:
        lock = jthreading.Lock()
        event = jthreading.Event()
        with lock:
            event.set()
        with shared_lock:
            pass
        assert event.wait(1)
        jthreading.current_thread()  # a record in jthreading's registry while the thread lives
        assert go.wait(10)
    except BaseException as error:  # reported by the main thread
        failures.append(error)


def test_plain_threads_using_primitives_leave_no_java_threads():
    assert _thread_exit.installed(), "jthreading did not install its thread-exit hook"
    shared_lock = jthreading.Lock()
    failures = []
    java_before = live_java_threads()
    active_before = jthreading.active_count()
    enumerate_before = idents(jthreading.enumerate())
    stats_before = detach_stats()
    java_peak = java_before

    started = time.perf_counter()
    for _ in range(THREADS // BATCH):
        go = jthreading.Event()
        batch = [threading.Thread(target=body, args=(shared_lock, go, failures))
                 for _ in range(BATCH)]
        for thread in batch:
            thread.start()
        java_peak = max(java_peak, live_java_threads())
        go.set()
        for thread in batch:
            thread.join()
        assert not failures, failures[:3]
    elapsed = time.perf_counter() - started

    # The threads are attached while they run (else this test would prove nothing) ...
    assert java_peak > java_before, "the threads never attached to the JVM"
    # ... and detached when they end: asynchronously, shortly after join() returns.
    poll(lambda: live_java_threads() <= java_before + TOLERANCE)
    java_after = live_java_threads()
    stats_after = detach_stats()
    print(f"\n{THREADS} threads in {elapsed:.2f} s ({elapsed / THREADS * 1e6:.0f} us each); "
          f"live Java threads {java_before} -> peak {java_peak} -> {java_after}; "
          f"detach stats {stats_before} -> {stats_after}")
    assert java_after <= java_before + TOLERANCE, (
        f"live Java threads: {java_before} before, {java_after} after {THREADS} threads "
        f"(detach stats {stats_before} -> {stats_after})")

    # jthreading's registry forgets them too (no thread other than those there before).
    assert poll(lambda: idents(jthreading.enumerate()) <= enumerate_before), (
        f"{len(idents(jthreading.enumerate()) - enumerate_before)} threads left in enumerate()")
    assert jthreading.active_count() <= active_before
    assert jthreading.active_count() == len(jthreading.enumerate())


@pytest.mark.skipif(_native is None, reason="no native glue")
def test_every_thread_was_detached_by_the_hook():
    registered, detached, not_attached, failed = detach_stats()
    go = jthreading.Event()
    go.set()
    threads = [threading.Thread(target=body, args=(jthreading.Lock(), go, []))
               for _ in range(BATCH)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert poll(lambda: detach_stats()[1] - detached >= BATCH), detach_stats()
    now = detach_stats()
    assert now[0] - registered == BATCH
    assert now[3] == failed, "DetachCurrentThread failed"


#: The function threading.Thread.start() calls: 3.13's start_joinable_thread(function,
#: handle=None, daemon=True), before _thread.start_new_thread(function, args, kwargs=None).
START = _versions.THREAD_START_FUNCTION


def _outcome(call):
    try:
        return ("ok", type(call()).__name__)
    except Exception as error:
        return (type(error).__name__, str(error))


def test_install_is_idempotent_and_keeps_the_start_functions_semantics():
    wrapped = getattr(threading, START)
    assert _thread_exit.install() is (_native is not None)
    assert getattr(threading, START) is wrapped
    original = getattr(wrapped, "__wrapped__", wrapped)
    # Argument errors still come from _thread, on the calling thread, word for word.
    for args, kwargs in [((42,), {}), ((print, []), {}), ((), {}), ((print, (), {}, 1), {}),
                         ((), {"function": 42}), ((print,), {"foo": 1})]:
        assert _outcome(lambda: wrapped(*args, **kwargs)) == \
            _outcome(lambda: original(*args, **kwargs)), (args, kwargs)
    done = threading.Event()
    seen = []

    def record(*args, **kwargs):
        seen.append((args, kwargs))
        done.set()
    if START == "_start_joinable_thread":
        handle = wrapped(function=record, daemon=True)  # the function by keyword too
        assert done.wait(10)
        handle.join(10)
        assert seen == [((), {})]
    else:
        wrapped(record, (1, 2), {"x": 3})
        assert done.wait(10)
        assert seen == [((1, 2), {"x": 3})]


def test_a_thread_with_a_jep_interpreter_is_never_registered():
    # The thread running this test is a Java thread with a Jep interpreter.
    assert _thread_exit.register_current_thread() is False


JTHREADING_LEAK_SCRIPT = """
import sys, time
import jthreading
from jthreading import _callbacks, _threads
from jthreading._embedding import java_class

THREADS, BATCH = int(sys.argv[1]), int(sys.argv[2])
bean = java_class("java.lang.management.ManagementFactory").getThreadMXBean()

def live():
    return int(bean.getThreadCount())

def registries():
    return (len(_threads._threads_by_key), len(_threads._records), _callbacks.size(),
            jthreading.active_count())

def body(lock, go):
    with lock:
        pass
    assert go.wait(10)

lock = jthreading.Lock()
jthreading.current_thread()  # the main thread's own record, made once
java_before, registries_before = live(), registries()
started = time.perf_counter()
for _ in range(THREADS // BATCH):
    go = jthreading.Event()
    batch = [jthreading.Thread(target=body, args=(lock, go)) for _ in range(BATCH)]
    for thread in batch:
        thread.start()
    go.set()
    for thread in batch:
        thread.join()
elapsed = time.perf_counter() - started
deadline = time.monotonic() + 30
while live() > java_before and time.monotonic() < deadline:
    time.sleep(0.01)
print(java_before, live(), registries_before == registries(), f"{elapsed / THREADS * 1e6:.0f}",
      registries_before, registries())
"""


@pytest.mark.timeout(300)
def test_jthreading_threads_leave_no_java_threads_and_no_registry_entries(tmp_path):
    # In a process of its own, so that the registries and the Java thread count are this
    # script's alone. (Without the native glue each jthreading.Thread ends with Jep's full
    # garbage collection, slower the more objects the process holds: this one holds many.)
    script = tmp_path / "leak.py"
    script.write_text(JTHREADING_LEAK_SCRIPT)
    launcher = os.path.join(os.path.dirname(sys.executable), "jthreading")
    result = subprocess.run([launcher, "run", str(script), str(THREADS), "10"],
                            capture_output=True, text=True, timeout=280)
    assert result.returncode == 0, result.stderr
    java_before, java_after, registries_same, micros, details = result.stdout.split(maxsplit=4)
    print(f"\n{THREADS} jthreading.Threads: {micros} us each; live Java threads "
          f"{java_before} -> {java_after}")
    assert int(java_after) <= int(java_before) + TOLERANCE
    assert registries_same == "True", details
