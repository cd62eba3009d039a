"""The Python workers: the same loops as the Java ones (stress/src/main/java/...), through
jthreading's Python API. Each counts its operations and passed checks locally and hands them
to Java once per batch; a failure goes to Java at once."""

import random
import threading as cpython_threading

import jthreading
from jthreading import queue as jqueue

from workload.java import BOUND, ChurnWorkers, Item

BATCH = 100


class Worker:
    """What every Python worker shares: the run's stop Event, operation counts and checks."""

    def __init__(self, stop, ops, checks):
        self.stop = stop
        self.ops = ops
        self.checks = checks

    def fail(self, what):
        self.checks.fail(what)

    def start(self, name, body, *args):
        thread = jthreading.Thread(target=self._guarded, args=(name, body, *args), name=name,
                                   daemon=True)
        thread.start()
        return thread

    def _guarded(self, name, body, *args):
        try:
            body(*args)
        except BaseException as error:  # noqa: BLE001 - any escape is a failure of the run
            self.fail(f"{name}: {type(error).__name__}: {error}")


def lock_worker(w, primitive, station, worker, nested, local):
    """Take ``primitive`` (bounded), run the guarded counter's critical section, release."""
    kind = station.kind()
    critical = station.critical
    acquire = primitive.acquire
    release = primitive.release
    local.worker = worker
    while not w.stop.is_set():
        for i in range(BATCH):
            got = acquire(True, BOUND) if i % 2 else acquire(timeout=BOUND)
            if not got:
                w.fail(f"{kind}: a Python acquire timed out after {BOUND} s (lost wake-up)")
                return
            try:
                if nested:
                    with primitive:  # owned already: the nested take returns at once
                        critical(worker)
                else:
                    critical(worker)
            finally:
                release()
        if local.worker != worker:
            w.fail(f"local: a Python thread sees worker {local.worker}, set {worker}")
        w.checks.passed(1)
        w.ops.add(kind, "python", BATCH)
        w.ops.add("local", "python", 1)


def condition_worker(w, producer, not_full, not_empty, buffer):
    mine, theirs = (not_full, not_empty) if producer else (not_empty, not_full)
    ready = buffer.canPut if producer else buffer.canTake
    change = buffer.put if producer else buffer.take
    role = "producer" if producer else "consumer"
    done = 0
    while True:
        if not mine.acquire(timeout=BOUND):
            w.fail(f"Condition: a Python {role} waited {BOUND} s for the lock")
            return
        try:
            if not mine.wait_for(ready, timeout=BOUND):
                w.fail(f"Condition: a Python {role} waited {BOUND} s (lost wake-up)")
                return
            if buffer.stopping():
                break
            change()
            theirs.notify()
        finally:
            mine.release()
        done += 1
        if done == BATCH:
            w.ops.add("Condition", "python", done)
            w.checks.passed(done)
            done = 0
    w.ops.add("Condition", "python", done)


def event_worker(w, pinger, ping, pong):
    """Python's half of a ping-pong with a Java thread (EventWorkers.java)."""
    awaited = pong if pinger else ping
    role = "pinger" if pinger else "ponger"
    done = 0
    while not w.stop.is_set():  # checked before each wait: the stop's set() comes after it
        if pinger:
            ping.set()
        got = awaited.wait(BOUND)
        if w.stop.is_set():
            break
        if not got:
            w.fail(f"Event: a Python {role} waited {BOUND} s (lost wake-up)")
            return
        awaited.clear()
        if not pinger:
            pong.set()
        done += 1
        if done == BATCH:
            w.ops.add("Event", "python", done)
            w.checks.passed(done)
            done = 0
    w.ops.add("Event", "python", done)


def barrier_party(w, kind, barrier, actions, finished):
    passes = 0
    while True:
        try:
            barrier.wait(BOUND)
        except jthreading.BrokenBarrierError:
            w.fail(f"{kind}: broken while a Python party waited (a party never came in {BOUND} s)")
            return
        passes += 1
        seen = actions.get()
        if seen != passes:
            w.fail(f"{kind}: a Python party passed {passes} times and saw {seen} actions")
        w.checks.passed(1)
        w.ops.add(kind, "python", 1)
        if finished.get():
            return


def timer_worker(w):
    while not w.stop.is_set():
        fired = [0, 0, 0, 0]
        timers = []
        for i in range(4):
            def tick(i=i):
                fired[i] += 1
            timer = jthreading.Timer(random.random() * 0.002, tick)
            timer.start()
            cancelled = random.randrange(4) == 0
            if cancelled:
                timer.cancel()
            timers.append((timer, cancelled))
        for i, (timer, cancelled) in enumerate(timers):
            timer.join(BOUND)
            if timer.is_alive():
                w.fail(f"Timer: a Python Timer still runs after {BOUND} s")
                return
            if fired[i] > 1 or not cancelled and fired[i] != 1:
                w.fail(f"Timer: a Python Timer ({'cancelled' if cancelled else 'not cancelled'})"
                       f" ran {fired[i]} times")
        w.checks.passed(8)
        w.ops.add("Timer", "python", 4)
        w.ops.add("thread started", "python", 4)


def churn_worker(w, lock, local):
    """Short-lived threads: jthreading's (started by Python or by Java) and CPython's own."""
    def body():
        if hasattr(local, "worker"):
            w.fail("local: a new Python thread sees another thread's value")
        local.worker = -1
        semaphore = jthreading.Semaphore(1)  # off-heap memory made and dropped per thread
        if not lock.acquire(timeout=BOUND):
            w.fail(f"Lock: a short-lived Python thread waited {BOUND} s")
            return
        lock.release()
        with semaphore:
            pass

    while not w.stop.is_set():
        for i in range(6):
            if i % 3 == 1:
                thread = cpython_threading.Thread(target=body, daemon=True)
                thread.start()
            else:
                thread = jthreading.Thread(target=body, daemon=True)
                if i % 3 == 0:
                    thread.start()
                elif not ChurnWorkers.startAndJoin(thread._handle):
                    w.fail(f"thread: a Python target Java started still runs after {BOUND} s")
                    return
            thread.join(BOUND)
            if thread.is_alive():
                w.fail(f"thread: a short-lived Python thread still runs after {BOUND} s")
                return
        w.checks.passed(6)
        w.ops.add("thread", "python", 6)
        w.ops.add("thread started", "python", 6)


def queue_producer(w, kind, queue, ledger, as_tuples):
    producer = ledger.newProducer()
    while not w.stop.is_set():
        for _ in range(BATCH):
            seq = ledger.nextSeq(producer)
            item = (producer, seq) if as_tuples else Item.of(producer, seq)
            try:
                queue.put(item, timeout=BOUND)
            except jqueue.Full:
                ledger.unsent(producer)
                w.fail(f"{kind}: a Python put waited {BOUND} s (lost wake-up)")
                return
        w.ops.add(kind, "python", BATCH)


def queue_consumer(w, kind, queue, ledger):
    received = ledger.received
    taken = 0
    while True:
        try:
            item = queue.get(timeout=BOUND)
        except jqueue.Empty:
            w.fail(f"{kind}: a Python get waited {BOUND} s (lost wake-up)")
            return
        queue.task_done()
        if type(item) is tuple:
            received(*item)
        elif item.isStop():
            break
        else:
            received(item.producer, item.seq)
        taken += 1
        if taken == BATCH:
            w.ops.add(kind, "python", taken)
            taken = 0
    w.ops.add(kind, "python", taken)
