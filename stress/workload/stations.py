"""The shared objects of a run and the workers of both languages on them: every primitive,
both kinds of shared queue, short-lived threads. ``Stations.start()`` starts every worker;
``stop()`` ends them in an order that leaves no waiter behind; ``check_exact()`` checks the
invariants that need the objects held (during the run: sampled; at the end: exact)."""

import jthreading
from jthreading import queue as jqueue

from workload import python_workers as py
from workload.java import (BOUND, AtomicBoolean, AtomicLong, BarrierWorkers, ChurnWorkers,
                           ConditionWorkers, EventWorkers, GuardedCounter, Item, JavaLocal,
                           Ledger, LockWorkers, QueueWorkers, TimerWorkers, TokenBuffer)

QUEUE_SIZE = 64


class Stations:
    def __init__(self, stop, ops, checks):
        self.stop, self.ops, self.checks = stop, ops, checks
        self.w = py.Worker(stop, ops, checks)
        self.java_local = JavaLocal()
        self.python_local = jthreading.local()
        # (kind, primitive, permits, nested): the lock-like primitives, made by Python.
        self.guarded = [
            ("Lock", jthreading.Lock(), 1, False),
            ("RLock", jthreading.RLock(), 1, True),
            ("Semaphore", jthreading.Semaphore(2), 2, False),
            ("BoundedSemaphore", jthreading.BoundedSemaphore(3), 3, False),
        ]
        self.counters = {kind: GuardedCounter(kind, permits, 4, checks)
                         for kind, _, permits, _ in self.guarded}
        self.condition_lock = jthreading.Lock()
        self.not_full = jthreading.Condition(self.condition_lock)
        self.not_empty = jthreading.Condition(self.condition_lock)
        self.buffer = TokenBuffer(checks)
        self.events = [(jthreading.Event(), jthreading.Event()) for _ in range(2)]
        self.barriers = []  # (kind, barrier, actions, finished, Java parties, Python parties)
        actions, finished = AtomicLong(), AtomicBoolean()

        def python_action(actions=actions, finished=finished):
            actions.incrementAndGet()
            if stop.is_set():
                finished.set(True)
        self.barriers.append(("Barrier (Python action)", jthreading.Barrier(4, python_action),
                              actions, finished, 2, 2))
        actions, finished = AtomicLong(), AtomicBoolean()
        java_barrier = BarrierWorkers.javaBarrier(3, BarrierWorkers.action(actions, finished, stop))
        self.barriers.append(("Barrier (Java action)", java_barrier, actions, finished, 1, 2))
        self.churn_lock = jthreading.Lock()
        # The queues: one Java made (a SharedQueue Python uses as queue.Queue), one Python made.
        self.shared_queue = QueueWorkers.newQueue(QUEUE_SIZE)
        self.python_queue = jqueue.Queue(QUEUE_SIZE)
        self.ledgers = {"SharedQueue": Ledger(checks, "SharedQueue"),
                        "jthreading.queue": Ledger(checks, "jthreading.queue")}
        self.producers, self.consumers, self.others = [], [], []
        self.consumer_count = {"SharedQueue": 2, "jthreading.queue": 2}

    def workers(self):
        return self.producers + self.consumers + self.others

    def worker_count(self):
        return len(self.workers())

    def python_worker_count(self):
        return sum(isinstance(t, jthreading.Thread) for t in self.workers())

    def java_worker_count(self):
        return self.worker_count() - self.python_worker_count()

    def start(self):
        w, stop, ops, checks = self.w, self.stop, self.ops, self.checks
        others = self.others
        for kind, primitive, _, nested in self.guarded:
            counter = self.counters[kind]
            for worker in (0, 1):
                others.append(LockWorkers.start(primitive, counter, worker, self.java_local, stop,
                                                ops, checks))
            for worker in (2, 3):
                others.append(w.start(f"stress-python-{kind}-{worker}", py.lock_worker, w,
                                      primitive, counter, worker, nested, self.python_local))
        for producer in (True, False):
            others.append(ConditionWorkers.start(producer, 0, self.not_full, self.not_empty,
                                                 self.buffer, stop, ops, checks))
            others.append(w.start(f"stress-python-Condition-{producer}", py.condition_worker, w,
                                  producer, self.not_full, self.not_empty, self.buffer))
        (ping_a, pong_a), (ping_b, pong_b) = self.events
        others.append(EventWorkers.start(True, ping_a, pong_a, stop, ops, checks))
        others.append(w.start("stress-python-Event-ponger", py.event_worker, w, False, ping_a, pong_a))
        others.append(w.start("stress-python-Event-pinger", py.event_worker, w, True, ping_b, pong_b))
        others.append(EventWorkers.start(False, ping_b, pong_b, stop, ops, checks))
        for kind, barrier, actions, finished, java_parties, python_parties in self.barriers:
            for i in range(java_parties):
                others.append(BarrierWorkers.start(kind, i, barrier, actions, finished, ops, checks))
            for i in range(python_parties):
                others.append(w.start(f"stress-python-{kind}-{i}", py.barrier_party, w, kind,
                                      barrier, actions, finished))
        others.append(TimerWorkers.start(stop, ops, checks))
        others.append(w.start("stress-python-Timer", py.timer_worker, w))
        others.append(ChurnWorkers.start(self.churn_lock, self.java_local, stop, ops, checks))
        others.append(w.start("stress-python-churn", py.churn_worker, w, self.churn_lock,
                              self.python_local))
        self._start_queues()

    def _start_queues(self):
        w, stop, ops, checks = self.w, self.stop, self.ops, self.checks
        kind, queue, ledger = "SharedQueue", self.shared_queue, self.ledgers["SharedQueue"]
        self.producers.append(QueueWorkers.producer(kind, queue, ledger, stop, ops, checks))
        self.producers.append(w.start(f"stress-python-{kind}-producer", py.queue_producer, w,
                                      kind, queue, ledger, False))
        self.consumers.append(QueueWorkers.consumer(kind, 0, queue, ledger, ops, checks))
        self.consumers.append(w.start(f"stress-python-{kind}-consumer", py.queue_consumer, w,
                                      kind, queue, ledger))
        kind, queue, ledger = "jthreading.queue", self.python_queue, self.ledgers["jthreading.queue"]
        self.producers.append(QueueWorkers.producer(kind, queue, ledger, stop, ops, checks))
        for i in range(2):
            self.producers.append(w.start(f"stress-python-{kind}-producer-{i}", py.queue_producer,
                                          w, kind, queue, ledger, True))
            self.consumers.append(w.start(f"stress-python-{kind}-consumer-{i}", py.queue_consumer,
                                          w, kind, queue, ledger))

    def check_exact(self, when):
        """Holds each lock-like primitive whole, then checks its counter; the buffer likewise."""
        for kind, primitive, permits, _ in self.guarded:
            taken = 0
            for _ in range(permits):
                if not primitive.acquire(timeout=BOUND):
                    self.checks.fail(f"{kind}: the checker waited {BOUND} s for a permit")
                    break
                taken += 1
            if taken == permits:
                self.counters[kind].checkExact(when)
            for _ in range(taken):
                primitive.release()
        with self.condition_lock:
            self.buffer.checkExact(when)
        for ledger in self.ledgers.values():
            ledger.checkProgress(when)

    def stop_all(self):
        """After the stop Event: wake every waiter that waits for a partner that has left."""
        with self.condition_lock:
            self.buffer.stop()
            self.not_full.notify_all()
            self.not_empty.notify_all()
        for ping, pong in self.events:
            ping.set()
            pong.set()
        _join_all(self.producers, self.checks, "a queue producer")
        for kind, queue in (("SharedQueue", self.shared_queue),
                            ("jthreading.queue", self.python_queue)):
            for _ in range(self.consumer_count[kind]):
                try:
                    queue.put(Item.STOP, timeout=BOUND)
                except jqueue.Full:
                    self.checks.fail(f"{kind}: the stop waited {BOUND} s to put")
        _join_all(self.consumers, self.checks, "a queue consumer")
        _join_all(self.others, self.checks, "a worker")

    def check_end(self):
        """After every worker ended: the exact figures."""
        self.check_exact("end")
        for ledger in self.ledgers.values():
            ledger.checkComplete()
        for kind, queue in (("SharedQueue", self.shared_queue),
                            ("jthreading.queue", self.python_queue)):
            self.checks.check(queue.empty() and queue.unfinished_tasks == 0,
                              f"{kind}: {queue.qsize()} items and {queue.unfinished_tasks} "
                              "unfinished tasks left after the consumers drained it")
        for kind, barrier, actions, finished, _, _ in self.barriers:
            self.checks.check(finished.get() and not barrier.broken and barrier.n_waiting == 0,
                              f"{kind}: finished {finished.get()}, broken {barrier.broken}, "
                              f"{barrier.n_waiting} waiting at the end")


def _join_all(threads, checks, what):
    for thread in threads:
        if isinstance(thread, jthreading.Thread):
            thread.join(BOUND)
            alive = thread.is_alive()
        else:  # a JThread Java started
            alive = not thread.joinNanos(BOUND * 1_000_000_000)
        name = thread.name if isinstance(thread, jthreading.Thread) else thread.getName()
        checks.check(not alive, f"{what} ({name}) still runs {BOUND} s after the stop")
