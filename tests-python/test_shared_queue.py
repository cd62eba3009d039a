"""jthreading.queue: differential tests against the running CPython's queue (same operations,
same results and exceptions), and Java and Python sharing one queue: producers and consumers
of both languages with every item exactly once, identity across threads, task_done/join and
shutdown from either side, interrupts, and handles released after many items.

CPython's own test_queue classes run against jthreading.queue in test_shared_queue_cpython.py.
"""

import _thread
import gc
import heapq
import queue
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

import jthreading
from jthreading import _handles, _versions
from jthreading import queue as jqueue
from jthreading._embedding import java_class

QueueWorkers = java_class("io.jthreading.testkit.QueueWorkers")
STOP = QueueWorkers.STOP  # a Java object: it crosses as itself
Interrupter = java_class("io.jthreading.testkit.Interrupter")
SharedQueue = java_class("io.jthreading.queue.SharedQueue")
SharedPriorityQueue = java_class("io.jthreading.queue.SharedPriorityQueue")
PythonObject = java_class("io.jthreading.python.PythonObject")
BlockingQueue = java_class("java.util.concurrent.BlockingQueue").__pytype__
ArrayList = java_class("java.util.ArrayList")
TimeUnit = java_class("java.util.concurrent.TimeUnit")
System = java_class("java.lang.System")
BlockedThreads = java_class("io.jthreading.testkit.BlockedThreads")

BOUND = 30  # seconds: every wait here is bounded
KINDS = ("Queue", "LifoQueue", "PriorityQueue")
needs_shutdown = pytest.mark.skipif(not _versions.QUEUE_SHUTDOWN,
                                    reason="queue shutdown is Python 3.13's")


def outcome(function):
    """What calling ``function`` gives: ("ok", value) or ("raise", exception type, message)."""
    try:
        return ("ok", function())
    except Exception as error:  # noqa: BLE001 - the exception is the result
        return ("raise", type(error), str(error))


def both(kind, *args):
    """A CPython queue and a jthreading one of the same kind and arguments."""
    return getattr(queue, kind)(*args), getattr(jqueue, kind)(*args)


# -- the API as CPython's --------------------------------------------------------------------

def test_the_classes_and_exceptions_are_cpythons():
    for kind in KINDS:
        assert isinstance(getattr(jqueue, kind)(), getattr(queue, kind))
        assert isinstance(getattr(jqueue, kind)(), queue.Queue)
    assert issubclass(jqueue.LifoQueue, jqueue.Queue)
    assert issubclass(jqueue.PriorityQueue, jqueue.Queue)
    assert jqueue.Empty is queue.Empty and jqueue.Full is queue.Full
    if _versions.QUEUE_SHUTDOWN:
        assert jqueue.ShutDown is queue.ShutDown
    assert jqueue.__all__ == queue.__all__


@pytest.mark.parametrize("kind", KINDS)
def test_the_locks_are_jthreadings_and_the_javas(kind):
    q = getattr(jqueue, kind)()
    assert isinstance(q.mutex, jthreading.Lock)
    for condition in (q.not_empty, q.not_full, q.all_tasks_done):
        assert isinstance(condition, jthreading.Condition)
        assert condition._lock is q.mutex
    assert q.mutex is q.mutex and q.mutex.equals(q.mutex)
    assert isinstance(q, BlockingQueue)
    assert QueueWorkers.produce(q, 0, 0, 0).join(BOUND)  # Java takes it as a BlockingQueue


def test_a_queue_is_one_object_both_ways():
    java_made = SharedQueue(3)
    holder = ArrayList()
    holder.add(java_made)
    holder.add(java_made)
    first, second = holder.get(0), holder.get(1)
    assert type(first) is jqueue.Queue and first is second
    assert first.maxsize == 3
    python_made = jqueue.PriorityQueue()
    holder.add(python_made)
    assert holder.get(2) is python_made
    assert holder.indexOf(python_made) == 2


