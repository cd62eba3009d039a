"""Every public name of jthreading, used correctly: mypy (--strict) reports nothing.

test_typing.py also runs this file under jthreading, so the uses are correct at runtime too.
"""

import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type

import jthreading
from jthreading import (
    TIMEOUT_MAX,
    Barrier,
    BoundedSemaphore,
    BrokenBarrierError,
    Condition,
    Event,
    ExceptHookArgs,
    Lock,
    RLock,
    Semaphore,
    Thread,
    ThreadError,
    Timer,
    active_count,
    activeCount,
    current_thread,
    currentThread,
    enumerate,
    excepthook,
    get_ident,
    get_native_id,
    getprofile,
    gettrace,
    local,
    main_thread,
    setprofile,
    settrace,
    stack_size,
)

# -- module functions and constants --------------------------------------------------------------

assert_type(get_ident(), int)
assert_type(get_native_id(), int)
assert_type(active_count(), int)
assert_type(activeCount(), int)
assert_type(current_thread(), Thread)
assert_type(currentThread(), Thread)
assert_type(main_thread(), Thread)
assert_type(enumerate(), list[Thread])
assert_type(TIMEOUT_MAX, float)
old_stack_size = stack_size()
assert_type(old_stack_size, int)
stack_size(old_stack_size)


def tracer(frame: FrameType, event: str, arg: Any) -> None:
    return None


old_trace, old_profile = gettrace(), getprofile()
settrace(tracer)
setprofile(tracer)
settrace(old_trace)
setprofile(old_profile)
if sys.version_info >= (3, 12):
    jthreading.settrace_all_threads(old_trace)
    jthreading.setprofile_all_threads(old_profile)

# -- exceptions and the excepthook ---------------------------------------------------------------


def hook(args: ExceptHookArgs) -> None:
    assert_type(args.exc_type, type[BaseException])
    assert_type(args.exc_value, BaseException | None)
    assert_type(args.thread, threading.Thread | None)  # CPython's type: it says so


previous_hook = jthreading.excepthook
jthreading.excepthook = hook
jthreading.excepthook = threading.excepthook
jthreading.excepthook = previous_hook
hooks: list[Callable[[ExceptHookArgs], object]] = [excepthook, jthreading.__excepthook__]

try:
    Lock().release()
except ThreadError as error:
    assert_type(error, RuntimeError)

# -- locks ---------------------------------------------------------------------------------------

lock = Lock()
assert_type(lock.acquire(), bool)
assert_type(lock.acquire(blocking=False), bool)
assert_type(lock.locked(), bool)
lock.release()
assert_type(lock.acquire(True, 0.5), bool)
lock.release()
assert_type(lock.acquire_lock(timeout=1), bool)
assert_type(lock.locked_lock(), bool)
lock.release_lock()
with lock as got_lock:
    assert_type(got_lock, bool)

rlock = RLock()
assert_type(rlock.acquire(timeout=1.5), bool)
with rlock as got_rlock:
    assert_type(got_rlock, bool)
rlock.release()

condition = Condition()
for lock_kind in (Lock(), RLock(), threading.Lock(), threading.RLock(), None):
    Condition(lock_kind)
with condition as got_condition:
    assert_type(got_condition, bool)
    assert_type(condition.wait(0.01), bool)
    assert_type(condition.wait_for(lambda: 42, timeout=0.5), int)
    condition.notify()
    condition.notify(n=2)
    condition.notify_all()
    condition.notifyAll()
assert_type(condition.acquire(False), bool)
condition.release()

semaphore = Semaphore(2)
assert_type(semaphore.acquire(), bool)
assert_type(semaphore.acquire(timeout=0.5), bool)
semaphore.release(2)
with semaphore as got_permit:
    assert_type(got_permit, bool)
assert_type(semaphore._value, int)

bounded = BoundedSemaphore()
assert_type(bounded.acquire(blocking=True, timeout=None), bool)
bounded.release()
with bounded:
    pass

event = Event()
assert_type(event.is_set(), bool)
assert_type(event.isSet(), bool)
assert_type(event.wait(0), bool)
event.set()
assert_type(event.wait(), bool)
assert_type(event.wait(timeout=None), bool)
event.clear()

