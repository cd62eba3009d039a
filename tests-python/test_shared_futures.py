"""Futures and executors shared with Java (issue 11, point 4; jthreading.futures).

Python's concurrent.futures.Future seen from Java as a CompletableFuture and the reverse,
completed, failed and cancelled on Python threads, jthreading Threads and Java threads; timeouts
on both sides; a Java ExecutorService as a concurrent.futures.Executor and a Python
ThreadPoolExecutor as a Java ExecutorService, with exact counts; identity of values and
exceptions; handles released after many futures. CPython is the oracle for the Python side,
java.util.concurrent's contracts for the Java side. Every wait is bounded; no sleep synchronises.
"""

import _thread
import collections
import concurrent.futures
import gc
import logging
import sys
import threading
import time
from concurrent.futures import CancelledError, Future, InvalidStateError, ThreadPoolExecutor

import pytest

import jthreading
from jthreading import _callbacks, _handles, futures
from jthreading._embedding import java_class

FutureWorkers = java_class("io.jthreading.testkit.FutureWorkers")
MatrixWorkers = java_class("io.jthreading.testkit.MatrixWorkers")
CompletableFuture = java_class("java.util.concurrent.CompletableFuture")
Executors = java_class("java.util.concurrent.Executors")
ExecutionException = java_class("java.util.concurrent.ExecutionException")
RejectedExecutionException = java_class("java.util.concurrent.RejectedExecutionException")
TimeUnit = java_class("java.util.concurrent.TimeUnit")
AtomicReference = java_class("java.util.concurrent.atomic.AtomicReference")
AtomicInteger = java_class("java.util.concurrent.atomic.AtomicInteger")
JavaThread = java_class("java.lang.Thread")
JavaSystem = java_class("java.lang.System")
Throwable = java_class("java.lang.Throwable")
IllegalArgumentException = java_class("java.lang.IllegalArgumentException")
IllegalStateException = java_class("java.lang.IllegalStateException")
UnsupportedOperationException = java_class("java.lang.UnsupportedOperationException")
IOException = java_class("java.io.IOException")
PythonException = java_class("io.jthreading.python.PythonException")
PythonBackedFuture = java_class("io.jthreading.python.PythonBackedFuture")
PythonExecutor = java_class("io.jthreading.python.PythonExecutor")
PythonFutures = java_class("io.jthreading.python.PythonFutures")

BOUND = 30  # seconds: every wait here is bounded
BOUND_NS = BOUND * 10**9
SHORT = 0.05  # seconds: a wait that must time out


class Payload:
    pass


# ---- Threads of each kind -------------------------------------------------------------------

THREAD_KINDS = ["main", "threading.Thread", "_thread", "jthreading.Thread", "Java thread"]


def run_on(kind, function):
    """Runs ``function()`` on a thread of ``kind`` and waits (bounded); returns its result."""
    if kind == "main":
        return function()
    box, done = {}, jthreading.Event()

    def body():
        try:
            box["result"] = function()
        except BaseException as error:
            box["error"] = error
        finally:
            done.set()
    if kind == "threading.Thread":
        threading.Thread(target=body, daemon=True).start()
    elif kind == "_thread":
        _thread.start_new_thread(body, ())
    elif kind == "jthreading.Thread":
        jthreading.Thread(target=body, daemon=True).start()
    else:
        MatrixWorkers.startRunner(_callbacks.register(body), AtomicReference())
    assert done.wait(BOUND), f"the {kind} never finished"
    if "error" in box:
        raise box["error"]
    return box.get("result")


def java_get(java_future, timeout_ns=BOUND_NS):
    """``java_future.get`` on a Java thread: the value, the cause, "timeout" or "cancelled"."""
    waiting, done, outcome = jthreading.Event(), jthreading.Event(), AtomicReference()
    FutureWorkers.startGetter(java_future, timeout_ns, waiting, outcome, done)
    assert done.wait(BOUND)
    return outcome.get()


def java_cancel(java_future):
    """``java_future.cancel(true)`` on a Java thread; what it returned."""
    result = AtomicReference()
    assert MatrixWorkers.join(FutureWorkers.startCanceller(java_future, result))
    return result.get()


