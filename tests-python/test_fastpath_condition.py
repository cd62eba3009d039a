"""Condition on shared state (issue 12): C runs `with cv:` as the lock's own fast path and a
notify that finds no waiter, on the block Java keeps (io.jthreading.internal.ConditionState).
Behaviour tests run with the fast path on and off; the C-specific ones skip when it is off."""

import threading

import pytest

import jthreading
from jthreading import _fastpath
from jthreading._embedding import java_class

JavaWorkers = java_class("io.jthreading.testkit.JavaWorkers")
AtomicLong = java_class("java.util.concurrent.atomic.AtomicLong")
AtomicBoolean = java_class("java.util.concurrent.atomic.AtomicBoolean")

needs_fast_path = pytest.mark.skipif(not _fastpath.ENABLED,
                                     reason="fast path switched off (JTHREADING_NATIVE=0)")
BOUND = 30

LOCKS = [pytest.param(lambda: None, id="default"), pytest.param(jthreading.Lock, id="Lock"),
         pytest.param(jthreading.RLock, id="RLock")]


def _waiters(cv):
    return _fastpath.load(cv._word)  # ConditionState's WAITERS (offset 0)


@needs_fast_path
def test_hot_methods_are_c_methods():
    for name in ("acquire", "__enter__", "release", "__exit__", "notify", "notify_all"):
        method = jthreading.Condition.__dict__[name]
        assert type(method) is _fastpath._native.FastMethod, name
        assert method.__objclass__ is jthreading.Condition


@pytest.mark.parametrize("make_lock", LOCKS)
def test_with_takes_the_lock_java_sees(make_lock):
    lock = make_lock()
    cv = jthreading.Condition(lock) if lock is not None else jthreading.Condition()
    java_lock = type(cv).__mro__[1].__dict__["lock"](cv)
    assert java_lock is cv._lock
    with cv as entered:
        assert entered is True
        assert java_lock.isOwned()
    assert not java_lock.isOwned()
    assert cv.acquire() is True and java_lock.isOwned()
    cv.release()
    assert not java_lock.isOwned()


@pytest.mark.parametrize("make_lock", LOCKS)
def test_notify_without_a_waiter_is_cpythons(make_lock):
    lock = make_lock()
    cv = jthreading.Condition(lock) if lock is not None else jthreading.Condition()
    with cv:
        assert cv.notify() is None
        assert cv.notify(5) is None
        assert cv.notify("any n: with no waiter CPython never looks at it") is None
        assert cv.notify_all() is None
        with pytest.raises(TypeError):
            cv.notify(1, 2)
        with pytest.raises(TypeError):
            cv.notify_all(1)
        with pytest.raises(TypeError):
            cv.notify(n=1, extra=2)
    for call in (cv.notify, cv.notify_all):
        with pytest.raises(RuntimeError, match="cannot notify on un-acquired lock"):
            call()


def test_notify_without_a_waiter_matches_cpython_for_odd_n():
    ours, theirs = jthreading.Condition(), threading.Condition()
    for n in (0, -1, 2.5, "x", None):
        with ours, theirs:
            assert ours.notify(n) == theirs.notify(n)


def test_notify_of_an_rlock_condition_owned_by_another_thread_is_refused():
    cv = jthreading.Condition(jthreading.RLock())
    held, done = jthreading.Event(), jthreading.Event()

    def owner():
        with cv:
            held.set()
            done.wait(BOUND)

    t = jthreading.Thread(target=owner)
    t.start()
    try:
        assert held.wait(BOUND)
        with pytest.raises(RuntimeError, match="cannot notify on un-acquired lock"):
            cv.notify()          # C: the RLock's owner is another thread: Java refuses
    finally:
        done.set()
        t.join(BOUND)


def test_a_lock_condition_counts_as_owned_while_anyone_holds_the_lock():
    # CPython's Condition over a plain Lock: "owned" means "locked", by whichever thread.
    for module in (threading, jthreading):
        lock = module.Lock()
        cv = module.Condition(lock)
        lock.acquire()
        t = module.Thread(target=cv.notify)
        t.start()
        t.join(BOUND)
        lock.release()


@needs_fast_path
def test_the_waiter_count_follows_the_java_queue():
    cv = jthreading.Condition()
    flag = AtomicBoolean(False)
    started, done = jthreading.Event(), jthreading.Event()
    waiter = JavaWorkers.startConditionWaiter(cv, flag, started, done)
    assert started.wait(BOUND)
    with cv:                                  # the waiter released the lock: it is counted
        assert _waiters(cv) == 1
        flag.set(True)
        cv.notify()                           # C sees the count: Java wakes the waiter
        assert _waiters(cv) == 0
    assert done.wait(BOUND), "the Java waiter was not woken"
    assert JavaWorkers.join(waiter)
    with cv:
        assert cv.wait(0) is False            # a mere check queues nobody
        assert _waiters(cv) == 0


@pytest.mark.parametrize("make_lock", LOCKS)
def test_ping_pong_with_a_java_thread_loses_no_notification(make_lock):
    # Each side notifies once per turn while the other may be about to wait: a notify in C that
    # missed Java's waiter would leave the Java side waiting and the test would time out.
    lock = make_lock()
    cv = jthreading.Condition(lock) if lock is not None else jthreading.Condition()
    turn, failed = AtomicLong(0), AtomicBoolean(False)
    rounds = 300
    java = JavaWorkers.startConditionPingPong(cv, turn, rounds, failed)
    for _ in range(rounds):
        with cv:
            assert cv.wait_for(lambda: turn.get() % 2 == 0, BOUND), "no notification from Java"
            turn.set(turn.get() + 1)
            cv.notify()
    assert JavaWorkers.join(java)
    assert not failed.get(), "the Java side timed out: a notification was lost"
    assert turn.get() == 2 * rounds


def test_wait_zero_releases_the_lock_and_reports_not_notified():
    cv = jthreading.Condition(jthreading.Lock())
    with cv:
        assert cv.wait(0) is False
        assert cv.wait(-1) is False
        assert cv._lock.locked()
    with pytest.raises(RuntimeError, match="cannot wait on un-acquired lock"):
        cv.wait(0)

