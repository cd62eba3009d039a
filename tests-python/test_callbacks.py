"""Callbacks across languages (issue 4): Python callables run, on the right thread, when Java
threads trigger them (a Barrier action, a Thread target, a Timer function, a wait_for predicate,
the excepthook); Java callables (Runnables) run when Python triggers them."""

import threading
import time

import pytest

import jthreading
from jthreading import _callbacks
from jthreading._embedding import java_class
from thread_starts import start_and_join

MatrixWorkers = java_class("io.jthreading.testkit.MatrixWorkers")
JavaWorkers = java_class("io.jthreading.testkit.JavaWorkers")
JavaThread = java_class("java.lang.Thread")
AtomicReference = java_class("java.util.concurrent.atomic.AtomicReference")
AtomicLong = java_class("java.util.concurrent.atomic.AtomicLong")
AtomicInteger = java_class("java.util.concurrent.atomic.AtomicInteger")
JavaArrayList = java_class("java.util.ArrayList")

BOUND = 30  # seconds: every wait in these tests is bounded


def wait_until(predicate, what):
    """Polls observable state (never a fixed sleep) until ``predicate()``, at most BOUND s."""
    deadline = time.monotonic() + BOUND
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.001)


def where_am_i():
    """The calling thread: its ident (the same in both languages) and its Java name."""
    return jthreading.get_ident(), str(JavaThread.currentThread().getName())


def start_python(function, *args):
    """A CPython thread running ``function(*args)``; its result or exception lands in ``box``."""
    box = {}

    def run():
        try:
            box["result"] = function(*args)
        except BaseException as error:
            box["error"] = error
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, box


def start_java_barrier_party(barrier):
    """A Java thread waiting (bounded) at ``barrier``; outcome: index, "broken" or "error: ..."."""
    outcome, go = AtomicReference(), jthreading.Event()
    go.set()
    thread = MatrixWorkers.startWaker("Barrier", barrier, jthreading.Event(), go, outcome)
    return thread, outcome


# ---- Python callables, Java threads ----------------------------------------------------------

def test_python_barrier_action_runs_on_the_java_thread_that_arrives_last():
    ran = []
    barrier = jthreading.Barrier(2, action=lambda: ran.append(where_am_i()))
    python_party, box = start_python(barrier.wait, BOUND)
    wait_until(lambda: barrier.n_waiting == 1, "the Python party waits")
    java_party, outcome = start_java_barrier_party(barrier)
    assert MatrixWorkers.join(java_party)
    python_party.join(BOUND)
    assert str(outcome.get()) == "1" and box == {"result": 0}
    assert ran == [(MatrixWorkers.identOf(java_party), "java-matrix-waker")]
    assert not barrier.broken


def test_python_barrier_action_that_raises_on_a_java_thread_breaks_the_barrier():
    def action():
        raise ValueError("action failed")
    barrier = jthreading.Barrier(2, action=action)
    python_party, box = start_python(barrier.wait, BOUND)
    wait_until(lambda: barrier.n_waiting == 1, "the Python party waits")
    java_party, outcome = start_java_barrier_party(barrier)
    assert MatrixWorkers.join(java_party)
    python_party.join(BOUND)
    # As CPython: the thread that ran the action gets its error, the others BrokenBarrierError.
    assert str(outcome.get()).startswith("error:") and "action failed" in str(outcome.get())
    assert isinstance(box.get("error"), jthreading.BrokenBarrierError)
    assert barrier.broken


@pytest.mark.parametrize("started_from", ["Python", "Java"])
def test_python_thread_target_runs_on_its_own_thread_whoever_starts_it(started_from):
    calls = []

    def target(*args, **kwargs):
        calls.append((jthreading.current_thread(), where_am_i(), args, kwargs))

    thread = jthreading.Thread(target=target, name="target-thread", args=(1, "two"),
                               kwargs={"three": 3})
    start_and_join(thread, from_java=started_from != "Python")
    assert calls == [(thread, (thread.ident, "target-thread"), (1, "two"), {"three": 3})]
    assert thread.ident != jthreading.get_ident()


def test_python_timer_started_from_java_calls_its_function_on_the_timer_thread():
    calls, called = [], jthreading.Event()

    def function(*args, **kwargs):
        calls.append((jthreading.current_thread(), jthreading.get_ident(), args, kwargs))
        called.set()

    timer = jthreading.Timer(0.01, function, args=["a"], kwargs={"b": 2})
    assert MatrixWorkers.startFromJava(timer._handle) is None
    assert called.wait(BOUND)
    timer.join(BOUND)
    assert not timer.is_alive()
    assert calls == [(timer, timer.ident, ("a",), {"b": 2})]
    assert timer.finished.is_set()


def test_python_timer_started_from_java_and_cancelled_from_java_never_calls():
    calls = []
    timer = jthreading.Timer(BOUND, calls.append, args=["called"])
    assert MatrixWorkers.startFromJava(timer._handle) is None
    ready = jthreading.Event()
    canceller = JavaWorkers.startSetterAfter(ready, timer.finished)  # Timer.cancel() in Java
    ready.set()
    assert JavaWorkers.join(canceller)
    timer.join(BOUND)
    assert not timer.is_alive()
    assert calls == []