def java_exception_of(error):
    """The Java exception behind a Python exception a Java future failed with."""
    if error.args and isinstance(error.args[0], Throwable):
        return error.args[0]
    return error.__cause__.args[0]


# ---- Python futures seen from Java (to_java) ------------------------------------------------

def test_to_java_gives_a_completable_future_that_follows_the_python_future():
    fut = Future()
    java = futures.to_java(fut)
    assert isinstance(java, CompletableFuture) and isinstance(java, PythonBackedFuture)
    assert not java.isDone()
    fut.set_running_or_notify_cancel()
    assert not java.isDone()  # RUNNING has no Java twin
    assert java_get(java, 10**6) == "timeout"  # Java's own timeout: TimeoutException
    fut.set_result(None)
    assert java.isDone() and java_get(java) is None  # None crosses as null


@pytest.mark.parametrize("kind", THREAD_KINDS)
def test_a_python_future_completed_on_any_thread_wakes_a_java_waiter(kind):
    fut, value = Future(), Payload()
    java = futures.to_java(fut)
    waiting, done, outcome = jthreading.Event(), jthreading.Event(), AtomicReference()
    FutureWorkers.startGetter(java, BOUND_NS, waiting, outcome, done)
    assert waiting.wait(BOUND)
    run_on(kind, lambda: fut.set_result(value))
    assert done.wait(BOUND)
    assert _handles.from_java(outcome.get()) is value  # identity across the border


@pytest.mark.parametrize("kind", THREAD_KINDS)
def test_a_python_failure_is_the_cause_of_javas_execution_exception(kind):
    fut, error = Future(), ValueError("msg")
    java = futures.to_java(fut)
    run_on(kind, lambda: fut.set_exception(error))
    cause = java_get(java)
    assert isinstance(cause, PythonException)
    assert str(cause.getMessage()) == "ValueError: msg"
    assert _handles.from_java(cause.pythonException()) is error
    assert str(FutureWorkers.getThrows(java)) == "java.util.concurrent.ExecutionException"
    assert len(cause.getStackTrace()) == 0  # no Java stack trace: the stack is Python's


class CustomError(Exception):
    pass


@pytest.mark.parametrize("error, message", [
    (KeyError("k"), "KeyError: 'k'"),
    (ValueError(), "ValueError"),
    (concurrent.futures.CancelledError("x"), "concurrent.futures._base.CancelledError: x"),
    (CustomError("mine"), f"{__name__}.CustomError: mine"),
], ids=["KeyError", "empty", "module", "local"])
def test_the_python_exceptions_message_is_its_last_traceback_line(error, message):
    import traceback
    assert traceback.format_exception_only(type(error), error)[-1].strip() == message  # oracle
    fut = Future()
    java = futures.to_java(fut)
    fut.set_exception(error)
    assert str(java_get(java).getMessage()) == message


def test_a_python_exception_that_came_from_java_keeps_the_java_exception_as_cause():
    fut, java_error = Future(), IllegalStateException("from Java")
    java = futures.to_java(fut)
    fut.set_exception(RuntimeError(java_error))
    cause = java_get(java)
    assert isinstance(cause, PythonException)
    assert cause.getCause().equals(java_error)


@pytest.mark.parametrize("kind", THREAD_KINDS)
def test_a_python_cancel_cancels_the_java_future(kind):
    fut = Future()
    java = futures.to_java(fut)
    assert run_on(kind, fut.cancel) is True
    assert java.isCancelled()
    assert java_get(java) == "cancelled"
    assert str(FutureWorkers.getThrows(java)) == "java.util.concurrent.CancellationException"


def test_java_cancels_a_pending_python_future():
    fut = Future()
    java = futures.to_java(fut)
    assert java_cancel(java) is True
    assert fut.cancelled() and java.isCancelled()
    assert fut.set_running_or_notify_cancel() is False  # an executor would not run it


def test_java_cannot_cancel_a_running_python_future_which_stays_incomplete():
    fut = Future()
    java = futures.to_java(fut)
    assert fut.set_running_or_notify_cancel()
    assert java_cancel(java) is False
    assert not java.isDone() and not java.isCancelled() and fut.running()
    value = Payload()
    fut.set_result(value)
    assert _handles.from_java(java_get(java)) is value


