"""The per-operation benchmark cases (issue 12): creation of every primitive, every method
uncontended, the module functions. Each case is one loop body built the same way from a module
(``threading`` or ``jthreading``), so the two sides run the very same code.

A loop body is ``run(n)``: n operations on objects made outside the loop, whose bound methods (or
``functools.partial`` objects, for calls with arguments) are bound to locals before it. Attribute
reads go through an ``operator.attrgetter`` (one C call, on both sides alike). run.py subtracts
the empty loop's cost from every case with ``subtract_loop``.
"""

import functools
import operator
import time

BOUND = 30  # seconds: every wait is bounded

#: Operations per timed repeat; run.py shrinks them for --quick.
SIZES = {"micro": 100_000, "objects": 10_000, "rounds": 2_000, "start_join": 200}

SECTIONS = ["creation", "methods", "contended", "module functions", "workloads", "memory", "scaling",
            "watchdog", "distributed"]


class Case:
    """One row: ``measure(mod)`` is one sample (ns per operation) for module ``mod``."""

    def __init__(self, section, name, measure, *, unit="ns/op", target=2.0, subtract_loop=False,
                 plain=True):
        self.section, self.name, self.measure, self.unit = section, name, measure, unit
        self.target, self.subtract_loop, self.plain = target, subtract_loop, plain


def timed(fn, n):
    """ns per operation of fn(n)."""
    start = time.perf_counter_ns()
    fn(n)
    return (time.perf_counter_ns() - start) / n


def micro(section, name, make, size="micro", target=2.0):
    """A case timing ``make(mod)``'s loop body over SIZES[size] operations."""
    return Case(section, name, lambda mod: timed(make(mod), SIZES[size]), target=target,
                subtract_loop=True)


# ---------------------------------------------------------------- loop bodies

def empty_loop(n):
    for _ in range(n):
        pass


def noop():
    pass


def calls(f):
    """n calls of f()."""
    def run(n):
        for _ in range(n):
            f()
    return run


def calls2(f, g):
    """n times f() then g()."""
    def run(n):
        for _ in range(n):
            f()
            g()
    return run


def reads(obj, attr):
    """n reads of obj.<attr>."""
    get = operator.attrgetter(attr)

    def run(n):
        for _ in range(n):
            get(obj)
    return run


def make_with(lock):
    def run(n):
        for _ in range(n):
            with lock:
                pass
    return run


def make_with_nested(rlock):
    def run(n):
        for _ in range(n):
            with rlock:
                with rlock:
                    pass
    return run


def make_acquire_release(sem):
    return calls2(sem.acquire, sem.release)


def make_is_set(event):
    return calls(event.is_set)


def make_set(event):
    return calls(event.set)


def make_local_read(loc):
    def run(n):
        loc.x = 1  # on the thread that runs the loop
        for _ in range(n):
            loc.x
    return run


def make_local_write(loc):
    def run(n):
        for _ in range(n):
            loc.x = 1
    return run


def make_with_call(cv, f):
    """n times ``with cv: f()``."""
    def run(n):
        for _ in range(n):
            with cv:
                f()
    return run


def make_release2_acquire2(sem):
    release, acquire = sem.release, sem.acquire

    def run(n):
        for _ in range(n):
            release(2)
            acquire()
            acquire()
    return run


def make_start_join(mod):
    def run(n):
        for _ in range(n):
            t = mod.Thread(target=noop)
            t.start()
            t.join()
    return run


def make_put_get(q):
    def run(n):
        put, get, item = q.put, q.get, object()
        for _ in range(n):
            put(item)
            get()
    return run


# ---------------------------------------------------------------- objects in a given state

def held(lock):
    lock.acquire()
    return lock


def set_event(mod):
    event = mod.Event()
    event.set()
    return event


def exhausted(sem):
    while sem.acquire(False):
        pass
    return sem


def joined_thread(mod):
    t = mod.Thread(target=noop)
    t.start()
    t.join(BOUND)
    if t.is_alive():
        raise RuntimeError("thread did not end")
    return t


def on_new_thread(mod, make):
    """One sample of timed(make(mod)) run on a newly started mod.Thread (joined, bounded); the
    objects are made on this thread."""
    run, result = make(mod), []
    t = mod.Thread(target=lambda: result.append(timed(run, SIZES["micro"])))
    t.start()
    t.join(BOUND)
    if not result:
        raise RuntimeError("the measuring thread did not finish")
    return result[0]


def make_local_first_write(mod):
    """SIZES["micro"] fresh locals, made on this thread: a first write and a read of each on the
    thread that runs the loop (n must be that size), where each write makes the local's dict."""
    locals_ = [mod.local() for _ in range(SIZES["micro"])]

    def run(n):
        for loc in locals_:
            loc.x = 1
            loc.x
    return run


# ---------------------------------------------------------------- the catalogue

def _creation():
    s = "creation"
    p = functools.partial
    return [
        micro(s, "Lock()", lambda m: calls(m.Lock)),
        micro(s, "RLock()", lambda m: calls(m.RLock)),
        micro(s, "Condition()", lambda m: calls(m.Condition)),
        micro(s, "Condition(lock)", lambda m: calls(p(m.Condition, m.Lock()))),
        micro(s, "Semaphore(2)", lambda m: calls(p(m.Semaphore, 2))),
        micro(s, "BoundedSemaphore(2)", lambda m: calls(p(m.BoundedSemaphore, 2))),
        micro(s, "Event()", lambda m: calls(m.Event)),
        micro(s, "Barrier(2)", lambda m: calls(p(m.Barrier, 2))),
        micro(s, "local()", lambda m: calls(m.local)),
        micro(s, "Thread(target=f), not started", lambda m: calls(p(m.Thread, target=noop)), "objects"),
        micro(s, "Timer(1, f), not started", lambda m: calls(p(m.Timer, 1, noop)), "objects"),
    ]


