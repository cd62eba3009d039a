"""Java and Python threads sharing jthreading primitives (Java side: io.jthreading.testkit)."""

import threading
import time

import pytest

import jthreading
from jthreading._embedding import java_class

JavaWorkers = java_class("io.jthreading.testkit.JavaWorkers")
JavaLock = java_class("io.jthreading.Lock")
JavaEvent = java_class("io.jthreading.Event")
JavaArrayList = java_class("java.util.ArrayList")
AtomicLong = java_class("java.util.concurrent.atomic.AtomicLong")
AtomicBoolean = java_class("java.util.concurrent.atomic.AtomicBoolean")

BOUND = 30  # seconds: every wait in these tests is bounded
PER_THREAD = 5000


def _held_nested(rlock):
    """Python's side of the RLock case: two levels, as the Java incrementer takes it."""
    class Nested:
        def __enter__(self):
            rlock.acquire()
            rlock.acquire()

        def __exit__(self, *exc_info):
            rlock.release()
            rlock.release()
    return Nested()


GUARDED_BY = {
    "Lock": (jthreading.Lock, lambda lock: lock),
    "RLock": (jthreading.RLock, _held_nested),
    "Semaphore": (lambda: jthreading.Semaphore(1), lambda sem: sem),
    "BoundedSemaphore": (lambda: jthreading.BoundedSemaphore(1), lambda sem: sem),
}


@pytest.mark.parametrize("kind", sorted(GUARDED_BY))
def test_java_and_python_threads_increment_under_one_primitive(kind):
    # Exercises the native fast path's hand-offs under contention (when it is on): C takes and
    # gives the state uncontended, Java parks and wakes; a lost wake-up hangs (bounded joins
    # fail), a broken exclusion loses increments.
    make, held = GUARDED_BY[kind]
    primitive = make()
    go = jthreading.Event()
    counter = AtomicLong()  # used through get/set only: an unprotected read-modify-write
    per_thread = PER_THREAD
    java_threads = [JavaWorkers.startIncrementer(primitive, counter, per_thread, go)
                    for _ in range(2)]

    def python_worker():
        assert go.wait(BOUND)
        for _ in range(per_thread):
            with held(primitive):
                counter.set(counter.get() + 1)

    python_threads = [threading.Thread(target=python_worker),
                      jthreading.Thread(target=python_worker)]
    for t in python_threads:
        t.start()
    go.set()
    for t in python_threads:
        t.join(BOUND)
        assert not t.is_alive()
    for t in java_threads:
        assert JavaWorkers.join(t)
    assert counter.get() == 4 * per_thread
    if kind == "Lock":
        assert not primitive.locked()
    elif kind == "RLock":
        # Java's count: CPython 3.10's RLock has no _recursion_count().
        assert primitive.acquire(blocking=False) and primitive.recursionCount() == 1
    else:
        assert primitive._value == 1


def test_event_set_in_java_wakes_python_waiter():
    ready, target = jthreading.Event(), jthreading.Event()
    setter = JavaWorkers.startSetterAfter(ready, target)
    ready.set()
    assert target.wait(BOUND) is True
    assert JavaWorkers.join(setter)


def test_event_set_in_python_wakes_java_waiter():
    started, target = jthreading.Event(), jthreading.Event()
    result = AtomicBoolean()
    waiter = JavaWorkers.startWaiter(started, target, result)
    assert started.wait(BOUND)
    target.set()
    assert JavaWorkers.join(waiter)
    assert result.get() is True


def test_lock_held_in_java_blocks_python_until_released():
    lock, held, release = jthreading.Lock(), jthreading.Event(), jthreading.Event()
    holder = JavaWorkers.startHolder(lock, held, release)
    assert held.wait(BOUND)
    assert lock.acquire(False) is False
    assert lock.acquire(timeout=0.05) is False
    release.set()
    assert lock.acquire(timeout=BOUND) is True
    lock.release()
    assert JavaWorkers.join(holder)


@pytest.mark.parametrize("block", ["acquire", "wait"])
def test_python_thread_blocked_in_java_does_not_stop_other_python_threads(block):
    lock, event, entered = jthreading.Lock(), jthreading.Event(), threading.Event()
    lock.acquire()

    def blocked():
        entered.set()
        if block == "acquire":
            assert lock.acquire(timeout=BOUND)
            lock.release()
        else:
            assert event.wait(BOUND)

    blocker = threading.Thread(target=blocked)
    blocker.start()
    assert entered.wait(BOUND)
    # While the blocker waits inside Java, this thread must keep running Python code.
    spins, deadline = 0, time.monotonic() + 0.3
    while time.monotonic() < deadline:
        spins += 1
    assert spins > 10_000
    assert blocker.is_alive()
    lock.release()
    event.set()
    blocker.join(BOUND)
    assert not blocker.is_alive()


def test_identity_holds_both_ways():
    lock = jthreading.Lock()
    holder = JavaArrayList()
    holder.add(lock)
    holder.add(lock)
    assert holder.get(0) is lock          # Java -> Python: the same Python object
    assert holder.get(1) is holder.get(0)
    assert holder.indexOf(lock) == 0      # Python -> Java: the same Java object (equals)
    java_made = JavaLock()
    holder.add(java_made)
    back = holder.get(2)
    assert type(back) is jthreading.Lock  # a Java-made lock is a jthreading.Lock in Python
    assert back is holder.get(2)
    assert isinstance(JavaEvent(), jthreading.Event)


def test_barrier_parties_in_both_languages_get_distinct_indexes():
    barrier = jthreading.Barrier(3)
    indexes = [AtomicLong(-2), AtomicLong(-2)]
    workers = [JavaWorkers.startBarrierParty(barrier, index) for index in indexes]
    mine = barrier.wait(BOUND)
    assert all(JavaWorkers.join(worker) for worker in workers)
    assert sorted([mine] + [index.get() for index in indexes]) == [0, 1, 2]
    assert not barrier.broken


def test_python_notify_wakes_java_waiter_on_a_python_condition():
    condition = jthreading.Condition()  # over a jthreading RLock: Java can wait on it
    flag = AtomicBoolean(False)
    started, done = jthreading.Event(), jthreading.Event()
    worker = JavaWorkers.startConditionWaiter(condition, flag, started, done)
    assert started.wait(BOUND)
    with condition:  # the Java thread is waiting: it released the lock
        flag.set(True)
        condition.notify_all()
    assert done.wait(BOUND)
    assert JavaWorkers.join(worker)


def test_python_release_wakes_java_acquirer():
    semaphore = jthreading.Semaphore(0)
    acquired = jthreading.Event()
    worker = JavaWorkers.startSemaphoreTaker(semaphore, acquired)
    assert not acquired.wait(0.05)
    semaphore.release()
    assert acquired.wait(BOUND)
    assert JavaWorkers.join(worker)
    assert semaphore._value == 0