def test_not_a_sized_or_iterable_collection_in_python():
    for made in both("Queue") + both("SimpleQueue"):
        assert bool(made) is True
        assert outcome(lambda: len(made))[:2] == ("raise", TypeError)
        assert outcome(lambda: iter(made))[:2] == ("raise", TypeError)
        assert outcome(lambda: 1 in made)[:2] == ("raise", TypeError)
    assert repr(jqueue.Queue()).startswith("<jthreading.queue.Queue object at 0x")


TIMEOUTS = [-1, -0.0, 0, 1e-9, "a", float("inf"), 1e300, 2 ** 70, 9223372037, True, 1j, None]


@pytest.mark.parametrize("kind", KINDS + ("SimpleQueue",))
@pytest.mark.parametrize("timeout", TIMEOUTS, ids=repr)
def test_get_with_a_timeout_as_cpython(kind, timeout):
    for filled in (False, True):
        if timeout is None and not filled:
            continue  # it would wait forever, in both
        expected, actual = both(kind)
        if filled:
            expected.put(5)
            actual.put(5)
        assert outcome(lambda: actual.get(timeout=timeout)) == \
            outcome(lambda: expected.get(timeout=timeout))
        assert outcome(lambda: actual.get(False, timeout)) == \
            outcome(lambda: expected.get(False, timeout))


@pytest.mark.parametrize("timeout", TIMEOUTS, ids=repr)
def test_put_into_a_full_queue_with_a_timeout_as_cpython(timeout):
    if timeout is None:
        return  # it would wait forever
    for maxsize in (1, 2):
        expected, actual = both("Queue", maxsize)
        expected.put(0)
        actual.put(0)
        assert outcome(lambda: actual.put(1, timeout=timeout)) == \
            outcome(lambda: expected.put(1, timeout=timeout))
        assert outcome(lambda: actual.put(2, False, timeout)) == \
            outcome(lambda: expected.put(2, False, timeout))
        assert actual.qsize() == expected.qsize()
    expected, actual = both("Queue")  # unbounded: the timeout is never looked at
    assert outcome(lambda: actual.put(1, timeout=timeout)) == \
        outcome(lambda: expected.put(1, timeout=timeout))


def test_nan_timeout_waits_for_an_item():
    q = jqueue.Queue()
    got = []
    worker = jthreading.Thread(target=lambda: got.append(q.get(timeout=float("nan"))))
    worker.start()
    assert BlockedThreads.awaitBlocked(worker.ident, BOUND * 10 ** 9) is not None
    q.put("item")
    worker.join(BOUND)
    assert got == ["item"]


@pytest.mark.parametrize("kind", KINDS + ("SimpleQueue",))
def test_argument_errors_as_cpython(kind):
    calls = [
        lambda q: q.get(1, 2, 3), lambda q: q.get(foo=1), lambda q: q.put(),
        lambda q: q.qsize(1), lambda q: q.empty(1), lambda q: q.put_nowait(),
        lambda q: q.put(1, True, None, 4), lambda q: q.get_nowait(1),
    ]
    if kind != "SimpleQueue":
        calls += [lambda q: q.task_done(1), lambda q: q.join(1), lambda q: q.full(1)]
    for call in calls:
        expected, actual = both(kind)
        assert outcome(lambda: call(actual)) == outcome(lambda: call(expected))


@pytest.mark.parametrize("kind", KINDS + ("SimpleQueue",))
def test_constructor_errors_as_cpython(kind):
    for args, kwargs in (((1, 2), {}), ((), {"foo": 1}), ((1,), {"foo": 1}), ((1,), {})):
        if kind != "SimpleQueue" and args == (1,) and not kwargs:
            continue  # a valid maxsize
        assert outcome(lambda: getattr(jqueue, kind)(*args, **kwargs)) == \
            outcome(lambda: getattr(queue, kind)(*args, **kwargs))


