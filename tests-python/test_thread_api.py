"""jthreading.Thread and friends against CPython's: the same scenario, the same outcome."""

import _thread
import re
import sys
import warnings

import pytest
import threading

import jthreading

MODULES = [pytest.param(threading, id="cpython"), pytest.param(jthreading, id="jthreading")]


def outcome(call):
    try:
        return ("ok", call())
    except BaseException as error:  # noqa: B902 - AssertionError is part of the API
        return (type(error).__name__, str(error))


def both(scenario):
    """Runs ``scenario(module)`` for CPython and jthreading; returns (cpython, ours)."""
    return scenario(threading), scenario(jthreading)


def assert_same(scenario):
    cpython, ours = both(scenario)
    assert ours == cpython


def test_start_twice():
    def scenario(m):
        t = m.Thread(target=lambda: None)
        t.start()
        t.join()
        return outcome(t.start)
    assert_same(scenario)


def test_join_before_start_and_join_self():
    def scenario(m):
        t = m.Thread(target=lambda: None)
        results = [outcome(t.join)]
        box = []
        me = m.Thread(target=lambda: box.append(outcome(m.current_thread().join)))
        me.start()
        me.join()
        return results + box
    assert_same(scenario)


def test_daemon_after_start():
    def scenario(m):
        event = m.Event()
        t = m.Thread(target=event.wait, args=(10,))
        t.start()
        result = outcome(lambda: setattr(t, "daemon", True))
        event.set()
        t.join()
        return result
    assert_same(scenario)


def test_group_must_be_none():
    assert_same(lambda m: outcome(lambda: m.Thread(group=1)))


def test_init_not_called():
    def scenario(m):
        class Lazy(m.Thread):
            def __init__(self):
                pass
        return [outcome(Lazy().start), outcome(Lazy().join)]
    assert_same(scenario)


def test_name_defaults_and_target_suffix():
    def shape(m):
        def work():
            pass
        names = [m.Thread().name, m.Thread(target=work).name, m.Thread(name=42).name]
        return [re.sub(r"\d+", "N", n) for n in names]
    assert_same(shape)


def test_default_daemon_follows_the_creating_thread():
    def scenario(m):
        seen = []
        def inner():
            seen.append(m.Thread().daemon)
        outer = m.Thread(target=inner, daemon=True)
        outer.start()
        outer.join()
        inner_default = seen[0]
        seen.clear()
        outer = m.Thread(target=inner, daemon=False)
        outer.start()
        outer.join()
        return [inner_default, seen[0]]
    assert_same(scenario)


def test_threads_started_from_the_main_thread_are_not_daemons():
    # CPython's threading, embedded by Jep, takes the script's thread for a dummy (daemon)
    # thread; jthreading knows it is the main thread, so the CPython default holds.
    assert jthreading.current_thread() is jthreading.main_thread()
    assert jthreading.Thread().daemon is False


def test_lifecycle_seen_in_repr_is_alive_ident():
    def scenario(m):
        go = m.Event()
        t = m.Thread(target=go.wait, args=(10,), name="worker", daemon=False)
        before = (repr(t), t.is_alive(), t.ident, t.native_id)
        t.start()
        during = (re.sub(r"\d+", "N", repr(t)), t.is_alive(), type(t.ident), type(t.native_id))
        go.set()
        t.join()
        after = (re.sub(r"\d+", "N", repr(t)), t.is_alive())
        return [before, during, after]
    assert_same(scenario)


def test_join_timeouts():
    def scenario(m):
        go = m.Event()
        t = m.Thread(target=go.wait, args=(10,))
        t.start()
        results = [outcome(lambda: t.join(0.01)), t.is_alive(), outcome(lambda: t.join(-1)),
                   outcome(lambda: t.join("a")), outcome(lambda: t.join(float("inf")))]
        go.set()
        t.join()
        return results
    assert_same(scenario)


def test_join_timeouts_once_the_end_was_seen():
    # Before 3.13 a joined thread's join() returns at once without reading its timeout but for
    # max(timeout, 0); 3.13's converts it (NaN, overflow) every time.
    def scenario(m):
        t = m.Thread(target=lambda: None)
        t.start()
        t.join()
        return [outcome(lambda: t.join(timeout)) for timeout in
                (float("nan"), m.TIMEOUT_MAX + 1, 2**64, -1, "a", None, 0.01)]
    assert_same(scenario)


def test_current_thread_and_enumerate_inside_a_thread():
    def scenario(m):
        seen = []
        def work():
            me = m.current_thread()
            seen.append((me is t, me in m.enumerate(), m.get_ident() == t.ident,
                         m.get_native_id() == t.native_id))
        t = m.Thread(target=work)
        t.start()
        t.join()
        return seen + [t in m.enumerate()]
    assert_same(scenario)


