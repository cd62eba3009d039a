"""Creation in C and one Python object per Java primitive (issue 12).

With the fast path, Lock(), RLock(), Event(), Condition() and Condition(lock) are made in C (the
Java constructor through JNI, the Jep object built as Jep builds it), and each primitive's one
Python object is found again through its off-heap state block (java_peers.c). These tests hold
with the fast path on and off (off: Jep's constructor and the weak registry); the C-specific ones
skip when it is off."""

import _thread
import gc

import pytest

import jthreading
from jthreading import _fastpath
from jthreading._embedding import java_class

ArrayList = java_class("java.util.ArrayList")
JavaWorkers = java_class("io.jthreading.testkit.JavaWorkers")
AtomicLong = java_class("java.util.concurrent.atomic.AtomicLong")

needs_fast_path = pytest.mark.skipif(not _fastpath.ENABLED,
                                     reason="fast path switched off (JTHREADING_NATIVE=0)")
BOUND = 30
MADE_IN_C = [jthreading.Lock, jthreading.RLock, jthreading.Event, jthreading.Condition]
ALL = MADE_IN_C + [lambda: jthreading.Condition(jthreading.Lock()),
                   lambda: jthreading.Semaphore(2), lambda: jthreading.BoundedSemaphore(2)]


def _round_trip(obj):
    """obj handed to Java and back (a Java list keeps it)."""
    holder = ArrayList()
    holder.add(obj)
    return holder.get(0), holder


@needs_fast_path
@pytest.mark.parametrize("facade", MADE_IN_C)
def test_the_constructors_are_c(facade):
    maker = facade.__dict__["__new__"]
    assert type(maker) is _fastpath._native.FastNew
    assert callable(maker.__wrapped__)


@pytest.mark.parametrize("make", ALL)
def test_an_object_made_here_comes_back_from_java_as_itself(make):
    obj = make()
    back, _ = _round_trip(obj)
    assert back is obj
    assert type(obj).__module__ == "jthreading"


def test_conditions_keep_their_lock_in_both_languages():
    cv = jthreading.Condition()
    java_lock = type(cv).__mro__[1].__dict__["lock"](cv)
    assert isinstance(cv._lock, jthreading.RLock) and java_lock is cv._lock
    for lock in (jthreading.Lock(), jthreading.RLock()):
        cv = jthreading.Condition(lock)
        assert cv._lock is lock and type(cv).__mro__[1].__dict__["lock"](cv) is lock


@pytest.mark.parametrize("make", ALL)
def test_a_primitive_java_kept_gets_a_working_object_after_python_dropped_its_own(make):
    holder = ArrayList()
    holder.add(make())
    gc.collect()
    again = holder.get(0)
    assert again is holder.get(0)              # one object again, from now on
    if isinstance(again, (jthreading.Lock, jthreading.RLock, jthreading.Semaphore,
                          jthreading.BoundedSemaphore)):
        assert again.acquire()
        again.release()
    elif isinstance(again, jthreading.Event):
        again.set()
        assert again.is_set() and holder.get(0).wait(0)
    else:
        with again:
            again.notify()


@needs_fast_path
def test_the_state_handle_outliving_its_object_is_harmless():
    lock = jthreading.Lock()
    handle = lock._word
    assert int(handle) != 0
    del lock
    gc.collect()
    assert int(handle) == 0                    # unlinked from its block when the lock died
    for _ in range(1000):                      # blocks freed and reused meanwhile
        jthreading.Lock().acquire()
    gc.collect()
    del handle


@needs_fast_path
def test_an_object_without_its_handle_still_works():
    lock = jthreading.Lock()
    del lock._word                             # no fast path for it any more: Java does all
    assert lock.acquire() and lock.locked()
    lock.release()
    back, _ = _round_trip(lock)
    assert back.acquire(False)                 # the same Java lock, whichever object
    assert lock.locked()
    back.release()


def test_identity_across_threads_and_a_thread_the_jvm_has_not_met():
    made, finished = [], jthreading.Event()

    def body():  # a _thread thread: not attached to the JVM yet, so C cannot make objects
        try:
            made.extend([jthreading.Lock(), jthreading.RLock(), jthreading.Condition()])
            made.append(jthreading.Lock())     # attached by now: made in C
        finally:
            finished.set()

    _thread.start_new_thread(body, ())
    assert finished.wait(BOUND)
    holder = ArrayList()
    for obj in made:
        holder.add(obj)
    assert [holder.get(i) for i in range(len(made))] == made
    assert all(holder.get(i) is obj for i, obj in enumerate(made))


def test_a_condition_in_a_reference_cycle_is_collected_and_comes_back_working():
    class CyclicLock:
        def __init__(self):
            self.inner = jthreading.Lock()
            self.condition = None

        def acquire(self, *args):
            return self.inner.acquire(*args)

        def release(self):
            self.inner.release()

    lock = CyclicLock()
    lock.condition = jthreading.Condition(lock)  # condition -> lock -> condition
    holder = ArrayList()
    holder.add(lock.condition)
    del lock
    gc.collect()
    again = holder.get(0)
    assert isinstance(again, jthreading.Condition)


def test_many_objects_made_and_dropped_keep_their_identity():
    # C creation against Java's collection and freeing of the state blocks: every kept object
    # must come back from Java as itself and work, whatever was freed around it.
    holder, kept = ArrayList(), []
    for i in range(20_000):
        obj = MADE_IN_C[i % len(MADE_IN_C)]()
        if i % 7 == 0:
            holder.add(obj)
            kept.append(obj)
        if i % 5000 == 0:
            gc.collect()
    for i, obj in enumerate(kept):
        assert holder.get(i) is obj
    counter, go = AtomicLong(), jthreading.Event()
    go.set()
    lock = kept[0]
    threads = [JavaWorkers.startIncrementer(lock, counter, 2000, go) for _ in range(2)]
    for _ in range(2000):
        with lock:
            counter.set(counter.get() + 1)
    assert all(JavaWorkers.join(t) for t in threads)
    assert counter.get() == 6000
