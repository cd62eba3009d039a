"""Shared-queue puts and gets that need not wait run through JNI with the GIL held (issue 12:
SharedQueue.pythonTryPut/pythonTryGet); the others go through Jep and may wait. Java producers
and consumers race Python ones on one queue: every item arrives exactly once. Runs with the fast
path on and off."""

import pytest

import jthreading
from jthreading import _fastpath, _handles
from jthreading import queue as jqueue
from jthreading._embedding import java_class

QueueWorkers = java_class("io.jthreading.testkit.QueueWorkers")
BOUND = 30
PER_THREAD = 3000


@pytest.mark.skipif(not _fastpath.ENABLED, reason="fast path switched off (JTHREADING_NATIVE=0)")
def test_the_try_calls_are_in_place():
    from jthreading import queue as module
    assert type(module._try_put) is _fastpath._native.JavaCall
    q = jqueue.Queue(1)
    key = 10**12  # never registered: taken back out below before anyone reads it
    assert module._try_put(q, key) == 0 and module._try_put(q, key + 1) == 4  # DONE, then BUSY
    assert module._try_get(q) == key and module._try_get(q) == -4            # the key, then BUSY
    q.task_done()
    with pytest.raises(TypeError):
        module._try_put(object(), 1)


def _run(threads):
    for t in threads:
        t.start()
    return threads


# Not PriorityQueue: its order compares Java Longs with Python ints through Python's < on the
# Java producers' threads, each put attaching them to Python (test_shared_queue.py covers it).
# With the fast path off, every attachment's close runs Jep's full garbage collection (see
# _native.skip_collection_at_close): in the whole suite's heap, 6,000 of them outlast the
# test's time limit.
@pytest.mark.parametrize("maxsize", [0, 7])
@pytest.mark.parametrize("kind", ["Queue", "LifoQueue"])
def test_java_and_python_producers_python_consumers_lose_and_repeat_nothing(kind, maxsize):
    q = getattr(jqueue, kind)(maxsize)
    total = 4 * PER_THREAD
    java_producers = QueueWorkers.produce(q, 2, PER_THREAD, 0)
    taken, counted = [[], []], jthreading.Lock()
    left = [total]

    def produce(p):
        for i in range(PER_THREAD):
            q.put(2 * PER_THREAD + p * PER_THREAD + i)  # Python ints: registered, not Longs

    def consume(c):
        while True:
            with counted:
                if left[0] == 0:
                    return
                left[0] -= 1
            taken[c].append(q.get(timeout=BOUND))

    threads = _run([jthreading.Thread(target=produce, args=(p,), daemon=True) for p in range(2)]
                   + [jthreading.Thread(target=consume, args=(c,), daemon=True) for c in range(2)])
    for t in threads:
        t.join(BOUND)
    assert java_producers.join(BOUND) and list(java_producers.failures()) == []
    assert not any(t.is_alive() for t in threads)
    assert sorted(int(x) for x in taken[0] + taken[1]) == list(range(total))
    assert q.qsize() == 0


@pytest.mark.parametrize("maxsize", [0, 7])
@pytest.mark.parametrize("kind", ["Queue", "LifoQueue"])
def test_python_producers_java_consumers_lose_and_repeat_nothing(kind, maxsize):
    q = getattr(jqueue, kind)(maxsize)
    total = 2 * PER_THREAD
    java_consumers = QueueWorkers.consume(q, 2, False, BOUND)

    def produce(p):
        for i in range(PER_THREAD):
            q.put(p * PER_THREAD + i)

    producers = _run([jthreading.Thread(target=produce, args=(p,), daemon=True) for p in range(2)])
    for t in producers:
        t.join(BOUND)
    assert not any(t.is_alive() for t in producers)
    for _ in range(2):
        q.put(QueueWorkers.STOP, timeout=BOUND)
    assert java_consumers.join(BOUND) and list(java_consumers.failures()) == []
    left = []  # LIFO: the STOPs came out first, items may remain
    while not q.empty():
        left.append(q.get_nowait())
    got = [_handles.from_java(x) for x in java_consumers.taken()] + left
    assert sorted(got) == list(range(total))
