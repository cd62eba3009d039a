"""The rows with Java on one side (issues 5 and 11): a raw ReentrantLock through Jep (P1 ref),
ping-pong with a Java thread (P4), Java producers and consumers on a shared queue (Q2), and the
contended lock shared by Java and Python threads (P5). Only under the launcher, with
tests-java's classes (io.jthreading.bench.PingPong, io.jthreading.testkit.QueueWorkers) on
CLASSPATH. The threading side of each row is a catalogue case's (``ref``: name -> measure).
"""

import sys
import threading
import time

from operations import BOUND, SIZES, timed


class Row:
    """A row whose two sides are given as zero-argument callables."""

    def __init__(self, section, name, unit, jt, ref_label, rf, target, plain_key=None):
        self.section, self.name, self.unit, self.jt = section, name, unit, jt
        self.ref_label, self.rf, self.target, self.plain_key = ref_label, rf, target, plain_key
        self.subtract_loop = False
        self.extras = []  # (label, zero-argument sample): more figures for the row's extra line
        self.describe = None  # None, or a zero-argument callable: more text for that line


def rows(jthreading, jqueue, java_class, ref, queue_items):
    try:
        PingPong = java_class("io.jthreading.bench.PingPong")
        QueueWorkers = java_class("io.jthreading.testkit.QueueWorkers")
    except Exception as e:  # noqa: BLE001 - report how to fix it
        sys.exit(f"tests-java's classes not found ({e}); run with "
                 "CLASSPATH=tests-java/target/classes after mvn -B -DskipTests verify")
    ReentrantLock = java_class("java.util.concurrent.locks.ReentrantLock")

    def raw_reentrant(n):
        rl = ReentrantLock()
        lock_, unlock = rl.lock, rl.unlock
        for _ in range(n):
            lock_()
            unlock()

    def java_python_pingpong(rounds):
        ping, pong = jthreading.Event(), jthreading.Event()
        t = PingPong.startPonger(ping, pong, rounds)
        start = time.perf_counter_ns()
        for _ in range(rounds):
            ping.set()
            if not pong.wait(BOUND):
                raise RuntimeError("no pong from Java")
            pong.clear()
        elapsed = time.perf_counter_ns() - start
        if not PingPong.join(t):
            raise RuntimeError("Java ponger did not end")
        return elapsed / rounds

    def java_producer(n):
        """ns per item a Java thread puts (a Long: Python gets an int) and this thread gets."""
        q = jqueue.Queue(1000)
        start = time.perf_counter_ns()
        producer = QueueWorkers.produce(q, 1, n, 0)
        get = q.get
        for _ in range(n):
            get()
        elapsed = time.perf_counter_ns() - start
        if not producer.join(BOUND):
            raise RuntimeError("Java producer did not end")
        return elapsed / n

    def java_consumer(n):
        """ns per item this thread puts (a Python int: Java gets a Long) and a Java thread takes,
        until the consumer has taken all (it ends at QueueWorkers.STOP). Unbounded, so put()
        never waits; the consumer's waits and the join are bounded."""
        q = jqueue.Queue()
        consumer = QueueWorkers.consume(q, 1, False, float(BOUND))
        start = time.perf_counter_ns()
        put = q.put
        for i in range(n):
            put(i)
        put(QueueWorkers.STOP)
        if not consumer.join(BOUND):
            raise RuntimeError("Java consumer did not end")
        elapsed = time.perf_counter_ns() - start
        if len(consumer.failures()) or len(consumer.taken()) != n:
            raise RuntimeError(f"Java consumer: {list(consumer.failures())}, {len(consumer.taken())} of {n}")
        return elapsed / n

    rounds = SIZES["rounds"]
    q2 = "Q2 Queue producer->consumer"
    return [
        Row("methods", "P1 ref: raw ReentrantLock lock()/unlock() via Jep", "ns/op",
            lambda: timed(raw_reentrant, SIZES["micro"]), "threading.Lock", ref["P1 with Lock"], None,
            "P1 with Lock"),
        Row("contended", "P4 round trip Java<->Python (jthreading.Event)", "ns/rt",
            lambda: java_python_pingpong(rounds), "CPython Py<->Py threading.Event",
            ref["P4 round trip Py<->Py (jthreading.Thread+Event)"], 1.0,
            "P4 round trip Py<->Py (jthreading.Thread+Event)"),
        Row("contended", "P4 round trip Java<->Java (io.jthreading.Event)", "ns/rt",
            lambda: PingPong.jthreadingRoundTrips(rounds) / rounds, "Java<->Java j.u.c.Semaphore",
            lambda: PingPong.jucRoundTrips(rounds) / rounds, None),
        Row("workloads", "Q2 Queue producer->consumer 1:1, Java producer", "ns/item",
            lambda: java_producer(queue_items), "queue.Queue + threading.Thread", ref[q2 + " 1:1, Python threads"],
            None, q2 + " 1:1, Python threads"),
        Row("workloads", "Q2 Queue producer->consumer 1:1, Java consumer", "ns/item",
            lambda: java_consumer(queue_items), "queue.Queue + threading.Thread", ref[q2 + " 1:1, Python threads"],
            None, q2 + " 1:1, Python threads"),
    ]