barrier = Barrier(1, action=lambda: None, timeout=5.0)
assert_type(barrier.wait(), int)
assert_type(barrier.wait(timeout=1), int)
assert_type(barrier.parties, int)
assert_type(barrier.n_waiting, int)
assert_type(barrier.broken, bool)
barrier.reset()
barrier.abort()
try:
    barrier.wait()
except BrokenBarrierError as broken:
    assert_type(broken, threading.BrokenBarrierError)

# -- threads -------------------------------------------------------------------------------------

results: list[int] = []


def work(n: int, *, scale: int = 1) -> None:
    results.append(n * scale)


thread = Thread(target=work, args=(1,), kwargs={"scale": 2}, name="worker", daemon=False)
thread.start()
thread.join(timeout=10)
thread.join()
assert_type(thread.is_alive(), bool)
assert_type(thread.ident, int | None)
assert_type(thread.native_id, int | None)
thread.name = "renamed"
assert_type(thread.name, str)
assert_type(thread.daemon, bool)
assert_type(thread.isDaemon(), bool)
assert_type(thread.getName(), str)
thread.setName("renamed again")
positional = Thread(None, work, None, [2], None, daemon=None)
positional.setDaemon(True)
positional.start()
positional.join()


class Worker(Thread):
    def __init__(self, count: int) -> None:
        super().__init__(name=f"worker-{count}", daemon=True)
        self.count = count

    def run(self) -> None:
        results.append(self.count)


worker = Worker(3)
worker.start()
worker.join(10.0)

timer = Timer(0.0, work, args=[4], kwargs={"scale": 1})
timer.start()
timer.join(10)
assert_type(timer.finished, Event)
assert_type(timer.interval, float)
cancelled = Timer(60, print)
cancelled.cancel()
cancelled.start()  # a cancelled Timer ends at once
cancelled.join(10)
assert_type(cancelled.finished.is_set(), bool)
assert sorted(results) == [2, 2, 3, 4], results

# -- thread-local data ---------------------------------------------------------------------------

data = local()
data.value = 1
assert data.value == 1


class Counter(local):
    def __init__(self, start: int) -> None:
        self.count = start


counter = Counter(5)
assert_type(counter.count, int)
shared: local = counter  # a jthreading.local
assert isinstance(shared, threading.local)  # and, at runtime, CPython's local too

# Drop-in mode: not called here (it would patch the process this file runs in).
patch_call: Callable[[], list[str]] = jthreading.patch
late_call: Callable[[], list[str]] = jthreading.patched_late

# Seeing inside: the thread dump, the deadlocks, the watchdog.
import io  # noqa: E402

report = io.StringIO()
jthreading.dump_threads(file=report)
jthreading.dump_threads()
cycles: list[list[jthreading.WaitLink]] = jthreading.find_deadlocks()
for cycle in cycles:
    for link in cycle:
        assert_type(link.thread, Thread | None)
        assert_type(link.ident, int)
        assert_type(link.seconds, float)


def on_deadlock(cycle: list[jthreading.WaitLink]) -> None:
    print(cycle)


dog: jthreading.Watchdog = jthreading.watchdog(interval=60.0, hook=on_deadlock)
with jthreading.watchdog(0.5) as other_dog:
    assert_type(other_dog.running, bool)
dog.stop()

# -- shared queues (jthreading.queue, stub queue.pyi) -------------------------------------------

import queue  # noqa: E402

from jthreading import queue as jqueue  # noqa: E402

jobs: jqueue.Queue[int] = jqueue.Queue(3)
jobs.put(1)
jobs.put(2, timeout=1.0)
assert_type(jobs.get(), int)
assert_type(jobs.get_nowait(), int)
jobs.task_done()
jobs.task_done()
jobs.join()
as_cpythons: queue.Queue[int] = jobs  # a queue.Queue
ranked: jqueue.PriorityQueue[tuple[int, str]] = jqueue.PriorityQueue()
ranked.put((1, "a"))
assert_type(ranked.get(block=False), tuple[int, str])
stack: jqueue.LifoQueue[str] = jqueue.LifoQueue()
stack.put_nowait("x")
assert_type(stack.qsize(), int)
simple: jqueue.SimpleQueue[bytes] = jqueue.SimpleQueue()
simple.put(b"x")
assert_type(simple.get(True, 1.0), bytes)
assert_type(simple.empty(), bool)
try:
    simple.get_nowait()
except jqueue.Empty:
    pass