def test_java_cannot_cancel_a_finished_python_future():
    fut = Future()
    java = futures.to_java(fut)
    fut.set_result(1)
    assert java_cancel(java) is False
    assert not fut.cancelled() and _handles.from_java(java.get()) == 1


def test_java_objects_cross_as_themselves_and_python_objects_come_back_identical():
    lock, big = jthreading.Lock(), 10**40
    for value in (lock, big, "text", (1, 2)):
        fut = Future()
        java = futures.to_java(fut)
        fut.set_result(value)
        assert _handles.from_java(java_get(java)) is value


def test_java_reads_plain_python_values_through_python_futures_value():
    payload = Payload()
    for value in (True, 42, -(1 << 63), 1.5, "text"):
        assert PythonFutures.value(_handles.to_java(value)) == value
    for value in (1 << 63, payload, [1]):
        handle = _handles.to_java(value)
        assert PythonFutures.value(handle).equals(handle)  # not plain: the handle itself
    lock = jthreading.Lock()
    assert PythonFutures.value(lock) is lock and PythonFutures.value(None) is None


def test_a_done_python_future_gives_a_done_java_future():
    fut = Future()
    fut.set_result(5)
    assert futures.to_java(fut).isDone()


def test_when_complete_runs_once():
    fut, calls = Future(), AtomicInteger()
    java = futures.to_java(fut)
    FutureWorkers.countCompletions(java, calls)
    fut.set_result(1)
    with pytest.raises(InvalidStateError):
        fut.set_result(2)  # CPython's state machine refuses a second result
    assert java.complete("by hand") is False  # Java's refuses a second completion
    assert calls.get() == 1


@pytest.mark.parametrize("kind", THREAD_KINDS)
def test_futures_cross_from_any_thread(kind):
    fut, java = Future(), CompletableFuture()
    to_java, from_java = run_on(kind, lambda: (futures.to_java(fut), futures.from_java(java)))
    run_on(kind, lambda: (fut.set_result("python"), java.complete("java")))
    assert _handles.from_java(java_get(to_java)) == "python"
    assert from_java.result(BOUND) == "java"


def test_a_java_future_settled_by_hand_in_python_keeps_that_outcome():
    java = CompletableFuture()
    fut = futures.from_java(java)
    fut.set_result("by hand")  # Executor-only API, but CPython allows it
    java.complete("from Java")
    assert fut.result(BOUND) == "by hand"


def test_round_trips_give_the_original_future_back():
    fut = Future()
    assert futures.from_java(futures.to_java(fut)) is fut
    java = CompletableFuture()
    assert futures.to_java(futures.from_java(java)).equals(java)


def test_to_java_refuses_what_is_not_a_future():
    with pytest.raises(TypeError, match="concurrent.futures.Future"):
        futures.to_java(object())


# ---- Java futures seen from Python (from_java) ----------------------------------------------

@pytest.mark.parametrize("kind", THREAD_KINDS)
def test_a_java_future_completed_on_any_thread_wakes_a_python_waiter(kind):
    java, value = CompletableFuture(), jthreading.Event()
    fut = futures.from_java(java)
    assert isinstance(fut, Future) and not fut.done() and not fut.running()
    waiter_box = {}
    waiter = jthreading.Thread(target=lambda: waiter_box.update(result=fut.result(BOUND)))
    waiter.start()
    run_on(kind, lambda: java.complete(value))
    waiter.join(BOUND)
    assert waiter_box["result"] is value


def test_a_java_thread_completing_a_java_future_runs_the_python_done_callbacks():
    java, go, ran_on = CompletableFuture(), jthreading.Event(), []
    fut = futures.from_java(java)
    fut.add_done_callback(lambda f: ran_on.append(str(JavaThread.currentThread().getName())))
    completer = FutureWorkers.startCompleter(java, "done", go)
    go.set()
    assert MatrixWorkers.join(completer)
    assert fut.result(BOUND) == "done"
    assert ran_on == ["java-completer"]  # as CPython: on the thread that completes it


