"""The cross-language matrix (issue 4): every blocking primitive, the waiter in one language and
the waker in the other, both directions, with and without timeouts.

Python waiters and wakers are CPython ``threading.Thread``s calling jthreading's Python API;
Java ones are Java threads (io.jthreading.testkit.MatrixWorkers) calling io.jthreading's Java API.

A case goes: the waker prepares (takes the lock, the permit...) and says so; the waiter says it is
about to block and blocks; once it is observably blocked (queued on the Condition, counted by the
Barrier, or at least still not done after a while) the waker wakes it, unless the case is the one
where the waiter's timeout expires first. Both report an outcome in the same words ("True" /
"False" for woken / timed out, the Barrier index or "broken"). Every wait of the test itself is
bounded; "no timeout" waiters run on daemon threads.
"""

import threading
import time

import pytest

import jthreading
from jthreading._embedding import java_class

MatrixWorkers = java_class("io.jthreading.testkit.MatrixWorkers")
AtomicReference = java_class("java.util.concurrent.atomic.AtomicReference")
AtomicLong = java_class("java.util.concurrent.atomic.AtomicLong")

BOUND = 30     # seconds: every wait of the test threads is bounded by this
EXPIRES = 0.2  # seconds: the timeout of waiters nobody wakes in time
STILL_BLOCKED = 0.05  # seconds: how long a blocked waiter must stay blocked before it is woken

KINDS = ["Lock", "RLock", "Condition", "Condition(Lock)", "Semaphore", "BoundedSemaphore",
         "Event", "Barrier", "Thread.join"]
DIRECTIONS = ["python-waits-java-wakes", "java-waits-python-wakes"]
TIMEOUTS = ["no-timeout", "timeout-woken-in-time", "timeout-expires"]


def java_kind(kind):
    return {"Condition(Lock)": "Condition", "Thread.join": "Thread"}.get(kind, kind)


def make_primitive(kind):
    return {
        "Lock": jthreading.Lock,
        "RLock": jthreading.RLock,
        "Condition": jthreading.Condition,  # over a jthreading RLock
        "Condition(Lock)": lambda: jthreading.Condition(jthreading.Lock()),
        "Semaphore": lambda: jthreading.Semaphore(0),
        "BoundedSemaphore": lambda: jthreading.BoundedSemaphore(1),  # the waker takes the permit
        "Event": jthreading.Event,
        "Barrier": lambda: jthreading.Barrier(2),
    }[kind]()


def wait_until(predicate, what):
    """Polls observable state (never a fixed sleep) until ``predicate()``, at most BOUND s."""
    deadline = time.monotonic() + BOUND
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.001)


# ---- Python side -----------------------------------------------------------------------------

def python_wait(kind, primitive, timeout):
    """The waiter's call in Python; the outcome in the matrix's words."""
    kwargs = {} if timeout is None else {"timeout": timeout}
    if kind in ("Lock", "RLock"):
        got = primitive.acquire(**kwargs)
        if got:
            primitive.release()
        return str(got)
    if kind.startswith("Condition"):
        with primitive:
            return str(primitive.wait(**kwargs))
    if kind in ("Semaphore", "BoundedSemaphore"):
        return str(primitive.acquire(**kwargs))  # the permit stays taken
    if kind == "Event":
        return str(primitive.wait(**kwargs))
    if kind == "Barrier":
        try:
            return str(primitive.wait(**kwargs))
        except jthreading.BrokenBarrierError:
            return "broken"
    if kind == "Thread.join":
        assert primitive.join(**kwargs) is None
        return str(not primitive.is_alive())
    raise AssertionError(kind)


def python_wake(kind, primitive, prepared, go):
    """The waker in Python: prepare, say so, wait for go, wake. Returns its outcome."""
    if kind == "Lock":
        assert primitive.acquire(timeout=BOUND)
    elif kind == "RLock":
        assert primitive.acquire(timeout=BOUND)
        assert primitive.acquire(timeout=BOUND)  # held twice: waking takes both releases
    elif kind == "BoundedSemaphore":
        assert primitive.acquire(timeout=BOUND)
    prepared.set()
    assert go.wait(BOUND)
    if kind == "Lock":
        primitive.release()
    elif kind == "RLock":
        primitive.release()
        primitive.release()
    elif kind.startswith("Condition"):
        with primitive:
            primitive.notify()
    elif kind in ("Semaphore", "BoundedSemaphore"):
        primitive.release()
    elif kind == "Event":
        primitive.set()
    elif kind == "Barrier":
        try:
            return str(primitive.wait(BOUND))
        except jthreading.BrokenBarrierError:
            return "broken"
    return "woke"