def test_task_done_and_unfinished_tasks_as_cpython():
    expected, actual = both("Queue")
    for q in (expected, actual):
        q.put(1)
        q.put(2)
        q.get()
    assert actual.unfinished_tasks == expected.unfinished_tasks == 2
    for _ in range(3):
        assert outcome(actual.task_done) == outcome(expected.task_done)
    assert outcome(actual.task_done)[1:] == (ValueError, "task_done() called too many times")
    assert actual.unfinished_tasks == expected.unfinished_tasks == 0
    actual.join()  # returns at once


@pytest.mark.parametrize("maxsize", [0, -3, 1, 3, 2.5, True, 10 ** 30, float("inf")], ids=repr)
def test_maxsize_as_cpython(maxsize):
    expected, actual = both("Queue", maxsize)
    assert actual.maxsize == expected.maxsize
    for i in range(5):
        assert outcome(lambda: actual.put_nowait(i)) == outcome(lambda: expected.put_nowait(i))
        assert (actual.qsize(), actual.full(), actual.empty()) == \
            (expected.qsize(), expected.full(), expected.empty())
    expected.maxsize = actual.maxsize = 2
    assert actual.full() == expected.full()
    assert outcome(lambda: actual.put_nowait(9)) == outcome(lambda: expected.put_nowait(9))


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("kind", KINDS)
def test_random_operations_as_cpython(kind, seed):
    """Puts and gets in random order; items are (priority, tag) with many equal priorities,
    and objects whose ``<`` looks at the priority only, so ties show heapq's exact order."""
    rng = random.Random(seed)
    expected, actual = both(kind, rng.choice([0, 0, 5, 20]))
    for step in range(300):
        if rng.random() < 0.55:
            item = (rng.randrange(6), step) if rng.random() < 0.5 else Ranked(rng.randrange(4), step)
            if kind == "PriorityQueue" and expected.qsize():
                item = _same_kind(item, expected.queue[0])
            assert outcome(lambda: actual.put_nowait(item)) == \
                outcome(lambda: expected.put_nowait(item))
        else:
            assert _tagged(outcome(actual.get_nowait)) == _tagged(outcome(expected.get_nowait))
        assert actual.qsize() == expected.qsize()
        assert [_tag(x) for x in actual.queue] == [_tag(x) for x in expected.queue]
    assert actual.unfinished_tasks == expected.unfinished_tasks


class Ranked:
    """Ordered by ``rank`` only: equal ranks are ties."""

    def __init__(self, rank, tag):
        self.rank, self.tag = rank, tag

    def __lt__(self, other):
        return self.rank < other.rank


def _same_kind(item, like):
    if isinstance(like, Ranked) and not isinstance(item, Ranked):
        return Ranked(item[0] % 4, item[1])
    if isinstance(like, tuple) and isinstance(item, Ranked):
        return (item.rank, item.tag)
    return item


def _tag(item):
    return item.tag if isinstance(item, Ranked) else item


def _tagged(result):
    return (result[0], _tag(result[1])) if result[0] == "ok" else result


class Touchy:
    """``<`` raises while ``Touchy.fail`` is set (a comparison that fails half-way)."""
    fail = False

    def __init__(self, rank):
        self.rank = rank

    def __lt__(self, other):
        if Touchy.fail:
            raise TypeError(f"cannot compare {self.rank}")
        return self.rank < other.rank


def test_a_failing_comparison_leaves_the_heap_as_cpython():
    expected, actual = both("PriorityQueue")
    ranks = [5, 3, 8, 1, 9, 2, 7]
    for rank in ranks:
        expected.put(Touchy(rank))
        actual.put(Touchy(rank))
    try:
        Touchy.fail = True
        # put: heappush appended the item before its first comparison raised
        assert _ranked(outcome(lambda: actual.put(Touchy(0)))) == \
            _ranked(outcome(lambda: expected.put(Touchy(0))))
        # get: heappop took the top item out (lost) before the comparison raised
        assert _ranked(outcome(actual.get)) == _ranked(outcome(expected.get))
    finally:
        Touchy.fail = False
    assert actual.qsize() == expected.qsize()
    assert actual.unfinished_tasks == expected.unfinished_tasks
    assert [x.rank for x in actual.queue] == [x.rank for x in expected.queue]
    assert [actual.get().rank for _ in range(actual.qsize())] == \
        [expected.get().rank for _ in range(expected.qsize())]