@pytest.mark.parametrize("java_error, python_type", [
    (IllegalArgumentException("bad value"), ValueError),
    (IllegalStateException("bad state"), RuntimeError),
    (UnsupportedOperationException("nope"), RuntimeError),
    (IOException("disk"), OSError),
], ids=lambda item: type(item).__name__ if not isinstance(item, type) else item.__name__)
def test_a_java_failure_is_the_python_exception_jthreading_maps_it_to(java_error, python_type):
    java, go = CompletableFuture(), jthreading.Event()
    fut = futures.from_java(java)
    failer = FutureWorkers.startFailer(java, java_error, go)
    go.set()
    assert MatrixWorkers.join(failer)
    error = fut.exception(BOUND)
    assert type(error) is python_type
    assert java_exception_of(error).equals(java_error)
    with pytest.raises(python_type):
        fut.result(BOUND)


def test_a_mapped_java_failure_carries_the_java_message():
    java = CompletableFuture()
    fut = futures.from_java(java)
    java.completeExceptionally(IllegalArgumentException("bad value"))
    assert str(fut.exception(BOUND)) == "bad value"


@pytest.mark.parametrize("kind", THREAD_KINDS)
def test_a_python_exception_comes_back_from_java_as_the_same_object(kind):
    fut, error = Future(), KeyError("same")
    dependent = futures.to_java(fut).thenApply(java_class("java.util.function.Function").identity())
    back = futures.from_java(dependent)  # a plain CompletableFuture failed with PythonException
    run_on(kind, lambda: fut.set_exception(error))
    assert back.exception(BOUND) is error


def test_java_cancels_a_java_future_and_python_sees_it_cancelled():
    java = CompletableFuture()
    fut = futures.from_java(java)
    assert java_cancel(java) is True
    assert fut.cancelled()
    with pytest.raises(CancelledError):
        fut.result(BOUND)


@pytest.mark.parametrize("kind", THREAD_KINDS)
def test_a_python_cancel_cancels_the_java_future_it_follows(kind):
    java = CompletableFuture()
    fut = futures.from_java(java)
    assert run_on(kind, fut.cancel) is True
    assert java.isCancelled() and fut.cancelled()


def test_python_cannot_cancel_a_completed_java_future():
    java = CompletableFuture()
    fut = futures.from_java(java)
    java.complete(1)
    assert fut.cancel() is False
    assert fut.result(BOUND) == 1


def test_python_timeouts_are_the_running_versions_timeout_error():
    fut = futures.from_java(CompletableFuture())
    with pytest.raises(concurrent.futures.TimeoutError) as raised:
        fut.result(SHORT)
    assert type(raised.value) is concurrent.futures.TimeoutError
    with pytest.raises(concurrent.futures.TimeoutError):
        fut.exception(SHORT)
    if sys.version_info >= (3, 11):
        assert concurrent.futures.TimeoutError is TimeoutError
    else:
        assert concurrent.futures.TimeoutError is not TimeoutError


def test_wait_and_as_completed_work_on_java_futures():
    javas = [CompletableFuture() for _ in range(3)]
    futs = [futures.from_java(java) for java in javas]
    javas[1].complete("second")
    done, not_done = concurrent.futures.wait(futs, BOUND, concurrent.futures.FIRST_COMPLETED)
    assert done == {futs[1]} and not_done == {futs[0], futs[2]}
    javas[2].complete("third")
    javas[0].complete("first")
    assert sorted(f.result() for f in concurrent.futures.as_completed(futs, BOUND)) == [
        "first", "second", "third"]


def test_done_callbacks_run_once_and_their_exceptions_are_logged_as_cpython_does(caplog):
    java, calls = CompletableFuture(), []
    fut = futures.from_java(java)

    def fails(_):
        raise KeyError("in a callback")
    fut.add_done_callback(calls.append)
    fut.add_done_callback(fails)
    fut.add_done_callback(calls.append)
    with caplog.at_level(logging.ERROR, logger="concurrent.futures"):
        go = jthreading.Event()
        completer = FutureWorkers.startCompleter(java, 1, go)
        go.set()
        assert MatrixWorkers.join(completer)
    assert calls == [fut, fut]
    [record] = [r for r in caplog.records if r.name == "concurrent.futures"]
    assert record.getMessage().startswith("exception calling callback for <JavaBackedFuture")
    assert record.exc_info[0] is KeyError