class PythonThreadRun:
    """A CPython thread running ``body``; its return value (or exception text) is the outcome."""

    def __init__(self, body):
        self.outcome = None
        self.elapsed = None
        self.waiting, self.done = jthreading.Event(), jthreading.Event()
        self._body = body
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        try:
            begin = time.monotonic()
            self.outcome = self._body(self)
            self.elapsed = time.monotonic() - begin
        except BaseException as error:  # reported through the outcome
            self.outcome = f"error: {error!r}"
        finally:
            self.done.set()

    def result(self):
        return self.outcome

    def finish(self):
        self._thread.join(BOUND)
        return not self._thread.is_alive()


class PythonSide:
    name = "Python"

    def start_waiter(self, kind, primitive, timeout):
        def body(run):
            run.waiting.set()
            return python_wait(kind, primitive, timeout)
        return PythonThreadRun(body)

    def start_waker(self, kind, primitive, prepared, go):
        if kind == "Thread.join":  # the thread itself is the waker: it ends when told to
            outcome = {}

            def target():
                prepared.set()
                assert go.wait(BOUND)
                outcome["value"] = "woke"
            thread = jthreading.Thread(target=target, daemon=True)
            thread.start()
            return ThreadWaker(thread, lambda: outcome.get("value"))
        return PythonThreadRun(lambda run: python_wake(kind, primitive, prepared, go))


# ---- Java side -------------------------------------------------------------------------------

class JavaRun:
    """A Java thread of MatrixWorkers; its outcome is in a Java AtomicReference."""

    def __init__(self, thread, outcome, elapsed_nanos=None, waiting=None, done=None):
        self._thread = thread
        self._outcome = outcome
        self._elapsed_nanos = elapsed_nanos
        self.waiting, self.done = waiting, done

    def result(self):
        value = self._outcome.get()
        return None if value is None else str(value)

    @property
    def elapsed(self):
        return self._elapsed_nanos.get() / 1e9

    def finish(self):
        return MatrixWorkers.join(self._thread)


class ThreadWaker:
    """The "Thread.join" row's waker: a started jthreading.Thread that ends when told."""

    def __init__(self, thread, outcome):
        self.thread = thread
        self._outcome = outcome

    def result(self):
        value = self._outcome()
        return None if value is None else str(value)

    def finish(self):
        self.thread.join(BOUND)
        return not self.thread.is_alive()


class JavaSide:
    name = "Java"

    def start_waiter(self, kind, primitive, timeout):
        if kind == "Thread.join":
            primitive = primitive._handle  # Java joins the JThread
        nanos = MatrixWorkers.NO_TIMEOUT if timeout is None else int(timeout * 1e9)
        waiting, done = jthreading.Event(), jthreading.Event()
        outcome, elapsed = AtomicReference(), AtomicLong()
        thread = MatrixWorkers.startWaiter(java_kind(kind), primitive, nanos, waiting, outcome,
                                           elapsed, done)
        return JavaRun(thread, outcome, elapsed, waiting, done)

    def start_waker(self, kind, primitive, prepared, go):
        outcome = AtomicReference()
        if kind == "Thread.join":  # a Java target: the thread ends when the Java code returns
            body = MatrixWorkers.bodyUntil(prepared, go, outcome)
            thread = jthreading.Thread(target=body, daemon=True)
            thread.start()
            return ThreadWaker(thread, outcome.get)
        thread = MatrixWorkers.startWaker(java_kind(kind), primitive, prepared, go, outcome)
        return JavaRun(thread, outcome)


SIDES = {"python-waits-java-wakes": (PythonSide(), JavaSide()),
         "java-waits-python-wakes": (JavaSide(), PythonSide())}


# ---- Expectations ----------------------------------------------------------------------------

def woken_outcome(kind):
    return "0" if kind == "Barrier" else "True"  # the waiter arrived first at the Barrier


def expired_outcome(kind):
    return "broken" if kind == "Barrier" else "False"


def waker_outcome(kind, expired):
    if kind == "Barrier":
        return "broken" if expired else "1"  # a waiter's timeout breaks the barrier
    return "woke"


def wait_until_blocked(kind, primitive, waiter):
    """The waiter is in its blocking call: queued (Condition, Barrier) and still not done."""
    if kind.startswith("Condition"):
        wait_until(lambda: primitive.waiterCount() == 1, "the waiter is queued")
    elif kind == "Barrier":
        wait_until(lambda: primitive.n_waiting == 1, "the waiter is at the barrier")
    assert not waiter.done.wait(STILL_BLOCKED), f"the waiter did not block: {waiter.result()}"