def _ranked(result):
    return (result[0], result[1].rank) if result[0] == "ok" else result


def test_type_error_from_lt_as_cpython():
    expected, actual = both("PriorityQueue")
    for q in (expected, actual):
        q.put(1)
    assert outcome(lambda: actual.put("a")) == outcome(lambda: expected.put("a"))
    assert actual.queue == expected.queue and actual.unfinished_tasks == expected.unfinished_tasks

    class BadTruth:
        def __bool__(self):
            raise ZeroDivisionError("no truth")

    class Odd:
        def __lt__(self, other):
            return BadTruth()

    expected, actual = both("PriorityQueue")
    for q in (expected, actual):
        q.put(Odd())
    assert outcome(lambda: actual.put(Odd())) == outcome(lambda: expected.put(Odd()))


def test_java_and_python_items_in_one_priority_queue():
    q = jqueue.PriorityQueue()
    q.put(2)
    q.put(1.5)
    Long = java_class("java.lang.Long")
    q.offer(Long.valueOf(1))  # Java's Long against Python's numbers: Python's <
    q.offer(Long.valueOf(3))  # two Longs: compareTo
    q.put(True)
    expected = queue.PriorityQueue()
    for item in (2, 1.5, 1, 3, True):
        expected.put(item)
    assert [repr(q.get()) for _ in range(5)] == [repr(expected.get()) for _ in range(5)]
    java_list = ArrayList()
    lists = jqueue.Queue()
    lists.put(java_list)
    lists.get().add("x")  # the same Java object (Jep's wrapper may be a new one)
    assert java_list.size() == 1


@needs_shutdown
@pytest.mark.parametrize("kind", KINDS)
def test_shutdown_as_cpython(kind):
    for immediate in (False, True):
        expected, actual = both(kind, 3)
        for q in (expected, actual):
            q.put(1)
            q.put(2)
            q.get()
        assert outcome(lambda: actual.shutdown(immediate)) == \
            outcome(lambda: expected.shutdown(immediate))
        assert actual.is_shutdown == expected.is_shutdown
        assert actual.unfinished_tasks == expected.unfinished_tasks
        for call in (lambda q: q.put(3), lambda q: q.get(False), lambda q: q.get(timeout=-1),
                     lambda q: q.get(timeout="a"), lambda q: q.put(4, timeout=-1),
                     lambda q: q.get(), lambda q: q.qsize()):
            assert outcome(lambda: call(actual)) == outcome(lambda: call(expected))


def test_queue_is_a_snapshot_in_cpythons_storage_order():
    for kind in KINDS:
        expected, actual = both(kind)
        for item in (3, 1, 2, 1):
            expected.put(item)
            actual.put(item)
        assert actual.queue == list(expected.queue)
        actual.queue.clear()
        assert actual.qsize() == 4


def test_a_python_subclass_works_unless_it_overrides_the_storage():
    class Named(jqueue.Queue):
        def __init__(self, name):
            super().__init__(2)
            self.name = name

    q = Named("work")
    assert isinstance(q, Named) and q.name == "work" and q.maxsize == 2
    q.put(1)
    assert q.get() == 1
    with pytest.raises(TypeError, match="_put"):
        class Custom(jqueue.Queue):
            def _put(self, item):
                pass


# -- Java and Python on one queue -------------------------------------------------------------

class Payload:
    def __init__(self, n):
        self.n = n


