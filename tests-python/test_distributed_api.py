"""jthreading.distributed's Python API: each façade method on an embedded ZooKeeper, with
CPython's threading as the oracle for argument errors, return values and exception types.

One embedded coordinator per module (``coord``); a second Coordinator on its connect string
(``other``) plays another process: it has a ZooKeeper session of its own, which is all that
tells two processes apart to ZooKeeper.
"""

import subprocess
import sys
import threading
import time
import uuid
import warnings
from pathlib import Path

import pytest

import jthreading

import jthreading.distributed as distributed  # noqa: E402  (the wheel carries its jars)
from jthreading.distributed import (  # noqa: E402
    Barrier, BoundedSemaphore, Condition, CoordinationError, Coordinator, Event, Lock, RLock,
    Semaphore, SessionLostError)

pytestmark = pytest.mark.timeout(60)

WAIT = 10  # seconds: the bound of every wait that should end (tests never assert timings)
SHORT = 0.05  # seconds: a wait that should time out


@pytest.fixture(scope="module")
def coord():
    with Coordinator() as coordinator:
        yield coordinator


@pytest.fixture(scope="module")
def other(coord):
    with Coordinator(coord.hosts) as coordinator:
        yield coordinator


@pytest.fixture
def name():
    return f"api/{uuid.uuid4().hex}"


def outcome(call):
    try:
        return ("ok", call())
    except Exception as error:
        return (type(error).__name__, str(error))


def in_thread(target, *args):
    """Runs ``target(*args)`` in a jthreading thread; returns (thread, results) where results
    gets the outcome."""
    results = []
    thread = jthreading.Thread(target=lambda: results.append(outcome(lambda: target(*args))),
                               daemon=True)
    thread.start()
    return thread, results


def joined(thread, results):
    thread.join(WAIT)
    assert not thread.is_alive()
    return results[0]


def eventually(predicate):
    """Polls ``predicate`` (state another session changes, which no event here signals)."""
    deadline = time.monotonic() + WAIT
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.005)


# -- the package ------------------------------------------------------------------------------

def test_exports_and_exception_classes():
    assert distributed.BrokenBarrierError is threading.BrokenBarrierError
    assert issubclass(CoordinationError, RuntimeError)
    assert issubclass(SessionLostError, CoordinationError)
    for exported in distributed.__all__:
        assert getattr(distributed, exported).__module__ in ("jthreading.distributed", "threading")