def test_a_plain_java_future_is_followed_by_a_waiting_thread():
    task, go = FutureWorkers.plainFuture("plain"), jthreading.Event()
    fut = futures.from_java(task)
    assert not fut.done()
    runner = FutureWorkers.startRunner(task, go)
    go.set()
    assert MatrixWorkers.join(runner)
    assert fut.result(BOUND) == "plain"


def test_a_plain_java_future_that_fails_or_is_cancelled():
    task, go = FutureWorkers.failingPlainFuture(IllegalArgumentException("plain")), jthreading.Event()
    fut = futures.from_java(task)
    FutureWorkers.startRunner(task, go)
    go.set()
    error = fut.exception(BOUND)
    assert type(error) is ValueError and str(error) == "plain"
    pending = FutureWorkers.plainFuture("never")
    fut = futures.from_java(pending)
    assert fut.cancel() is True
    assert pending.isCancelled() and fut.cancelled()


def test_a_python_cancel_never_interrupts_the_java_thread_running_the_task():
    started, release, ending = jthreading.Event(), jthreading.Event(), AtomicReference()
    task = FutureWorkers.blockingPlainFuture(started, release, ending)
    fut = futures.from_java(task)
    go = jthreading.Event()
    runner = FutureWorkers.startRunner(task, go)
    go.set()
    assert started.wait(BOUND)
    assert fut.cancel() is True  # Java's FutureTask.cancel decides: true while running
    assert fut.cancelled() and task.isCancelled()
    release.set()
    assert MatrixWorkers.join(runner)
    assert ending.get() == "released"  # as CPython's cancel, no interrupt


def test_asyncio_awaits_java_futures_and_runs_calls_on_a_java_executor():
    import asyncio

    async def main():
        java = CompletableFuture()
        awaited = asyncio.wrap_future(futures.from_java(java))
        asyncio.get_running_loop().call_soon(java.complete, "from Java")
        first = await asyncio.wait_for(awaited, BOUND)
        with futures.JavaExecutor(Executors.newFixedThreadPool(2)) as executor:
            second = await asyncio.get_running_loop().run_in_executor(executor, sum, [1, 2, 3])
        return first, second
    assert asyncio.run(main()) == ("from Java", 6)


def test_a_done_plain_java_future_is_settled_at_once():
    task = FutureWorkers.plainFuture(7)
    task.run()
    assert futures.from_java(task).done()


def test_from_java_refuses_what_is_not_a_java_future():
    with pytest.raises(TypeError, match="java.util.concurrent.Future"):
        futures.from_java(Future())


# ---- A Java ExecutorService for Python code (JavaExecutor) ----------------------------------

def test_a_java_executor_runs_every_python_call_exactly_once():
    # Its threads stay attached: 1,000 calls on threads that attach per call would each pay a
    # full collection without the native glue (see FutureWorkers.startSubmitters).
    service = FutureWorkers.attachedThreadPool(4)
    counts, ran_on, lock = collections.Counter(), set(), threading.Lock()

    def task(i):
        with lock:
            counts[i] += 1
            ran_on.add(str(JavaThread.currentThread().getName()))
        return i * i
    per_kind, kinds = 250, ["main", "threading.Thread", "jthreading.Thread", "Java thread"]
    with futures.JavaExecutor(service) as executor:
        assert isinstance(executor, concurrent.futures.Executor)
        submitted = {}
        for k, kind in enumerate(kinds):
            numbers = range(k * per_kind, (k + 1) * per_kind)
            submitted[kind] = run_on(kind, lambda numbers=numbers: [
                (i, executor.submit(task, i)) for i in numbers])
        for kind, pairs in submitted.items():
            for i, fut in pairs:
                assert fut.result(BOUND) == i * i
    assert counts == collections.Counter(range(len(kinds) * per_kind))
    assert all(name.startswith("pool-") for name in ran_on)
    assert service.isTerminated()  # the with block waited for termination