@pytest.mark.parametrize("kind", ["Queue", "SimpleQueue"])
@pytest.mark.parametrize("java_producers,python_producers,java_consumers,python_consumers",
                         [(2, 2, 2, 2), (3, 0, 0, 3), (0, 3, 3, 0), (1, 1, 1, 1)])
def test_java_and_python_producers_and_consumers_each_item_exactly_once(
        kind, java_producers, python_producers, java_consumers, python_consumers):
    per = 2_000
    q = getattr(jqueue, kind)(50) if kind == "Queue" else jqueue.SimpleQueue()
    payloads = [Payload(n) for n in range(python_producers * per)]
    producers = QueueWorkers.produce(q, java_producers, per, 0)
    python_taken = []
    taken_lock = jthreading.Lock()

    def produce(chunk):
        for payload in chunk:
            q.put(payload)

    def consume():
        mine = []
        while True:
            item = q.get(timeout=BOUND)
            if _is_stop(item):
                break
            mine.append(item)
        with taken_lock:
            python_taken.extend(mine)

    python_threads = [jthreading.Thread(target=produce, args=(payloads[i * per:(i + 1) * per],))
                      for i in range(python_producers)]
    python_threads += [jthreading.Thread(target=consume) for _ in range(python_consumers)]
    consumers = QueueWorkers.consume(q, java_consumers, False, BOUND)
    for thread in python_threads:
        thread.start()
    assert producers.join(BOUND)
    for thread in python_threads[:python_producers]:
        thread.join(BOUND)
        assert not thread.is_alive()
    for _ in range(java_consumers + python_consumers):
        q.put(STOP)
    assert consumers.join(BOUND), "Java consumers did not end"
    for thread in python_threads:
        thread.join(BOUND)
        assert not thread.is_alive()
    assert list(consumers.failures()) == [] and list(producers.failures()) == []

    java_taken = [_handles.from_java(item) for item in consumers.taken()]
    everything = python_taken + java_taken
    numbers = sorted(item for item in everything if isinstance(item, int))
    assert numbers == list(range(java_producers * per))  # Java Longs arrive as ints
    objects = [item for item in everything if isinstance(item, Payload)]
    assert len(objects) == len(payloads) == len({id(item) for item in objects})
    assert {id(item) for item in objects} == {id(item) for item in payloads}  # the very objects
    assert len(everything) == len(numbers) + len(objects)
    assert q.qsize() == 0


def _is_stop(item):
    return type(item) is type(STOP) and item.equals(STOP)


def _take_on(start_thread, q):
    box, done = {}, jthreading.Event()

    def take():
        try:
            box["item"] = q.get(timeout=BOUND)
        finally:
            done.set()

    start_thread(take)
    assert done.wait(BOUND)
    return box["item"]


def _jthreading_thread(function):
    jthreading.Thread(target=function).start()


def _cpython_thread(function):
    _thread.start_new_thread(function, ())


@pytest.mark.parametrize("start_thread", [_jthreading_thread, _cpython_thread],
                         ids=["jthreading.Thread", "_thread"])
@pytest.mark.parametrize("kind", KINDS + ("SimpleQueue",))
def test_a_python_object_comes_out_as_itself_on_any_thread(kind, start_thread):
    q = getattr(jqueue, kind)()
    for value in (Payload(1), 7, 10 ** 30, "text", None, (1, 2)):
        q.put(value)
        assert _take_on(start_thread, q) is value


@pytest.mark.parametrize("kind", KINDS + ("SimpleQueue",))
def test_java_sees_a_handle_it_can_pass_on(kind):
    q, other = getattr(jqueue, kind)(), jqueue.Queue()
    value = Payload(2)
    q.put(value)
    handle = q.poll(BOUND, TimeUnit.SECONDS)  # Java's BlockingQueue method
    assert isinstance(handle, PythonObject)
    other.offer(handle)  # Java passes it on
    assert other.get_nowait() is value
    q.put(value)
    peeked = q.peek()
    assert isinstance(peeked, PythonObject) and q.get() is value