def test_not_loaded_by_import_jthreading_and_import_error_when_classes_missing(tmp_path):
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys, jthreading\n"
        "print('distributed' in sys.modules.get('jthreading').__dict__,\n"
        "      'jthreading.distributed' in sys.modules)\n"
        "from jthreading.distributed import _java\n"
        "try:\n"
        "    _java.distributed_class('NoSuchClass')\n"
        "except ImportError as error:\n"
        "    print(type(error).__name__, error.name, 'NoSuchClass' in str(error))\n")
    launcher = Path(sys.executable).parent / "jthreading"
    result = subprocess.run([str(launcher), "run", str(script)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "ImportError", "jthreading.distributed",
                                     "True"]


def test_primitives_are_made_by_a_coordinator():
    for kind in (Lock, RLock, Semaphore, BoundedSemaphore, Event, Barrier, Condition):
        with pytest.raises(TypeError, match="made by a Coordinator"):
            kind()
    with pytest.raises(TypeError, match="cannot be subclassed"):
        class Mine(Lock):
            pass


# -- Coordinator ------------------------------------------------------------------------------

def test_coordinator_session_and_close(coord):
    assert coord.state == "CONNECTED"
    assert isinstance(coord.session_id, int) and coord.session_id != 0
    assert coord.hosts.startswith("127.0.0.1:")
    assert not coord.closed
    with Coordinator(coord.hosts, session_timeout=5, connection_timeout=5.0) as extra:
        assert extra.hosts == coord.hosts
        assert extra.session_id != coord.session_id
        held = extra.Lock("closing")
        assert held.acquire()
    assert extra.closed and "closed" in repr(extra)
    # Closing ended the session: ZooKeeper released the lock at once.
    assert not coord.Lock("closing").locked()
    extra.close()  # again: nothing
    assert outcome(lambda: extra.Lock("x")) == ("RuntimeError", "the coordinator is closed")


@pytest.mark.parametrize("call, expected", [
    (lambda: Coordinator(5), ("TypeError", "hosts must be a str or None, not int")),
    (lambda: Coordinator(""), ("ValueError", "hosts must not be empty")),
    (lambda: Coordinator(None, 10), ("TypeError",
                                     "Coordinator.__new__() takes from 1 to 2 positional "
                                     "arguments but 3 were given")),
    (lambda: Coordinator(session_timeout=0),
     ("ValueError", "session_timeout must be a positive number of seconds")),
    (lambda: Coordinator(connection_timeout=float("nan")),
     ("ValueError", "connection_timeout must be a positive number of seconds")),
    (lambda: Coordinator(session_timeout="1"),
     ("TypeError", "'>' not supported between instances of 'str' and 'int'")),
])
def test_coordinator_argument_errors(call, expected):
    assert outcome(call) == expected


@pytest.mark.timeout(30)
def test_unreachable_ensemble_is_a_coordination_error():
    with pytest.raises(CoordinationError, match="could not connect") as raised:
        Coordinator("127.0.0.1:1", connection_timeout=0.3)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_factory_argument_errors(coord, name):
    assert outcome(lambda: coord.Lock(None)) == ("TypeError", "name must be a str, not NoneType")
    assert outcome(lambda: coord.Event(""))[0] == "ValueError"
    assert outcome(lambda: coord.RLock("a//b"))[0] == "ValueError"
    # Semaphore values and Barrier parties: CPython's checks first, then the shared value.
    assert outcome(lambda: coord.Semaphore(name, -1)) == outcome(lambda: threading.Semaphore(-1))
    assert outcome(lambda: coord.Semaphore(name, "2")) == outcome(lambda: threading.Semaphore("2"))
    assert outcome(lambda: coord.Barrier(name, 0)) == ("ValueError", "parties must be > 0")
    assert outcome(lambda: coord.Barrier(name, 1.5))[0] == "TypeError"
    coord.Semaphore(name, 2)
    assert outcome(lambda: coord.Semaphore(name, 3))[0] == "ValueError"
    coord.Barrier(name, 2)
    assert outcome(lambda: coord.Barrier(name, 3))[0] == "ValueError"
    assert outcome(lambda: coord.Condition(name, threading.Lock())) == (
        "TypeError", "lock must be a jthreading.distributed Lock or RLock, not lock")


def test_same_name_same_primitive(coord, other, name):
    assert coord.Lock(name) == coord.Lock(name)
    assert coord.Lock(name).name == name
    assert isinstance(coord.Event(name), Event)
    # A Lock and an Event of one name are different primitives.
    coord.Event(name).set()
    assert not other.Lock(name).locked()
    assert other.Event(name).is_set()


# -- Lock -------------------------------------------------------------------------------------

def test_lock_across_sessions(coord, other, name):
    mine, theirs = coord.Lock(name), other.Lock(name)
    assert not mine.locked() and not mine._is_owned()
    assert mine.acquire() is True
    assert mine.locked() and theirs.locked()
    assert mine._is_owned() and not theirs._is_owned()
    assert theirs.acquire(False) is False
    assert theirs.acquire(timeout=SHORT) is False
    # Held by another process: this one cannot release it (CPython's words).
    assert outcome(theirs.release) == ("RuntimeError", "release unlocked lock")
    thread, results = in_thread(theirs.acquire, True, WAIT)
    mine.release()
    assert joined(thread, results) == ("ok", True)
    assert theirs._is_owned() and not mine._is_owned()
    theirs.release()
    assert not mine.locked()


def test_lock_with_and_release_by_another_thread(coord, name):
    lock = coord.Lock(name)
    with lock as entered:
        assert entered is True and lock.locked()
    assert not lock.locked()
    lock.acquire()
    # Not owned by a thread, as CPython's Lock: another thread of the process releases it.
    assert joined(*in_thread(lock.release)) == ("ok", None)
    assert not lock.locked()
    assert outcome(lock.release) == outcome(threading.Lock().release)


def test_lock_threads_of_one_process_exclude_each_other(coord, name):
    lock, inside, overlaps = coord.Lock(name), [], []

    def work():
        for _ in range(5):
            with lock:
                inside.append(1)
                overlaps.append(len(inside))
                inside.pop()
    threads = [jthreading.Thread(target=work, daemon=True) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
        assert not thread.is_alive()
    assert overlaps == [1] * 15


ACQUIRE_CALLS = [
    ((False, 1), {}), ((1, 2, 3), {}), ((), {"timeout": -2}), ((), {"blocking": False,
                                                                    "timeout": 1}),
    ((), {"x": 1}), ((), {"timeout": "a"}), ((True,), {"blocking": True}),
    ((), {"timeout": 1e300}), ((), {"timeout": float("nan")}), (("x",), {}),
]


@pytest.mark.parametrize("kind", ["Lock", "RLock"])
@pytest.mark.parametrize("args, kwargs", ACQUIRE_CALLS)
def test_lock_acquire_argument_errors_are_cpythons(coord, kind, args, kwargs):
    ours = getattr(coord, kind)(f"api/arguments-{kind}")
    cpython = getattr(threading, kind)()
    expected = outcome(lambda: cpython.acquire(*args, **kwargs))
    got = outcome(lambda: ours.acquire(*args, **kwargs))
    if got == ("ok", True):
        ours.release()  # acquire("x") acquires from 3.12, where blocking is a truth value
    assert got == expected


@pytest.mark.parametrize("kind, method", [("Lock", "release"), ("Lock", "locked"),
                                          ("RLock", "release"), ("RLock", "_is_owned")])
def test_no_argument_methods_refuse_arguments_as_cpython(coord, kind, method):
    ours = getattr(getattr(coord, kind)("api/no-arguments"), method)
    cpython = getattr(getattr(threading, kind)(), method)
    assert outcome(lambda: ours(1)) == outcome(lambda: cpython(1))
    assert outcome(lambda: ours(x=1)) == outcome(lambda: cpython(x=1))


def test_fencing_tokens_grow_and_check(coord, other, name):
    mine, theirs = coord.Lock(name), other.Lock(name)
    assert outcome(lambda: mine.fencing_token)[0] == "RuntimeError"
    assert outcome(mine.check)[0] == "RuntimeError"
    tokens = []
    for lock in (mine, theirs, mine):
        with lock:
            lock.check()
            tokens.append(lock.fencing_token)
            assert lock.fencing_token == tokens[-1]  # one holding, one token
    rlock = coord.RLock(name)
    with rlock:
        tokens.append(rlock.fencing_token)
        rlock.check()
    assert tokens == sorted(set(tokens)), tokens


def test_semaphore_fencing_token_is_the_most_recent_permits(coord, other, name):
    mine, theirs = coord.Semaphore(name, 2), other.Semaphore(name, 2)
    assert outcome(lambda: mine.fencing_token)[0] == "RuntimeError"
    mine.acquire()
    first = mine.fencing_token
    with theirs:
        assert theirs.fencing_token > first
        mine.release()
        mine.acquire()  # a new lease: a later transaction than theirs
        assert mine.fencing_token > theirs.fencing_token
    mine.release()
    assert outcome(lambda: mine.fencing_token)[0] == "RuntimeError"
    bounded = coord.BoundedSemaphore(name + "-bounded", 1)
    with bounded:
        assert bounded.fencing_token > first


# -- RLock ------------------------------------------------------------------------------------

def test_rlock_reentrant_and_owned_by_its_thread(coord, other, name):
    rlock = coord.RLock(name)
    assert rlock.acquire() and rlock.acquire(timeout=WAIT)
    assert rlock._recursion_count() == 2 and rlock._is_owned() and rlock.locked()
    assert joined(*in_thread(rlock.release)) == outcome(threading.RLock().release)
    assert joined(*in_thread(rlock.acquire, True, SHORT)) == ("ok", False)
    assert joined(*in_thread(rlock._is_owned)) == ("ok", False)
    assert other.RLock(name).acquire(False) is False
    rlock.release()
    assert rlock._is_owned()
    rlock.release()
    assert not rlock._is_owned() and rlock._recursion_count() == 0
    with other.RLock(name):
        assert rlock.locked()
    assert outcome(rlock.release) == outcome(threading.RLock().release)


# -- Semaphore, BoundedSemaphore --------------------------------------------------------------

def test_semaphore_across_sessions(coord, other, name):
    mine, theirs = coord.Semaphore(name, 2), other.Semaphore(name, 2)
    assert type(mine) is Semaphore and mine._value == 2
    assert mine.acquire() and theirs.acquire(timeout=WAIT)
    assert mine._value == 0
    assert theirs.acquire(False) is False
    assert theirs.acquire(timeout=SHORT) is False
    thread, results = in_thread(theirs.acquire, True, WAIT)
    mine.release()
    assert joined(thread, results) == ("ok", True)
    # A release with no permit held here raises the value, as CPython's does.
    mine.release(3)
    assert mine._value == 3
    with theirs:
        assert mine._value == 2


def test_semaphore_argument_errors_are_cpythons(coord, name):
    empty, cpython_empty = coord.Semaphore(name, 0), threading.Semaphore(0)
    for call in (lambda s: s.acquire(False, 1), lambda s: s.acquire(timeout="x"),
                 lambda s: s.release(0), lambda s: s.release("x"), lambda s: s.acquire(1, 2, 3),
                 lambda s: s.acquire(timeout=-1), lambda s: s.acquire(nope=1)):
        assert outcome(lambda: call(empty)) == outcome(lambda: call(cpython_empty))
    # A count is an int (README, differences): CPython 3.12+ adds 1.5 to its value.
    assert outcome(lambda: empty.release(1.5))[0] == "TypeError"
    # With a permit free, CPython never reads the timeout.
    free = coord.Semaphore(name + "-free", 1)
    assert free.acquire(timeout="x") is True


def test_bounded_semaphore(coord, other, name):
    mine = coord.BoundedSemaphore(name, 1)
    assert type(mine) is BoundedSemaphore and isinstance(mine, Semaphore)
    assert mine._initial_value == 1
    assert outcome(mine.release) == outcome(threading.BoundedSemaphore(1).release)
    assert outcome(lambda: mine.release(1, 2)) == outcome(
        lambda: threading.BoundedSemaphore(1).release(1, 2))
    with mine:
        assert other.BoundedSemaphore(name, 1).acquire(False) is False
        # Only a permit this process holds can be given back.
        assert outcome(other.BoundedSemaphore(name, 1).release) == (
            "ValueError", "Semaphore released too many times")
    assert mine._value == 1


def test_semaphore_bounds_concurrent_threads(coord, name):
    semaphore, inside, peaks, guard = coord.Semaphore(name, 2), [], [], threading.Lock()

    def work():
        for _ in range(3):
            with semaphore:
                with guard:
                    inside.append(1)
                    peaks.append(len(inside))
                with guard:
                    inside.pop()
    threads = [jthreading.Thread(target=work, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
        assert not thread.is_alive()
    assert len(peaks) == 12 and max(peaks) <= 2
    assert semaphore._value == 2


# -- Event ------------------------------------------------------------------------------------

def test_event_set_in_one_session_wakes_another(coord, other, name):
    mine, theirs = coord.Event(name), other.Event(name)
    assert mine.is_set() is False
    assert theirs.wait(SHORT) is False
    assert theirs.wait(0) is False and theirs.wait(-1) is False
    thread, results = in_thread(theirs.wait, WAIT)
    forever_thread, forever_results = in_thread(theirs.wait)
    mine.set()
    assert joined(thread, results) == ("ok", True)
    assert joined(forever_thread, forever_results) == ("ok", True)
    assert theirs.is_set() and theirs.wait(0) is True and theirs.wait("bad") is True
    mine.set()  # again: nothing
    theirs.clear()
    assert not mine.is_set()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert mine.isSet() is False
    assert caught[0].category is DeprecationWarning


def test_event_wait_argument_errors_are_cpythons(coord, name):
    event = coord.Event(name)
    for timeout in ("bad", float("nan"), 1e300):
        assert outcome(lambda: event.wait(timeout)) == outcome(
            lambda: threading.Event().wait(timeout))
    assert outcome(lambda: event.wait(1, 2)) == outcome(lambda: threading.Event().wait(1, 2))


def test_interrupted_wait_is_interrupted_error_without_java_trace(coord, name):
    event, java_thread = coord.Event(name), []

    def wait():
        import jep
        java_thread.append(jep.findClass("java.lang.Thread".encode().decode()).currentThread())
        return event.wait(WAIT)
    thread, results = in_thread(wait)
    eventually(lambda: java_thread)
    # Until the wait has started, an interrupt would end it as well: keep interrupting.
    while thread.is_alive():
        java_thread[0].interrupt()
        thread.join(0.01)
    kind, message = results[0]
    assert kind == "InterruptedError" and "java" not in message.lower()


# -- Barrier ----------------------------------------------------------------------------------

def test_barrier_across_sessions_with_action(coord, other, name):
    ran = []
    mine = coord.Barrier(name, 3, action=lambda: ran.append("mine"))
    theirs = other.Barrier(name, 3, action=lambda: ran.append("theirs"))
    assert mine.parties == 3 and not mine.broken and mine.n_waiting == 0
    for _ in range(2):
        waiters = [in_thread(mine.wait, WAIT), in_thread(mine.wait, WAIT)]
        eventually(lambda: theirs.n_waiting == 2)
        last = theirs.wait(WAIT)
        indices = [joined(*waiter) for waiter in waiters]
        assert last == 2 and sorted(indices) == [("ok", 0), ("ok", 1)]
    assert ran == ["theirs", "theirs"]  # the last arrival's action, once a round


def test_barrier_action_raises(coord, name):
    def fail():
        raise ZeroDivisionError("in the action")
    barrier = coord.Barrier(name, 2, action=fail)
    waiter = in_thread(barrier.wait, WAIT)
    eventually(lambda: barrier.n_waiting == 1)
    with pytest.raises(ZeroDivisionError):
        barrier.wait(WAIT)
    assert joined(*waiter) == ("BrokenBarrierError", "")
    assert barrier.broken
    with pytest.raises(threading.BrokenBarrierError):
        barrier.wait(WAIT)
    barrier.reset()
    assert not barrier.broken


def test_barrier_timeout_abort_and_reset(coord, other, name):
    barrier = coord.Barrier(name, 2, timeout=SHORT)
    with pytest.raises(threading.BrokenBarrierError):
        barrier.wait()  # the barrier's own timeout
    assert barrier.broken and other.Barrier(name, 2).broken
    barrier.reset()
    waiter = in_thread(barrier.wait, WAIT)
    eventually(lambda: barrier.n_waiting == 1)
    other.Barrier(name, 2).abort()
    assert joined(*waiter) == ("BrokenBarrierError", "")
    barrier.reset()
    waiter = in_thread(barrier.wait, WAIT)
    eventually(lambda: barrier.n_waiting == 1)
    barrier.reset()  # the waiting round ends broken for its waiters
    assert joined(*waiter) == ("BrokenBarrierError", "")
    assert not barrier.broken


def test_barrier_wait_argument_errors_are_cpythons(coord, name):
    barrier = coord.Barrier(name, 2)
    assert outcome(lambda: barrier.wait("x")) == outcome(
        lambda: threading.Barrier(2).wait("x"))
    assert outcome(lambda: barrier.wait(1, 2)) == outcome(lambda: threading.Barrier(2).wait(1, 2))
    assert not barrier.broken and barrier.n_waiting == 0


# -- Condition --------------------------------------------------------------------------------

def test_condition_wait_for_across_sessions(coord, other, name):
    box = coord.Event(name + "-box")
    mine = coord.Condition(name)
    theirs = other.Condition(name)

    def waiter():
        with theirs:
            return theirs.wait_for(other.Event(name + "-box").is_set, WAIT)
    thread, results = in_thread(waiter)
    eventually(lambda: mine._waiting() == 1)
    with mine:
        box.set()
        mine.notify()
    assert joined(thread, results) == ("ok", True)


def test_condition_notify_and_notify_all_between_threads(coord, name):
    condition = coord.Condition(name, coord.Lock(name))
    assert condition.acquire() is True
    assert condition.wait(SHORT) is False
    assert condition.wait_for(lambda: 0, SHORT) == 0
    condition.notify()  # nobody waits: nothing
    condition.release()

    def wait():
        with condition:
            return condition.wait(WAIT)
    waiters = [in_thread(wait) for _ in range(3)]
    eventually(lambda: condition._waiting() == 3)
    with condition:
        condition.notify(0)
        condition.notify()
    eventually(lambda: condition._waiting() == 2)
    with condition:
        condition.notify_all()
    assert [joined(*waiter) for waiter in waiters] == [("ok", True)] * 3


def test_condition_errors_are_cpythons(coord, name):
    ours, cpython = coord.Condition(name), threading.Condition()
    for call in (lambda c: c.wait(), lambda c: c.wait("x"), lambda c: c.notify(),
                 lambda c: c.notify(2.5), lambda c: c.wait_for(lambda: False, 0)):
        assert outcome(lambda: call(ours)) == outcome(lambda: call(cpython))
    with ours, cpython:
        for call in (lambda c: c.wait("x"), lambda c: c.wait(float("nan")),
                     lambda c: c.wait(1e300), lambda c: c.notify("x"), lambda c: c.notify(2.5)):
            assert outcome(lambda: call(ours)) == outcome(lambda: call(cpython))
        assert ours._is_owned()
    assert not ours._is_owned()


def test_condition_over_another_coordinators_lock_is_refused(coord, other, name):
    assert outcome(lambda: coord.Condition(name, other.Lock(name))) == (
        "ValueError", "the lock belongs to another coordinator")


# -- the session lost -------------------------------------------------------------------------

def _expire_session(coordinator):
    """ZooKeeper's own test hook: the client acts as if the server expired its session."""
    import jep
    fields = jep.findClass("io.jthreading.testkit.PrivateFields".encode().decode())
    zookeeper = fields.read(coordinator, "client").getZookeeperClient().getZooKeeper()
    zookeeper.getTestable().injectSessionExpiration()


@pytest.mark.timeout(60)
def test_lost_session_is_reported_to_the_holder(coord, name):
    with Coordinator(coord.hosts, session_timeout=4) as doomed:
        lock, rlock = doomed.Lock(name), doomed.RLock(name)
        lock.acquire()
        rlock.acquire()
        before = doomed.session_id
        _expire_session(doomed)
        eventually(lambda: doomed.state in ("LOST", "RECONNECTED", "CONNECTED")
                   and doomed.session_id != before)
        for call in (lock.check, lock.release, rlock.check, rlock.release):
            with pytest.raises(SessionLostError, match="session") as raised:
                call()
            assert isinstance(raised.value, CoordinationError)
            assert raised.value.__cause__ is None and "\tat " not in str(raised.value)
        # What the holder gave up is free for the others (ZooKeeper deleted the nodes).
        eventually(lambda: coord.Lock(name).acquire(timeout=SHORT))
        coord.Lock(name).release()