@pytest.mark.parametrize("truthy", [True, 1, ["non-empty"]], ids=["True", "1", "list"])
def test_wait_for_predicate_in_python_runs_on_the_java_waiter(truthy):
    condition = jthreading.Condition()
    state = {"value": False}
    ran_on = []

    def predicate():
        ran_on.append(jthreading.get_ident())
        return state["value"]

    started, result = jthreading.Event(), AtomicReference()
    waiter = MatrixWorkers.startPredicateWaiter(condition, _callbacks.register(predicate),
                                                started, result)
    assert started.wait(BOUND)
    wait_until(lambda: condition.waiterCount() == 1, "the predicate was false and Java waits")
    with condition:
        state["value"] = truthy
        condition.notify_all()
    assert MatrixWorkers.join(waiter)
    assert str(result.get()) == "True"
    assert len(ran_on) >= 2  # false first, then true after the notify
    assert set(ran_on) == {MatrixWorkers.identOf(waiter)}


def test_excepthook_gets_the_thread_when_a_target_started_from_java_raises():
    seen = []

    def hook(args):
        seen.append((args.thread, args.exc_type, str(args.exc_value), jthreading.get_ident()))

    def target():
        raise ValueError("raised in the target")

    original = jthreading.excepthook
    jthreading.excepthook = hook
    try:
        thread = jthreading.Thread(target=target)
        assert MatrixWorkers.startFromJava(thread._handle) is None
        thread.join(BOUND)
    finally:
        jthreading.excepthook = original
    assert not thread.is_alive()
    assert seen == [(thread, ValueError, "raised in the target", thread.ident)]


def test_python_callable_runs_on_a_plain_java_thread():
    ran, failure = [], AtomicReference()
    runner = MatrixWorkers.startRunner(_callbacks.register(lambda: ran.append(where_am_i())),
                                       failure)
    assert MatrixWorkers.join(runner)
    assert failure.get() is None
    assert ran == [(MatrixWorkers.identOf(runner), "java-runner")]


def test_python_callable_raising_on_a_plain_java_thread_raises_in_java():
    def fails():
        raise KeyError("no such thing")
    failure = AtomicReference()
    runner = MatrixWorkers.startRunner(_callbacks.register(fails), failure)
    assert MatrixWorkers.join(runner)
    assert "no such thing" in str(failure.get())


# ---- Java callables, Python threads ----------------------------------------------------------

@pytest.mark.parametrize("started_from", ["Python", "Java"])
def test_java_runnable_as_thread_target(started_from):
    ident, java_name = AtomicLong(), AtomicReference()
    thread = jthreading.Thread(target=MatrixWorkers.identRecorder(ident, java_name),
                               name="java-runnable-target")
    start_and_join(thread, from_java=started_from != "Python")
    assert ident.get() == thread.ident
    assert str(java_name.get()) == "java-runnable-target"


def test_java_runnable_as_barrier_action_runs_on_the_python_thread_that_arrives_last():
    runs, ran_on = AtomicInteger(), AtomicLong()
    barrier = MatrixWorkers.barrierWithJavaAction(3, runs, ran_on)  # made in Java
    assert isinstance(barrier, jthreading.Barrier)
    for round_number in (1, 2):  # the barrier refills: the action runs once per round
        parties = [start_python(lambda: (barrier.wait(BOUND), jthreading.get_ident()))
                   for _ in range(3)]
        for thread, _ in parties:
            thread.join(BOUND)
        results = [box["result"] for _, box in parties]
        assert sorted(index for index, _ in results) == [0, 1, 2]
        [last] = [ident for index, ident in results if index == 2]
        assert runs.get() == round_number
        assert ran_on.get() == last
    assert not barrier.broken


# ---- A Python target has all of Jep ----------------------------------------------------------

def use_jep():
    """What only a thread with a Jep interpreter of its own can do (elsewhere: "No Jep instance
    available on current thread"): load a class through Jep's class loader, hand Java a Python
    object and a Python callable (a java.util.function.Supplier, which Java calls right here)."""
    import jep

    objects = jep.forName("java.util.Objects")
    held = JavaArrayList()
    held.add(where_am_i)
    return tuple(objects.requireNonNullElseGet(None, held.get(0)))


@pytest.mark.parametrize("started_from", ["Python", "Java"])
def test_a_thread_target_has_a_jep_interpreter_of_its_own(started_from):
    box = {}

    def target():
        box["seen"] = use_jep()
    thread = jthreading.Thread(target=target, name="full-jep")
    start_and_join(thread, from_java=started_from != "Python")
    assert box["seen"] == (thread.ident, "full-jep")


def test_a_plain_threading_thread_has_none():
    # The contrast that keeps a jthreading.Thread on a Java thread attached through Jep, rather
    # than on a thread CPython starts.
    thread, box = start_python(use_jep)
    thread.join(BOUND)
    assert "No Jep instance" in str(box.get("error"))