def test_a_java_consumer_on_a_java_thread_gets_handles_of_the_same_objects():
    q = jqueue.Queue()
    payloads = [Payload(n) for n in range(100)]
    for payload in payloads:
        q.put(payload)
    q.put(STOP)
    consumer = QueueWorkers.consume(q, 1, True, BOUND)
    assert consumer.join(BOUND)
    taken = [_handles.from_java(item) for item in consumer.taken()]
    assert all(a is b for a, b in zip(taken, payloads)) and len(taken) == 100
    q.join()  # the Java consumer called taskDone for each, STOP included


def test_python_join_waits_for_java_task_done_and_java_join_for_python():
    q = jqueue.Queue()
    for n in range(10):
        q.put(n)
    q.put(STOP)
    consumer = QueueWorkers.consume(q, 1, True, BOUND)
    q.join()  # returns once the Java consumer has called taskDone for all 11
    assert consumer.join(BOUND)
    assert sorted(_handles.from_java(item) for item in consumer.taken()) == list(range(10))

    java_made = SharedQueue()
    java_made.put(5)
    worker = jthreading.Thread(target=lambda: (java_made.get(), java_made.task_done()))
    worker.start()
    java_join = jqueue._java["join"]  # Java's own (the façade's join has no timeout)
    assert java_join(java_made, java_class("java.time.Duration").ofSeconds(BOUND))
    worker.join(BOUND)


@needs_shutdown
def test_shutdown_from_python_ends_a_java_take_and_from_java_a_python_get():
    q = jqueue.Queue()
    consumer = QueueWorkers.consume(q, 1, False, BOUND)
    assert BlockedThreads.awaitBlocked(consumer.threadIds()[0], BOUND * 10 ** 9) is not None
    q.shutdown()
    assert consumer.join(BOUND)
    assert list(consumer.failures()) == ["io.jthreading.queue.ShutDownException: queue is shut down"]

    java_made = SharedQueue()
    ended = []

    def get():
        try:
            java_made.get()
        except queue.ShutDown:
            ended.append("ShutDown")

    waiter = jthreading.Thread(target=get)
    waiter.start()
    assert BlockedThreads.awaitBlocked(waiter.ident, BOUND * 10 ** 9) is not None
    _java_shutdown(java_made, False)
    waiter.join(BOUND)
    assert ended == ["ShutDown"] and java_made.is_shutdown


def _java_shutdown(q, immediate):
    """Java's own SharedQueue.shutdown (the façade's Python method has the same name)."""
    jqueue._java["shutdown"](q, immediate)


def test_a_java_interrupt_ends_a_python_get_with_interrupted_error():
    q = jqueue.Queue()
    interrupter = Interrupter.start(jthreading.get_ident(), BOUND)
    with pytest.raises(InterruptedError):
        q.get(timeout=BOUND)
    assert interrupter.waitUntilDone(BOUND)
    assert q.empty()


def test_the_mutex_held_in_python_keeps_java_out():
    q = jqueue.Queue()
    with q.mutex:
        producer = QueueWorkers.produce(q, 1, 1, 40)
        assert BlockedThreads.awaitBlocked(producer.threadIds()[0], BOUND * 10 ** 9) is not None
    assert producer.join(BOUND)
    assert q.get_nowait() == 40


def _await_released(before):
    deadline = time.monotonic() + BOUND
    while _handles.size() > before:
        assert time.monotonic() < deadline, f"{_handles.size() - before} objects still held"
        gc.collect()
        System.gc()
        jthreading.Event().wait(0.05)  # let Java's Cleaner threads run
        _handles.release_collected()


def test_the_items_of_a_dropped_queue_are_released():
    _handles.release_collected()
    before = _handles.size()
    for kind in KINDS + ("SimpleQueue",):
        q = getattr(jqueue, kind)()
        for i in range(100):
            q.put((i, Payload(i)))
        del q
    _await_released(before)