def test_main_thread():
    def scenario(m):
        main = m.main_thread()
        return (type(main).__name__, main.name, main.daemon, main.is_alive(),
                main is m.current_thread())
    cpython, ours = both(scenario)
    # Under Jep, CPython's threading thinks Jep's internal thread is main; jthreading knows
    # the script runs on the JVM's main thread.
    assert ours == ("_MainThread", "MainThread", False, True, True)


def test_deprecated_aliases_warn():
    def scenario(m):
        t = m.Thread(name="x")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            t.setName("y")
            t.setDaemon(True)
            values = (t.getName(), t.isDaemon())
            m.currentThread()
            m.activeCount()
        return values, [(w.category.__name__, str(w.message)) for w in caught]
    assert_same(scenario)


def test_exception_in_run_goes_to_excepthook_with_the_thread():
    def scenario(m):
        seen = []
        def hook(args):
            seen.append((args.exc_type.__name__, str(args.exc_value), args.thread is t))
        def fail():
            raise KeyError("k")
        original = m.excepthook
        m.excepthook = hook
        try:
            t = m.Thread(target=fail)
            t.start()
            t.join()
        finally:
            m.excepthook = original
        return seen
    assert_same(scenario)


def test_excepthook_argument_checks():
    def scenario(m):
        return [outcome(lambda: m.__excepthook__(1)),
                outcome(lambda: m.ExceptHookArgs([1, 2, 3]))]
    assert_same(scenario)


def test_stack_size_checks():
    def scenario(m):
        results = [outcome(m.stack_size)]
        for size in (1, 4096, -1, "a", 1.5, 2**70):
            results.append(outcome(lambda: m.stack_size(size)))
        results.append(outcome(lambda: m.stack_size(1, 2)))
        results.append(outcome(lambda: m.stack_size(65536)))
        results.append(outcome(lambda: m.stack_size(0)))
        return results
    assert_same(scenario)


def test_timer_fires_and_cancel():
    def scenario(m):
        fired = []
        done = m.Event()
        timer = m.Timer(0.01, lambda *a, **k: (fired.append((a, k)), done.set()),
                        args=(1,), kwargs={"k": 2})
        timer.start()
        done.wait(10)
        timer.join()
        cancelled = m.Timer(60, fired.append, args=("never",))
        cancelled.cancel()
        cancelled.start()
        cancelled.join(10)
        return fired, cancelled.is_alive(), cancelled.finished.is_set(), type(timer.finished).__name__
    assert_same(scenario)


def test_local_arguments_and_dict():
    def scenario(m):
        results = [outcome(lambda: m.local(1)), outcome(lambda: m.local(x=1))]
        data = m.local()
        data.x = 1
        results.append(outcome(lambda: data.__dict__))
        results.append(outcome(lambda: setattr(data, "__dict__", {})))
        seen = []
        t = m.Thread(target=lambda: seen.append(hasattr(data, "x")))
        t.start()
        t.join()
        return results, seen
    cpython, ours = both(scenario)
    # The type's name in the __dict__ message is "local" (jthreading.local), not "_thread._local".
    normalise = lambda r: repr(r).replace("'_thread._local'", "'local'")
    assert normalise(ours) == normalise(cpython)


def test_a_dummy_thread_cannot_be_joined():
    # A thread threading did not start is a dummy thread; joining it is an AssertionError up to
    # 3.12 and a RuntimeError since 3.13.
    def scenario(m):
        box = []
        finished = _thread.allocate_lock()
        finished.acquire()

        def body():
            try:
                me = m.current_thread()
                box.append((type(me).__name__, me.daemon, outcome(me.join)))
            finally:
                finished.release()
        _thread.start_new_thread(body, ())
        assert finished.acquire(timeout=10)
        return box
    assert_same(scenario)


@pytest.mark.parametrize("kind", ["trace", "profile"])
def test_hooks_for_all_threads(kind):
    # 3.12's settrace_all_threads/setprofile_all_threads: the hook of threads started later (as
    # settrace/setprofile) and of every thread running now, jthreading's included.
    setter_name, getter_name = f"set{kind}_all_threads", f"get{kind}"
    if not hasattr(threading, setter_name):  # before 3.12: neither module has them
        assert not hasattr(jthreading, setter_name)
        assert setter_name not in jthreading.__all__
        return

    def scenario(m):
        seen = set()

        def marker():
            pass

        def hook(frame, event, arg):
            if frame.f_code is marker.__code__:
                seen.add((m.current_thread().name, event))
        may_go, ready = m.Event(), m.Event()

        def running():
            ready.set()
            may_go.wait(10)
            marker()
        early = m.Thread(target=running, name="running")
        early.start()
        assert ready.wait(10)
        getattr(m, setter_name)(hook)
        try:
            installed = getattr(m, getter_name)() is hook
            may_go.set()
            early.join(10)
            later = m.Thread(target=marker, name="later")
            later.start()
            later.join(10)
        finally:
            getattr(m, setter_name)(None)
        return installed, getattr(m, getter_name)(), sorted(seen)
    cpython, ours = both(scenario)
    assert ours == cpython
    assert ("running", "call") in ours[2] and ("later", "call") in ours[2]
