"""jthreading.distributed (issue 14) against kazoo, Python's ZooKeeper client, on the same
ZooKeeper server: the embedded single-node one that ``Coordinator()`` starts in this process;
kazoo connects to ``coord.hosts``. Where kazoo has no equivalent recipe (a cyclic Barrier, a
Condition), the reference is Java calling the same io.jthreading.distributed objects directly
(io.jthreading.bench.DistributedBench, in tests-java); on the kazoo rows that Java figure is an
extra line, so the Python-to-Java crossing's share shows everywhere.

Each row's extra line also counts the ZooKeeper requests per operation of each side, and the
writes among them: the server's "Received" packet count and its last transaction id (its
``srvr`` command) around some operations; a ping of an idle session can add a few hundredths,
and opening or closing a session counts as a write.

Needs the distributed jars (the wheel carries them) and kazoo
(benchmarks/requirements.txt); without them the section is skipped with a note.
"""

import itertools
import socket
import sys
import threading
import time
import uuid

from javaside import Row
from operations import BOUND

SECTION = "distributed"
#: Operations (or rounds) per sample; run.py shrinks them for --quick. A ZooKeeper write costs a
#: millisecond or two (the server syncs its log), so these are small.
SIZES = {"ops": 40, "rounds": 20, "connects": 6}
QUICK_SIZES = {"ops": 12, "rounds": 6, "connects": 3}
REQUEST_COUNT_OPS = 10  # operations per side whose requests are counted, once, after the repeats

_env = None  # the coordinators and the kazoo client, made at the first row's first sample
_fresh = itertools.count()


class _Environment:
    def __init__(self, coordinator_class, kazoo_client_class, bench_class):
        self.coord = coordinator_class()  # starts the embedded ZooKeeper
        self.hosts = self.coord.hosts
        self.other = coordinator_class(self.hosts)  # a second session, for the 2-party rows
        self.kazoo = kazoo_client_class(hosts=self.hosts)
        self.kazoo.start(timeout=BOUND)
        self.coordinator_class, self.kazoo_client_class = coordinator_class, kazoo_client_class
        self.bench = bench_class
        self.run = uuid.uuid4().hex[:8]  # a fresh namespace for this run's names

    def name(self, what):
        return f"bench/{self.run}/{what}"

    def kazoo_path(self, what):
        return f"/jthreading-bench/{self.run}/{what}"

    def close(self):
        self.kazoo.stop()
        self.kazoo.close()
        self.other.close()
        self.coord.close()


def close():
    """Ends the sessions and the embedded server, if a row made them."""
    global _env
    if _env is not None:
        _env.close()
        _env = None


def server_counts(hosts):
    """(packets received from every session, last transaction id) of the server, from its srvr
    four-letter command: every request is a packet, and every write a transaction."""
    host, port = hosts.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=BOUND) as s:
        s.sendall(b"srvr")
        reply = b""
        while chunk := s.recv(4096):
            reply += chunk
    fields = dict(line.split(":", 1) for line in reply.decode().splitlines() if ":" in line)
    try:
        return int(fields["Received"]), int(fields["Zxid"], 16)
    except (KeyError, ValueError):
        raise RuntimeError(f"no Received or Zxid in the server's srvr reply: {reply!r}") from None


def requests_per_op(measure, n):
    """(requests, writes) per operation: those of measure(2n) minus those of measure(n), per
    operation, so that what a sample's set-up costs (kazoo's Lock object checks its path once)
    cancels out."""
    def counts(k):
        before = server_counts(_env.hosts)
        measure(k)
        after = server_counts(_env.hosts)
        return after[0] - before[0], after[1] - before[1]
    (r1, w1), (r2, w2) = counts(n), counts(2 * n)
    return (r2 - r1) / n, (w2 - w1) / n


def per_op(fn, n):
    """ns per operation of fn(n)."""
    start = time.perf_counter_ns()
    fn(n)
    return (time.perf_counter_ns() - start) / n


def with_partner(partner, mine):
    """Runs partner() on a new thread and mine() here: mine's ns, after partner ended."""
    failed = []

    def run():
        try:
            partner()
        except BaseException as e:  # noqa: BLE001 - reported below
            failed.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    start = time.perf_counter_ns()
    mine()
    elapsed = time.perf_counter_ns() - start
    thread.join(BOUND)
    if thread.is_alive():
        raise RuntimeError("the partner thread did not end within the bound")
    if failed:
        raise failed[0]
    return elapsed


# ---------------------------------------------------------------- the loops, one per side

def _take_and_give(acquire, release, n):
    """The acquire+release rows' loop, the same for every side."""
    for _ in range(n):
        acquire()
        release()


def jt_lock(n, kind="Lock"):
    lock = getattr(_env.coord, kind)(_env.name(kind))
    _take_and_give(lock.acquire, lock.release, n)


def kazoo_lock(n):
    lock = _env.kazoo.Lock(_env.kazoo_path("lock"))
    _take_and_give(lock.acquire, lock.release, n)


def jt_semaphore(n):
    sem = _env.coord.Semaphore(_env.name("semaphore"), 1)
    _take_and_give(sem.acquire, sem.release, n)