def test_a_java_executors_futures_move_through_cpythons_states():
    service = Executors.newSingleThreadExecutor()
    started, release = jthreading.Event(), jthreading.Event()
    with futures.JavaExecutor(service) as executor:
        first = executor.submit(lambda: (started.set(), release.wait(BOUND))[1])
        queued = executor.submit(str, "queued")
        assert started.wait(BOUND)
        assert first.running() and first.cancel() is False  # running: CPython refuses
        assert queued.cancel() is True  # pending: cancelled, never runs
        release.set()
        assert first.result(BOUND) is True
    assert queued.cancelled()


def test_a_python_exception_in_a_java_executor_is_the_same_object():
    error = ArithmeticError("same")

    def fails():
        raise error
    with futures.JavaExecutor(Executors.newFixedThreadPool(2)) as executor:
        assert executor.submit(fails).exception(BOUND) is error


def test_map_keeps_the_order_of_its_arguments():
    gates = [jthreading.Event() for _ in range(8)]

    def job(i):
        assert gates[i].wait(BOUND)
        return i * 10
    with futures.JavaExecutor(Executors.newFixedThreadPool(8)) as executor:
        results = executor.map(job, range(8))
        for gate in reversed(gates):  # finish last-first
            gate.set()
        assert list(results) == [i * 10 for i in range(8)]


def test_map_times_out_as_cpython_and_cancels_what_did_not_start():
    release, runs = jthreading.Event(), AtomicInteger()

    def job(i):
        runs.incrementAndGet()
        return release.wait(BOUND)
    with futures.JavaExecutor(Executors.newSingleThreadExecutor()) as executor:
        results = executor.map(job, range(5), timeout=SHORT)
        with pytest.raises(concurrent.futures.TimeoutError):
            next(results)
        release.set()
    assert runs.get() == 1  # the other four were cancelled before they started


def test_shutdown_with_cancel_futures_cancels_the_pending_calls():
    service = Executors.newSingleThreadExecutor()
    executor = futures.JavaExecutor(service)
    started, release = jthreading.Event(), jthreading.Event()
    first = executor.submit(lambda: (started.set(), release.wait(BOUND))[1])
    assert started.wait(BOUND)
    rest = [executor.submit(int, i) for i in range(10)]
    executor.shutdown(wait=False, cancel_futures=True)
    assert all(fut.cancelled() for fut in rest)
    assert first.running()
    with pytest.raises(RuntimeError, match="^cannot schedule new futures after shutdown$"):
        executor.submit(int)
    release.set()
    assert first.result(BOUND) is True
    executor.shutdown(wait=True)
    assert service.isTerminated()


def test_a_java_executor_shut_down_by_java_refuses_as_cpython():
    service = Executors.newFixedThreadPool(1)
    executor = futures.JavaExecutor(service)
    service.shutdown()
    with pytest.raises(RuntimeError, match="^cannot schedule new futures after shutdown$"):
        executor.submit(int)


def test_java_executor_refuses_what_is_not_an_executor_service():
    with pytest.raises(TypeError, match="ExecutorService"):
        futures.JavaExecutor(ThreadPoolExecutor(1))


# ---- A Python executor for Java code (PythonExecutor) ---------------------------------------

@pytest.fixture
def python_pool():
    pools = []

    def make(workers):
        pool = ThreadPoolExecutor(workers)
        pools.append(pool)
        return pool, futures.executor_to_java(pool)
    yield make
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


def test_a_python_thread_pool_runs_every_java_task_exactly_once(python_pool):
    pool, service = python_pool(4)
    assert isinstance(service, PythonExecutor)
    runs, total, failures = AtomicInteger(), AtomicReference(), AtomicReference()
    submitters = FutureWorkers.startSubmitters(service, 4, 250, runs, total, failures)
    assert all(MatrixWorkers.join(thread) for thread in submitters)
    assert failures.get() is None, str(failures.get().toString())
    assert runs.get() == 1000
    assert total.get() == sum(range(1, 1001))  # each run number exactly once


def test_java_threads_not_attached_to_python_submit_to_a_python_pool(python_pool):
    """Each submission from such a thread attaches to Python and closes: few of them (without
    the native glue each close is a full collection of the whole heap: see startSubmitters)."""
    pool, service = python_pool(2)
    runs, total, failures = AtomicInteger(), AtomicReference(), AtomicReference()
    submitters = FutureWorkers.startSubmitters(service, 2, 10, False, runs, total, failures)
    assert all(MatrixWorkers.join(thread) for thread in submitters)
    assert failures.get() is None, str(failures.get().toString())
    assert runs.get() == 20 and total.get() == sum(range(1, 21))


