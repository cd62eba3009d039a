"""acquire(blocking, timeout) with plain arguments in C (issue 12): a try on a busy primitive
answers False without Java, a free one is taken in C; every other argument goes to the Python
method. CPython's threading is the oracle for every combination; Java holds the primitive in the
contended cases. Runs with the fast path on and off."""

import contextlib
import threading

import pytest

import jthreading
from jthreading._embedding import java_class

JavaWorkers = java_class("io.jthreading.testkit.JavaWorkers")
BOUND = 30

CALLS = [
    ((), {}), ((True,), {}), ((False,), {}), ((True, -1), {}), ((True, 0), {}), ((True, 0.0), {}),
    ((True, 0.01), {}), ((False, -1), {}), ((False, 0), {}), ((False, 1), {}),
    ((), {"blocking": False}), ((), {"timeout": 0}), ((), {"timeout": 0.01}),
    ((), {"timeout": -1}), ((), {"timeout": -2}), ((), {"timeout": float("nan")}),
    ((), {"timeout": 1e300}), ((), {"timeout": None}), ((), {"timeout": "1"}),
    ((), {"blocking": 0}), ((), {"blocking": 1.5}), ((), {"blocking": None}),
    ((True,), {"blocking": True}), ((), {"blocking": True, "timeout": 0, "other": 1}),
    ((True, 0, 1), {}), ((), {"timeout": 2**70}),
]

def _outcome(call):
    try:
        return ("returned", call())
    except Exception as error:  # noqa: BLE001 - the outcome is what is compared
        return (type(error), str(error))


def _never_waits(args, kwargs, busy):
    """Skip calls that would wait forever on a busy primitive (both sides would hang)."""
    if not busy:
        return False
    blocking = kwargs.get("blocking", args[0] if args else True)
    timeout = kwargs.get("timeout", args[1] if len(args) > 1 else None)
    # NaN: a Semaphore polls forever in CPython (a Lock raises ValueError, compared below).
    nan = isinstance(timeout, float) and timeout != timeout
    return bool(blocking) and (timeout is None or timeout == -1 or nan)


def _compare(make_ours, make_theirs, hold, args, kwargs, busy):
    if _never_waits(args, kwargs, busy):
        pytest.skip("would wait forever")
    ours, theirs = make_ours(), make_theirs()
    with hold(jthreading, ours), hold(threading, theirs):
        got = _outcome(lambda: ours.acquire(*args, **kwargs))
        want = _outcome(lambda: theirs.acquire(*args, **kwargs))
    assert got == want, (args, kwargs)


def _free(module, primitive):
    return contextlib.nullcontext()


@contextlib.contextmanager
def _held_by_another_thread(module, primitive):
    """Another thread of `module` holds `primitive` meanwhile (jthreading's: a Java thread)."""
    held, release = module.Event(), module.Event()

    def body():
        with primitive:
            held.set()
            release.wait(BOUND)

    thread = module.Thread(target=body)
    thread.start()
    assert held.wait(BOUND)
    try:
        yield
    finally:
        release.set()
        thread.join(BOUND)


@pytest.mark.parametrize("args, kwargs", CALLS)
@pytest.mark.parametrize("kind", ["Lock", "RLock"])
@pytest.mark.parametrize("held", [False, True], ids=["free", "held-elsewhere"])
def test_lock_acquire_arguments_match_cpython(kind, held, args, kwargs):
    ours, theirs = getattr(jthreading, kind), getattr(threading, kind)
    hold = _held_by_another_thread if held else _free
    _compare(ours, theirs, hold, args, kwargs, held)


@pytest.mark.parametrize("args, kwargs", CALLS)
@pytest.mark.parametrize("permits", [1, 0])
def test_semaphore_acquire_arguments_match_cpython(permits, args, kwargs):
    _compare(lambda: jthreading.Semaphore(permits), lambda: threading.Semaphore(permits),
             _free, args, kwargs, permits == 0)


def test_a_try_on_a_lock_java_holds_answers_false_and_takes_it_once_free():
    lock = jthreading.Lock()
    held, release = jthreading.Event(), jthreading.Event()
    holder = JavaWorkers.startHolder(lock, held, release)
    assert held.wait(BOUND)
    assert lock.acquire(False) is False
    assert lock.acquire(timeout=0) is False
    assert lock.acquire(True, 0.01) is False     # C tries, the Python method waits, in vain
    release.set()
    assert JavaWorkers.join(holder)
    assert lock.acquire(False) is True           # free again: taken in C
    assert lock.acquire(timeout=0) is False
    lock.release()


def test_rlock_tries_count_levels_of_the_owner():
    rlock = jthreading.RLock()
    assert rlock.acquire(False) and rlock.acquire(blocking=False) and rlock.acquire(True, 0)
    assert rlock.recursionCount() == 3              # Java's view of C's levels
    for _ in range(3):
        rlock.release()
    assert not rlock._is_owned()