def kazoo_semaphore(n):
    sem = _env.kazoo.Semaphore(_env.kazoo_path("semaphore"), max_leases=1)
    _take_and_give(sem.acquire, sem.release, n)


def jt_event_set_clear(n):
    event = _env.coord.Event(_env.name("event"))
    set_, clear = event.set, event.clear
    for _ in range(n):
        set_()
        clear()


def kazoo_set_clear(n):
    """What a kazoo user writes for a flag: two unconditional writes of the node's data."""
    path = _env.kazoo_path("event")
    _env.kazoo.ensure_path(path)
    set_ = _env.kazoo.set
    for _ in range(n):
        set_(path, b"1")
        set_(path, b"0")


def jt_is_set(n):
    is_set = _env.coord.Event(_env.name("event")).is_set
    for _ in range(n):
        is_set()


def kazoo_is_set(n):
    path = _env.kazoo_path("event")
    _env.kazoo.ensure_path(path)
    get = _env.kazoo.get
    for _ in range(n):
        get(path)[0] == b"1"  # noqa: B015 - the comparison is part of is_set()


def jt_new_lock(n):
    prefix = _env.name(f"new/{next(_fresh)}/")
    Lock = _env.coord.Lock
    for i in range(n):
        lock = Lock(f"{prefix}{i}")
        lock.acquire()
        lock.release()


def kazoo_new_lock(n):
    prefix = _env.kazoo_path(f"new/{next(_fresh)}/")
    Lock = _env.kazoo.Lock
    for i in range(n):
        lock = Lock(f"{prefix}{i}")
        lock.acquire()
        lock.release()


#: Factory name -> the arguments after the name (the Java side, DistributedBench.newNamed, the same).
NEW_NAMED = {"Lock": (), "RLock": (), "Semaphore": (1,), "BoundedSemaphore": (1,), "Event": (),
             "Barrier": (2,), "Condition": ()}


def jt_new_named(kind, prefix=None):
    """n new named objects of one kind, made and not used; with a fixed prefix, the same n
    objects again (the coordinator's own: no request)."""
    def measure(n):
        start = prefix if prefix is not None else _env.name(f"new/{next(_fresh)}/")
        factory, args = getattr(_env.coord, kind), NEW_NAMED[kind]
        for i in range(n):
            factory(f"{start}{i}", *args)
    return measure


def jt_fencing_token(kind):
    """n reads of fencing_token while a Lock or a Semaphore(1) is held here; with the Java side
    (DistributedBench.fencingToken), the names are per side so neither waits for the other."""
    def measure(n):  # ns per read: the acquire and release are outside the timing
        held = getattr(_env.coord, kind)(_env.name(f"fencing-{kind}"), *NEW_NAMED[kind])
        with held:
            start = time.perf_counter_ns()
            for _ in range(n):
                held.fencing_token  # noqa: B018 - the property read is the operation
            return (time.perf_counter_ns() - start) / n
    return measure


def jt_connect(n):
    Coordinator, hosts = _env.coordinator_class, _env.hosts
    for _ in range(n):
        Coordinator(hosts).close()


def kazoo_connect(n):
    KazooClient, hosts = _env.kazoo_client_class, _env.hosts
    for _ in range(n):
        client = KazooClient(hosts=hosts)
        client.start(timeout=BOUND)
        client.stop()
        client.close()


def jt_barrier(rounds):
    """ns per round of a 2-party Barrier: this thread on one coordinator, a partner on another."""
    name = _env.name("barrier")
    mine, theirs = _env.coord.Barrier(name, 2), _env.other.Barrier(name, 2)

    def waits(barrier):
        return lambda: [barrier.wait(BOUND) for _ in range(rounds)]

    return with_partner(waits(theirs), waits(mine)) / rounds


def jt_condition(rounds):
    """ns per round trip (two notify -> wake hand-offs) over one Condition (its own RLock)
    between this thread on one coordinator and a partner on another; the turn is a variable of
    this process, read and written under the distributed lock. Each thread holds the lock but
    while it waits, so every hand-off is a wake-up by notify(): with the lock taken anew each
    round, the lock's queue alone would order the turns and nobody would wait."""
    name = _env.name("condition")
    turn = [0]

    def ping_pong(cv, me):
        def run():
            with cv:
                for _ in range(rounds):
                    if not cv.wait_for(lambda: turn[0] == me, BOUND):
                        raise RuntimeError("condition ping-pong: no turn within the bound")
                    turn[0] = 1 - me
                    cv.notify()
        return run

    return with_partner(ping_pong(_env.other.Condition(name), 1),
                        ping_pong(_env.coord.Condition(name), 0)) / rounds


def java(method, *args):
    """ns per operation of DistributedBench.<method>(..., n), which times itself in Java."""
    def measure(n):
        return getattr(_env.bench, method)(*[a() if callable(a) else a for a in args], n) / n
    return measure


# ---------------------------------------------------------------- the rows