def test_java_submitters_pay_no_full_collection_per_submission(python_pool):
    """Regression (flaky exactly-once test under JTHREADING_NATIVE=0): the submitters of the
    tests above stay attached, so their time does not grow with what earlier tests left on the
    heap. A submitter that attached per call collected once per submission (200 here)."""
    pool, service = python_pool(2)
    runs, total, failures = AtomicInteger(), AtomicReference(), AtomicReference()
    full_collections = []

    def count(phase, info):
        if phase == "stop" and info["generation"] == 2:
            full_collections.append(1)
    gc.callbacks.append(count)
    try:
        submitters = FutureWorkers.startSubmitters(service, 1, 200, runs, total, failures)
        assert all(MatrixWorkers.join(thread) for thread in submitters)
    finally:
        gc.callbacks.remove(count)
    assert failures.get() is None, str(failures.get().toString())
    assert runs.get() == 200
    assert len(full_collections) < 20  # the submitter's one close, and any the heap called for


def _shared_both_ways(java_service, python_executor):
    """Java threads submit 2 x 250 Java tasks to ``java_service`` while Python threads submit
    2 x 250 calls to ``python_executor``, both fronts of one pool: every task runs exactly once."""
    runs, total, failures = AtomicInteger(), AtomicReference(), AtomicReference()
    submitters = FutureWorkers.startSubmitters(java_service, 2, 250, runs, total, failures)
    python_calls = collections.Counter()
    lock = threading.Lock()

    def call(i):
        with lock:
            python_calls[i] += 1
        return runs.incrementAndGet()

    def submit_all(first):
        return [python_executor.submit(call, i) for i in range(first, first + 250)]
    batches = [run_on(kind, lambda k=k: submit_all(k * 250))
               for k, kind in enumerate(["threading.Thread", "jthreading.Thread"])]
    python_numbers = [fut.result(BOUND) for batch in batches for fut in batch]
    assert all(MatrixWorkers.join(thread) for thread in submitters)
    assert failures.get() is None, str(failures.get())
    assert python_calls == collections.Counter(range(500))
    assert runs.get() == 1000
    assert total.get() + sum(python_numbers) == sum(range(1, 1001))  # each number once


def test_one_python_pool_shared_by_java_and_python_code(python_pool):
    pool, service = python_pool(4)
    _shared_both_ways(service, pool)


def test_one_java_pool_shared_by_java_and_python_code():
    service = FutureWorkers.attachedThreadPool(4)  # attached: see the exactly-once test above
    with futures.JavaExecutor(service) as executor:
        _shared_both_ways(service, executor)
    assert service.isTerminated()


def test_java_values_and_exceptions_cross_a_python_pool_unchanged(python_pool):
    _, service = python_pool(2)
    lock, error = jthreading.Lock(), IllegalStateException("from the task")
    assert service.submit(FutureWorkers.returning(lock)).get(BOUND, TimeUnit.SECONDS) is lock
    assert java_get(service.submit(FutureWorkers.throwing(error))).equals(error)


def test_invoke_all_and_invoke_any_on_a_python_pool(python_pool):
    _, service = python_pool(4)
    runs = AtomicInteger()
    done = service.invokeAll(FutureWorkers.copies(FutureWorkers.counting(runs), 100))
    assert sorted(f.get() for f in done) == list(range(1, 101))
    assert service.invokeAny(FutureWorkers.copies(FutureWorkers.returning("any"), 3)) == "any"
    error = IllegalArgumentException("every one fails")
    with pytest.raises(RuntimeError) as raised:  # Jep: ExecutionException -> RuntimeError
        service.invokeAny(FutureWorkers.copies(FutureWorkers.throwing(error), 3))
    assert isinstance(raised.value.args[0], ExecutionException)
    assert raised.value.args[0].getCause().equals(error)