def _methods():
    s = "methods"
    p = functools.partial

    def thread_reads(label, get_thread):
        return [
            micro(s, f"Thread.is_alive() ({label})", lambda m: calls(get_thread(m).is_alive)),
            micro(s, f"Thread.name ({label})", lambda m: reads(get_thread(m), "name")),
            micro(s, f"Thread.ident ({label})", lambda m: reads(get_thread(m), "ident")),
            micro(s, f"Thread.daemon ({label})", lambda m: reads(get_thread(m), "daemon")),
        ]

    return [
        micro(s, "P1 with Lock", lambda m: make_with(m.Lock()), target=1.5),
        micro(s, "P2 RLock nested x2", lambda m: make_with_nested(m.RLock())),
        micro(s, "P2 Semaphore acquire+release", lambda m: make_acquire_release(m.Semaphore())),
        micro(s, "P2 Event.is_set()", lambda m: make_is_set(m.Event())),
        micro(s, "P2 Event.set()", lambda m: make_set(m.Event())),
        Case(s, "P6 Thread start+join (Python target)",
             lambda m: timed(make_start_join(m), SIZES["start_join"])),
        micro(s, "Lock acquire()+release()", lambda m: make_acquire_release(m.Lock())),
        micro(s, "Lock acquire(False) on a held lock", lambda m: calls(p(held(m.Lock()).acquire, False))),
        micro(s, "Lock acquire(timeout=0)+release()", lambda m: (
            lambda lock: calls2(p(lock.acquire, timeout=0), lock.release))(m.Lock())),
        micro(s, "Lock locked()", lambda m: calls(m.Lock().locked)),
        micro(s, "RLock with", lambda m: make_with(m.RLock())),
        micro(s, "RLock acquire(blocking=False)+release()", lambda m: (
            lambda r: calls2(p(r.acquire, blocking=False), r.release))(m.RLock())),
        micro(s, "Condition with+notify(), no waiter", lambda m: (
            lambda cv: make_with_call(cv, cv.notify))(m.Condition())),
        micro(s, "Condition with+notify_all(), no waiter", lambda m: (
            lambda cv: make_with_call(cv, cv.notify_all))(m.Condition())),
        micro(s, "Condition with+wait(0)", lambda m: (
            lambda cv: make_with_call(cv, p(cv.wait, 0)))(m.Condition())),
        micro(s, "Condition with+wait_for(lambda: True)", lambda m: (
            lambda cv: make_with_call(cv, p(cv.wait_for, lambda: True)))(m.Condition())),
        micro(s, "BoundedSemaphore acquire+release", lambda m: make_acquire_release(m.BoundedSemaphore())),
        micro(s, "Semaphore acquire(False), exhausted", lambda m: calls(
            p(exhausted(m.Semaphore(1)).acquire, False))),
        micro(s, "BoundedSemaphore acquire(False), exhausted", lambda m: calls(
            p(exhausted(m.BoundedSemaphore(1)).acquire, False))),
        micro(s, "Semaphore release(2)+2 acquires", lambda m: make_release2_acquire2(m.Semaphore(0))),
        micro(s, "BoundedSemaphore release(2)+2 acquires", lambda m: make_release2_acquire2(
            exhausted(m.BoundedSemaphore(2)))),
        micro(s, "Event.clear() on a clear event", lambda m: calls(m.Event().clear)),
        micro(s, "Event.wait() on a set event", lambda m: calls(set_event(m).wait)),
        micro(s, "Event.wait(0) on a clear event", lambda m: calls(p(m.Event().wait, 0))),
        micro(s, "Barrier.n_waiting", lambda m: reads(m.Barrier(2), "n_waiting")),
        micro(s, "Barrier.broken", lambda m: reads(m.Barrier(2), "broken")),
        micro(s, "Barrier.parties", lambda m: reads(m.Barrier(2), "parties")),
    ] + thread_reads("joined thread", joined_thread) + thread_reads(
        "current_thread()", lambda m: m.current_thread())


def _module_functions():
    s = "module functions"
    names = ["current_thread", "get_ident", "get_native_id", "enumerate", "active_count", "main_thread"]
    cases = [micro(s, f"{name}()", lambda m, name=name: calls(getattr(m, name))) for name in names]
    return cases + [
        micro(s, "P2 local read", lambda m: make_local_read(m.local())),
        micro(s, "P2 local write", lambda m: make_local_write(m.local())),
        Case(s, "local read, on a 2nd thread", lambda m: on_new_thread(m, lambda m: make_local_read(m.local())),
             subtract_loop=True),
        Case(s, "local write, on a 2nd thread", lambda m: on_new_thread(m, lambda m: make_local_write(m.local())),
             subtract_loop=True),
        Case(s, "local first write+read, fresh local, 2nd thread", lambda m: on_new_thread(
            m, make_local_first_write), subtract_loop=True),
    ]


def cases():
    """The catalogue's rows, in table order."""
    return _creation() + _methods() + _module_functions()