def rows(jthreading):
    try:
        from jthreading._embedding import java_class
        from jthreading.distributed import Coordinator
        from kazoo.client import KazooClient
        bench = java_class("io.jthreading.bench.DistributedBench")
    except Exception as e:  # noqa: BLE001 - skip the section, say why
        print(f"distributed section skipped: {e} (it needs the jthreading-distributed jars and "
              "tests-java's classes on CLASSPATH, and kazoo: benchmarks/requirements.txt)",
              file=sys.stderr)
        return []

    def env():
        global _env
        if _env is None:
            _env = _Environment(Coordinator, KazooClient, bench)
        return _env

    def sample(measure, size, *, per_call=False):
        """A zero-argument sample: measure(n) is ns per op itself, or (per_call) a loop to time."""
        def run():
            env()
            n = SIZES[size]
            return measure(n) if not per_call else per_op(measure, n)
        return run

    coord = lambda: _env.coord  # noqa: E731 - resolved at sample time
    other = lambda: _env.other  # noqa: E731
    named = lambda what: lambda: _env.name(what)  # noqa: E731
    fresh = lambda: _env.name(f"new/{next(_fresh)}/java-")  # noqa: E731

    def row(name, unit, jt, ref_label, ref, size, java_direct=None, jt_loop=True, ref_loop=True):
        r = Row(SECTION, name, unit, sample(jt, size, per_call=jt_loop), ref_label,
                sample(ref, size, per_call=ref_loop), None)
        if java_direct is not None:
            r.extras = [("Java direct", sample(java_direct, size))]
        r.describe = lambda: describe(jt, ref, ref_label)
        return r

    return [
        row("Lock acquire+release, uncontended", "ns/op", jt_lock, "kazoo Lock", kazoo_lock,
            "ops", java("lock", coord, named("Lock"))),
        row("RLock acquire+release, uncontended", "ns/op", lambda n: jt_lock(n, "RLock"),
            "kazoo Lock", kazoo_lock, "ops", java("rLock", coord, named("RLock"))),
        row("Semaphore(1) acquire+release, uncontended", "ns/op", jt_semaphore,
            "kazoo Semaphore(max_leases=1)", kazoo_semaphore, "ops",
            java("semaphore", coord, named("semaphore"), 1)),
        row("Event set()+clear()", "ns/op", jt_event_set_clear,
            "kazoo set(path, b'1')+set(path, b'0')", kazoo_set_clear, "ops",
            java("eventSetClear", coord, named("event"))),
        row("Event is_set()", "ns/op", jt_is_set, "kazoo get(path)[0] == b'1'", kazoo_is_set,
            "ops", java("eventIsSet", coord, named("event"))),
        row("Barrier(2) round, 2 threads on 2 coordinators", "ns/round", jt_barrier,
            "Java direct (kazoo: no cyclic barrier)",
            java("barrierRounds", coord, other, named("barrier")), "rounds",
            jt_loop=False, ref_loop=False),
        row("Condition notify->wake round trip, 2 threads on 2 coordinators", "ns/rt", jt_condition,
            "Java direct (kazoo: no condition)",
            java("conditionRoundTrips", coord, other, named("condition")), "rounds",
            jt_loop=False, ref_loop=False),
        row("new named Lock + first acquire+release", "ns/op", jt_new_lock,
            "kazoo new Lock + acquire+release", kazoo_new_lock, "ops",
            java("newLock", coord, fresh)),
        *[row(f"new named {kind}({', '.join(['name', *map(str, NEW_NAMED[kind])])})", "ns/op",
              jt_new_named(kind), "Java direct (made, not used)",
              java("newNamed", coord, kind, fresh), "ops", ref_loop=False)
          for kind in NEW_NAMED],
        row("Lock(name) again: the coordinator's object", "ns/op",
            jt_new_named("Lock", "bench/again/"), "Java direct",
            java("newNamed", coord, "Lock", "bench/again/"), "ops", ref_loop=False),
        *[row(f"{kind}.fencing_token, held", "ns/op", jt_fencing_token(kind), "Java direct",
              java("fencingToken", coord, kind, named(f"fencing-{kind}-java")), "ops",
              jt_loop=False, ref_loop=False)
          for kind in ("Lock", "Semaphore")],
        row("Coordinator connect+close", "ns/op", jt_connect, "kazoo KazooClient start+stop",
            kazoo_connect, "connects", java("connectClose", lambda: _env.hosts)),
    ]


def describe(jt, ref, ref_label):
    """The requests (and writes among them) per operation of both sides; Java direct makes
    jthreading's."""
    if _env is None:
        return ""
    side = "Java direct" if ref_label.startswith("Java direct") else ref_label.split(" ")[0]
    counts = [requests_per_op(fn, REQUEST_COUNT_OPS) for fn in (jt, ref)]
    return "ZooKeeper requests (writes) per op: " + ", ".join(
        f"{who} {r:.1f} ({w:.1f})" for who, (r, w) in zip(("jthreading", side), counts))


NOTE = ("Distributed: one embedded single-node ZooKeeper in this process (its writes sync the "
        "log to disk); ratio = jthreading.distributed from Python / kazoo on the same server, or "
        "/ Java calling the same objects directly where kazoo has no such recipe. 'Java direct' "
        "lines: the same io.jthreading.distributed calls from Java (no Jep crossing).")