def test_java_cancel_on_a_python_pool_follows_pythons_cancel(python_pool):
    _, service = python_pool(1)
    started, release, runs = jthreading.Event(), jthreading.Event(), AtomicInteger()
    running = service.submit(FutureWorkers.blocking(started, release))
    pending = service.submit(FutureWorkers.counting(runs))
    assert started.wait(BOUND)
    assert java_cancel(running) is False  # Python's cancel() fails once running
    assert not running.isDone()
    assert java_cancel(pending) is True
    assert pending.isCancelled()
    release.set()
    assert java_get(running) == "released"
    service.shutdown()
    assert service.awaitTermination(BOUND, TimeUnit.SECONDS)
    assert runs.get() == 0  # the cancelled task never ran


def test_shutdown_now_is_pythons_cancel_futures(python_pool):
    pool, service = python_pool(1)
    started, release, runs = jthreading.Event(), jthreading.Event(), AtomicInteger()
    running = service.submit(FutureWorkers.blocking(started, release))
    assert started.wait(BOUND)
    pending = [service.submit(FutureWorkers.counting(runs)) for _ in range(10)]
    not_started = service.shutdownNow()
    assert not_started.size() == 10
    assert all(f.isCancelled() for f in pending)
    assert service.isShutdown() and pool._shutdown
    assert not service.awaitTermination(10**6, TimeUnit.NANOSECONDS)  # one still runs
    assert not service.isTerminated()
    with pytest.raises(RuntimeError) as raised:
        service.submit(FutureWorkers.counting(runs))
    assert isinstance(raised.value.args[0], RejectedExecutionException)
    assert "cannot schedule new futures after shutdown" in str(raised.value.args[0].getMessage())
    release.set()
    assert service.awaitTermination(BOUND, TimeUnit.SECONDS)
    assert service.isTerminated()
    assert java_get(running) == "released" and runs.get() == 0


def test_a_python_side_shutdown_is_seen_by_java(python_pool):
    pool, service = python_pool(1)
    assert not service.isShutdown()
    pool.shutdown(wait=True)
    assert service.isShutdown()
    assert service.awaitTermination(BOUND, TimeUnit.SECONDS)


@pytest.mark.skipif(sys.modules["threading"] is not jthreading,
                    reason="drop-in mode only (jthreading run --patch)")
def test_under_drop_in_mode_a_python_pool_runs_java_tasks_on_jthreading_threads(python_pool):
    pool, service = python_pool(2)
    names = {str(service.submit(FutureWorkers.threadName()).get(BOUND, TimeUnit.SECONDS))
             for _ in range(20)}
    workers = {thread.name for thread in pool._threads}
    assert names and names <= workers  # the Java thread is the pool's jthreading Thread
    assert all(isinstance(thread, jthreading.Thread) for thread in pool._threads)


def test_executor_to_java_refuses_what_is_not_an_executor():
    with pytest.raises(TypeError, match="concurrent.futures.Executor"):
        futures.executor_to_java(object())


# ---- Leaks ----------------------------------------------------------------------------------

def test_handles_are_released_after_many_futures():
    _handles.release_collected()
    before = _handles.size()
    for i in range(1000):
        fut = Future()
        java = futures.to_java(fut)
        fut.set_result(Payload())
        assert _handles.from_java(java.get()) is not None
        java = CompletableFuture()
        fut = futures.from_java(java)
        java.complete(i)
        assert fut.result(BOUND) == i
    with futures.JavaExecutor(FutureWorkers.attachedThreadPool(2)) as executor:
        assert sum(executor.map(int, range(500))) == sum(range(500))
    pool = ThreadPoolExecutor(2)
    service = futures.executor_to_java(pool)
    runs = AtomicInteger()
    service.invokeAll(FutureWorkers.copies(FutureWorkers.counting(runs), 500))
    pool.shutdown(wait=True)
    del fut, java, executor, pool, service
    deadline = time.monotonic() + BOUND
    while _handles.size() > before + _handles._DRAIN_EVERY:
        assert time.monotonic() < deadline, (
            f"{_handles.size() - before} handles still held after the futures were dropped")
        gc.collect()
        JavaSystem.gc()
        time.sleep(0.01)  # polling Java's collector, not synchronising threads
        _handles.release_collected()