P5_NAME = "P5 contended 2 Java + 2 Py threads, one Lock"


def cpython_contended(seconds):
    """4 CPython threads incrementing a Python int under one threading.Lock: (ops/s, min share,
    max share)."""
    lock = threading.Lock()
    go = threading.Event()
    stop = [False]
    counter = [0]
    ops = [0] * 4

    def worker(i):
        go.wait(BOUND)
        mine = 0
        while not stop[0]:
            with lock:
                counter[0] += 1
            mine += 1
        ops[i] = mine

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    go.set()
    start = time.perf_counter()
    time.sleep(seconds)  # the measuring period, not a synchronisation
    stop[0] = True
    for t in threads:
        t.join(BOUND)
    elapsed = time.perf_counter() - start
    total = sum(ops)
    assert total == counter[0], (total, counter[0])
    return total / elapsed, min(ops) / total, max(ops) / total


def jthreading_contended(jthreading, java_class, seconds, java_count=2):
    """``java_count`` Java + 2 jthreading.Thread Python threads, one jthreading.Lock, one
    AtomicLong counter used through get/set under the lock: each thread's ops/s."""
    PingPong = java_class("io.jthreading.bench.PingPong")
    AtomicLong = java_class("java.util.concurrent.atomic.AtomicLong")
    AtomicBoolean = java_class("java.util.concurrent.atomic.AtomicBoolean")
    lock = jthreading.Lock()
    go = jthreading.Event()
    stop = AtomicBoolean(False)
    py_stop = [False]
    counter = AtomicLong()
    java_ops = [AtomicLong() for _ in range(java_count)]
    java_threads = [PingPong.startIncrementer(lock, counter, go, stop, java_ops[i], f"bench-java-{i}")
                    for i in range(java_count)]
    py_ops = [0, 0]

    def worker(i):
        go.wait(BOUND)
        mine = 0
        get, set_ = counter.get, counter.set
        while not py_stop[0]:
            with lock:
                set_(get() + 1)
            mine += 1
        py_ops[i] = mine

    py_threads = [jthreading.Thread(target=worker, args=(i,), name=f"bench-py-{i}") for i in range(2)]
    for t in py_threads:
        t.start()
    go.set()
    start = time.perf_counter()
    time.sleep(seconds)  # the measuring period, not a synchronisation
    stop.set(True)
    py_stop[0] = True
    for t in py_threads:
        t.join(BOUND)
    for t in java_threads:
        if not PingPong.join(t):
            raise RuntimeError("Java incrementer did not stop")
    elapsed = time.perf_counter() - start
    ops = [a.get() for a in java_ops] + py_ops
    total = sum(ops)
    if total != counter.get():
        raise RuntimeError(f"lost updates: threads counted {total}, counter says {counter.get()}")
    return [o / elapsed for o in ops]