def assert_at_rest(kind, primitive, expired):
    """Both sides are done: nobody holds or waits on the primitive any more."""
    if kind == "Lock":
        assert not primitive.locked()
    elif kind == "RLock":
        assert primitive.acquire(blocking=False)  # no other thread holds it
        primitive.release()
    elif kind.startswith("Condition"):
        assert primitive.waiterCount() == 0
        assert primitive.acquire(blocking=False)
        primitive.release()
    elif kind in ("Semaphore", "BoundedSemaphore"):
        # the waker released one permit; a waiter that was woken took it
        assert primitive._value == (1 if expired else 0)
    elif kind == "Event":
        assert primitive.is_set()
    elif kind == "Barrier":
        assert primitive.broken == expired
        assert primitive.n_waiting == 0
    elif kind == "Thread.join":
        assert not primitive.is_alive()


# ---- The matrix ------------------------------------------------------------------------------

@pytest.mark.parametrize("timeout", TIMEOUTS)
@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_waiter_woken_or_timed_out_across_languages(kind, direction, timeout):
    waiter_side, waker_side = SIDES[direction]
    primitive = None if kind == "Thread.join" else make_primitive(kind)
    prepared, go = jthreading.Event(), jthreading.Event()

    waker = waker_side.start_waker(kind, primitive, prepared, go)
    assert prepared.wait(BOUND), f"the {waker_side.name} waker did not get ready"
    if kind == "Thread.join":
        primitive = waker.thread
    wait_timeout = {"no-timeout": None, "timeout-woken-in-time": BOUND,
                    "timeout-expires": EXPIRES}[timeout]
    waiter = waiter_side.start_waiter(kind, primitive, wait_timeout)
    assert waiter.waiting.wait(BOUND), f"the {waiter_side.name} waiter did not start"

    expired = timeout == "timeout-expires"
    if expired:
        assert waiter.done.wait(BOUND), "the timeout did not end the wait"
        assert waiter.result() == expired_outcome(kind)
        assert waiter.elapsed >= EXPIRES - 0.02, "the wait ended before its timeout"
        go.set()  # now the waker does its part; it must find what the timeout left
    else:
        wait_until_blocked(kind, primitive, waiter)
        go.set()
        assert waiter.done.wait(BOUND), f"the {waker_side.name} waker did not wake the waiter"
        assert waiter.result() == woken_outcome(kind)
    assert waker.finish() and waiter.finish()
    assert waker.result() == waker_outcome(kind, expired)
    assert_at_rest(kind, primitive, expired)


# ---- Around the matrix -----------------------------------------------------------------------

@pytest.mark.parametrize("direction", DIRECTIONS)
def test_condition_notify_n_wakes_that_many_waiters_of_the_other_language(direction):
    """notify(2) with three waiters of the other language wakes exactly two (FIFO, as CPython)."""
    waiter_side, _ = SIDES[direction]
    condition = jthreading.Condition()
    waiters = []
    for expected_queue_length in (1, 2, 3):
        waiter = waiter_side.start_waiter("Condition", condition, BOUND)
        assert waiter.waiting.wait(BOUND)
        wait_until(lambda: condition.waiterCount() == expected_queue_length, "queued")
        waiters.append(waiter)
    if direction == "python-waits-java-wakes":
        assert MatrixWorkers.join(MatrixWorkers.startNotifier(condition, 2))
    else:
        with condition:
            condition.notify(2)
    assert waiters[0].done.wait(BOUND) and waiters[1].done.wait(BOUND)
    assert not waiters[2].done.wait(STILL_BLOCKED)
    assert condition.waiterCount() == 1
    with condition:
        condition.notify_all()
    assert waiters[2].done.wait(BOUND)
    assert [w.result() for w in waiters] == ["True", "True", "True"]
    assert all(w.finish() for w in waiters)


def test_python_joins_a_thread_that_java_made_and_started():
    """A JThread is Python's Thread: one Java made and started is joinable from Python through
    the thread object jthreading.enumerate() gives for it (not a CPython-style dummy)."""
    prepared, go, outcome = jthreading.Event(), jthreading.Event(), AtomicReference()
    handle = MatrixWorkers.newJThreadUntil("java-made", prepared, go, outcome)
    assert MatrixWorkers.startFromJava(handle) is None
    assert prepared.wait(BOUND)
    [thread] = [t for t in jthreading.enumerate() if t.ident == handle.ident()]
    assert thread.name == "java-made" and thread.is_alive()
    thread.join(EXPIRES)
    assert thread.is_alive()
    go.set()
    thread.join(BOUND)
    assert not thread.is_alive()
    assert outcome.get() == "woke"