def test_handles_are_released_after_100000_items():
    _handles.release_collected()
    before = _handles.size()
    q = jqueue.Queue()
    n = 100_000
    for i in range(n):
        q.put(Payload(i))
        if i % 2:
            q.get()  # Python takes it: the registration goes at once
        else:
            q.poll()  # Java takes it (and drops the handle): released once Java collects it
    q.put(Payload(-1))
    q.peek()
    q.clear()  # dropped by Java too
    _await_released(before)


@pytest.mark.parametrize("start_thread", [_jthreading_thread, _cpython_thread],
                         ids=["jthreading.Thread", "_thread"])
def test_priority_comparisons_run_on_any_thread(start_thread):
    """Python's < is called back from inside the Java put/get, on the calling thread."""
    q, expected = jqueue.PriorityQueue(), queue.PriorityQueue()
    items = [Ranked(rank, tag) for tag, rank in enumerate([3, 1, 2, 1, 0, 3, 2])]
    box, done = {}, jthreading.Event()

    def work():
        try:
            for item in items:
                q.put(item)
            q.put(Touchy(0))
            Touchy.fail = True
            try:
                q.put(Touchy(1))
            except TypeError as error:
                box["error"] = str(error)
            finally:
                Touchy.fail = False
            box["ranks"] = [q.get(timeout=BOUND) for _ in range(q.qsize())]
        finally:
            done.set()

    start_thread(work)
    assert done.wait(BOUND)
    for item in items + [Touchy(0), Touchy(1)]:
        expected.put(item)
    assert box["error"] == "cannot compare 1"
    assert [getattr(x, "tag", x.rank) for x in box["ranks"]] == \
        [getattr(x, "tag", x.rank) for x in (expected.get() for _ in range(expected.qsize()))]


def test_import_jthreading_leaves_the_stdlib_queue_alone_and_java_queues_still_cross_as_facades(
        tmp_path):
    """Drop-in mode patches threading after ``import jthreading``: the standard library's
    ``queue`` (which binds threading when it loads) must not be loaded by then. A Java-made
    queue that crosses first loads jthreading.queue and arrives as its façade all the same."""
    script = tmp_path / "prog.py"
    script.write_text(
        "import sys\n"
        "import jthreading\n"
        "from jthreading._embedding import java_class\n"
        "print('queue loaded:', 'queue' in sys.modules)\n"
        "holder = java_class('java.util.ArrayList')()\n"
        "holder.add(java_class('io.jthreading.queue.SharedLifoQueue')(2))\n"
        "q = holder.get(0)\n"
        "import queue, jthreading.queue\n"
        "print('facade:', type(q) is jthreading.queue.LifoQueue, isinstance(q, queue.LifoQueue),\n"
        "      holder.get(0) is q, q.maxsize)\n")
    launcher = Path(sys.executable).parent / "jthreading"
    result = subprocess.run([str(launcher), "run", str(script)], capture_output=True, text=True,
                            timeout=BOUND * 2)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["queue loaded: False", "facade: True True True 2"]


@pytest.mark.parametrize("timeout", [-1.1125369292536007e-308, -4e-10, -9.999e-10, -1e-9,
                                     -1.5e-9, -0.0])
def test_simple_queue_get_rounds_a_timeout_as_cpythons_c_queue(timeout):
    # C's SimpleQueue.get rounds toward +inf: less than a nanosecond below 0 is no wait, not a
    # negative timeout (found by test_stateful.py on 3.13).
    def outcome(q):
        try:
            q.get(timeout=timeout)
        except Exception as error:  # noqa: BLE001 - compared as CPython's
            return type(error).__name__, str(error)
        return "returned"

    assert outcome(jqueue.SimpleQueue()) == outcome(queue.SimpleQueue())
