"""jthreading benchmarks (issue 5): jthreading vs CPython's threading and java.util.concurrent.

The whole benchmark command (build, JMH for P3, this script, one table) is

    mvn -B -Pbench -DskipTests verify

By hand, after a build, under the launcher with the Java helper (io.jthreading.bench.PingPong)
on CLASSPATH:

    CLASSPATH=tests-java/target/classes /tmp/jthreading-venvs$PWD/default/bin/jthreading run benchmarks/run.py \
        [--repeats N] [--quick] [--no-plain] [--jmh-results benchmarks/jmh/target/jmh-result.json]

Every figure is the median of N repeats (default 7) with min and max; jthreading and its reference
are measured alternately in each repeat, in the same process. The CPython references are also
measured in a plain CPython (no JVM, no jthreading imported) in a subprocess: under the launcher,
jthreading hooks threading.Thread.start (JVM attach/detach), so the in-process reference is not
pure CPython for P4/P5/P6. P3 (Java side) comes from JMH's results, merged in with
--jmh-results. Results: a table on stdout, benchmarks/results/latest.csv and, with matplotlib,
benchmarks/results/latest.png.

Not part of the unit tests. This file also runs as a plain-CPython reference worker
(``python run.py --reference-only``), which prints JSON.
"""

import argparse
import csv
import json
import os
import platform
import queue
import statistics
import subprocess
import sys
import threading
import time

import chart
import jmh_results

HERE = os.path.dirname(os.path.abspath(__file__))
BOUND = 30  # seconds: every wait is bounded

# Operations per timed repeat (per benchmark side).
MICRO_N = 100_000
PINGPONG_ROUNDS = 2_000
START_JOIN_N = 200
QUEUE_ITEMS = 20_000
CONTENDED_SECONDS = 1.0


def timed(fn, n):
    """ns per operation of fn(n)."""
    start = time.perf_counter_ns()
    fn(n)
    return (time.perf_counter_ns() - start) / n


# ---------------------------------------------------------------- loop bodies (shared by both sides)

def empty_loop(n):
    for _ in range(n):
        pass


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
    acquire, release = sem.acquire, sem.release

    def run(n):
        for _ in range(n):
            acquire()
            release()
    return run


def make_is_set(event):
    is_set = event.is_set

    def run(n):
        for _ in range(n):
            is_set()
    return run


def make_set(event):
    set_ = event.set

    def run(n):
        for _ in range(n):
            set_()
    return run


def make_local_read(loc):
    loc.x = 1

    def run(n):
        for _ in range(n):
            loc.x
    return run


def make_local_write(loc):
    def run(n):
        for _ in range(n):
            loc.x = 1
    return run


def python_pingpong(mod, rounds):
    """Round trip ns: two mod.Thread-s (this one and a ponger) handing off through mod.Event-s."""
    ping, pong = mod.Event(), mod.Event()

    def ponger():
        for _ in range(rounds):
            if not ping.wait(BOUND):
                raise RuntimeError("ponger: no ping")
            ping.clear()
            pong.set()

    t = mod.Thread(target=ponger, daemon=True)
    t.start()
    start = time.perf_counter_ns()
    for _ in range(rounds):
        ping.set()
        if not pong.wait(BOUND):
            raise RuntimeError("pinger: no pong")
        pong.clear()
    elapsed = time.perf_counter_ns() - start
    t.join(BOUND)
    return elapsed / rounds


def noop():
    pass


def make_start_join(mod):
    def run(n):
        for _ in range(n):
            t = mod.Thread(target=noop)
            t.start()
            t.join()
    return run


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
    time.sleep(seconds)
    stop[0] = True
    for t in threads:
        t.join(BOUND)
    elapsed = time.perf_counter() - start
    total = sum(ops)
    assert total == counter[0], (total, counter[0])
    return total / elapsed, min(ops) / total, max(ops) / total


# ---------------------------------------------------------------- the CPython reference set

def make_put_get(q):
    def run(n):
        put, get, item = q.put, q.get, object()
        for _ in range(n):
            put(item)
            get()
    return run


def producer_consumer(mod, queues, n):
    """ns per item handed from a producer mod.Thread to this thread through queues.Queue(1000)."""
    q = queues.Queue(1000)
    item = object()

    def produce():
        for _ in range(n):
            q.put(item)

    t = mod.Thread(target=produce, daemon=True)
    start = time.perf_counter_ns()
    t.start()
    get = q.get
    for _ in range(n):
        get()
    elapsed = time.perf_counter_ns() - start
    t.join(BOUND)
    return elapsed / n


def cpython_cases():
    """name -> zero-arg callable returning one measurement (ns/op) for CPython's threading."""
    return {
        "P1 with Lock": lambda: timed(make_with(threading.Lock()), MICRO_N),
        "P2 RLock nested x2": lambda: timed(make_with_nested(threading.RLock()), MICRO_N),
        "P2 Semaphore acquire+release": lambda: timed(make_acquire_release(threading.Semaphore()), MICRO_N),
        "P2 Event.is_set()": lambda: timed(make_is_set(threading.Event()), MICRO_N),
        "P2 Event.set()": lambda: timed(make_set(threading.Event()), MICRO_N),
        "P2 local read": lambda: timed(make_local_read(threading.local()), MICRO_N),
        "P2 local write": lambda: timed(make_local_write(threading.local()), MICRO_N),
        "P4 Event ping-pong round trip": lambda: python_pingpong(threading, PINGPONG_ROUNDS),
        "P6 Thread start+join": lambda: timed(make_start_join(threading), START_JOIN_N),
        "Q1 Queue put+get": lambda: timed(make_put_get(queue.Queue()), MICRO_N),
        "Q2 Queue producer->consumer": lambda: producer_consumer(threading, queue, QUEUE_ITEMS),
    }


def reference_only(repeats):
    """Plain-CPython worker: medians etc. as JSON on stdout."""
    out = {}
    cases = cpython_cases()
    for fn in cases.values():  # warm-up
        fn()
    samples = {name: [] for name in cases}
    empty = []
    contended = []
    for _ in range(repeats):
        empty.append(timed(empty_loop, MICRO_N))
        for name, fn in cases.items():
            samples[name].append(fn())
        contended.append(cpython_contended(CONTENDED_SECONDS))
    base = statistics.median(empty)
    for name, values in samples.items():
        if name.startswith(("P1", "P2")):
            values = [v - base for v in values]
        out[name] = values
    out["P5 contended ops/s"] = [c[0] for c in contended]
    out["_empty_loop_ns"] = base
    json.dump(out, sys.stdout)


# ---------------------------------------------------------------- jthreading (under the launcher)

def main(args):
    p3 = read_p3(args.jmh_results) if args.jmh_results else None  # fail before the long part
    import jthreading
    from jthreading._embedding import java_class

    try:
        PingPong = java_class("io.jthreading.bench.PingPong")
    except Exception as e:  # noqa: BLE001 - report how to fix it
        sys.exit(f"io.jthreading.bench.PingPong not found ({e}); run with "
                 "CLASSPATH=tests-java/target/classes after mvn -B -DskipTests verify")
    ReentrantLock = java_class("java.util.concurrent.locks.ReentrantLock")
    AtomicLong = java_class("java.util.concurrent.atomic.AtomicLong")
    AtomicBoolean = java_class("java.util.concurrent.atomic.AtomicBoolean")

    def raw_reentrant(n):
        rl = ReentrantLock()
        lock_, unlock = rl.lock, rl.unlock
        for _ in range(n):
            lock_()
            unlock()

    def jthreading_contended(seconds, java_count=2):
        """``java_count`` Java + 2 jthreading.Thread Python threads, one jthreading.Lock, one
        AtomicLong counter used through get/set under the lock: each thread's ops/s."""
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
        time.sleep(seconds)
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

    from jthreading import queue as jqueue
    QueueWorkers = java_class("io.jthreading.testkit.QueueWorkers")

    def java_producer_consumer(n):
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

    ref = cpython_cases()
    # (name, unit, jthreading callable, reference label, reference callable, target ratio)
    pairs = [
        ("P1 with Lock", "ns/op", lambda: timed(make_with(jthreading.Lock()), MICRO_N),
         "threading.Lock", ref["P1 with Lock"], 1.5),
        ("P1 ref: raw ReentrantLock lock()/unlock() via Jep", "ns/op", lambda: timed(raw_reentrant, MICRO_N),
         "threading.Lock", ref["P1 with Lock"], None),
        ("P2 RLock nested x2", "ns/op", lambda: timed(make_with_nested(jthreading.RLock()), MICRO_N),
         "threading.RLock", ref["P2 RLock nested x2"], 2.0),
        ("P2 Semaphore acquire+release", "ns/op",
         lambda: timed(make_acquire_release(jthreading.Semaphore()), MICRO_N),
         "threading.Semaphore", ref["P2 Semaphore acquire+release"], 2.0),
        ("P2 Event.is_set()", "ns/op", lambda: timed(make_is_set(jthreading.Event()), MICRO_N),
         "threading.Event", ref["P2 Event.is_set()"], 2.0),
        ("P2 Event.set()", "ns/op", lambda: timed(make_set(jthreading.Event()), MICRO_N),
         "threading.Event", ref["P2 Event.set()"], 2.0),
        ("P2 local read", "ns/op", lambda: timed(make_local_read(jthreading.local()), MICRO_N),
         "threading.local", ref["P2 local read"], 2.0),
        ("P2 local write", "ns/op", lambda: timed(make_local_write(jthreading.local()), MICRO_N),
         "threading.local", ref["P2 local write"], 2.0),
        ("P4 round trip Java<->Python (jthreading.Event)", "ns/rt",
         lambda: java_python_pingpong(PINGPONG_ROUNDS),
         "CPython Py<->Py threading.Event", ref["P4 Event ping-pong round trip"], 1.0),
        ("P4 round trip Py<->Py (jthreading.Thread+Event)", "ns/rt",
         lambda: python_pingpong(jthreading, PINGPONG_ROUNDS),
         "CPython Py<->Py threading.Event", ref["P4 Event ping-pong round trip"], None),
        ("P4 round trip Java<->Java (io.jthreading.Event)", "ns/rt",
         lambda: PingPong.jthreadingRoundTrips(PINGPONG_ROUNDS) / PINGPONG_ROUNDS,
         "Java<->Java j.u.c.Semaphore", lambda: PingPong.jucRoundTrips(PINGPONG_ROUNDS) / PINGPONG_ROUNDS, None),
        ("P6 Thread start+join (Python target)", "ns/op", lambda: timed(make_start_join(jthreading), START_JOIN_N),
         "threading.Thread", ref["P6 Thread start+join"], 2.0),
        ("Q1 Queue put+get (jthreading.queue)", "ns/op",
         lambda: timed(make_put_get(jqueue.Queue()), MICRO_N),
         "queue.Queue", ref["Q1 Queue put+get"], 1.5),
        ("Q2 Queue producer->consumer 1:1, Python threads", "ns/item",
         lambda: producer_consumer(jthreading, jqueue, QUEUE_ITEMS),
         "queue.Queue + threading.Thread", ref["Q2 Queue producer->consumer"], None),
        ("Q2 Queue producer->consumer 1:1, Java producer", "ns/item",
         lambda: java_producer_consumer(QUEUE_ITEMS),
         "queue.Queue + threading.Thread", ref["Q2 Queue producer->consumer"], None),
    ]
    subtract_loop = lambda name: name.startswith(("P1", "P2"))  # noqa: E731

    print(f"jthreading benchmarks: {args.repeats} repeats, median [min-max]; "
          f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs", flush=True)
    print("warming up ...", flush=True)
    for _, _, jt, _, rf, _ in pairs:
        jt()
        rf()
    jt_samples = {p[0]: [] for p in pairs}
    rf_samples = {p[0]: [] for p in pairs}
    empty = []
    contended = []
    python_alone = []
    for r in range(args.repeats):
        print(f"repeat {r + 1}/{args.repeats}", flush=True)
        empty.append(timed(empty_loop, MICRO_N))
        for name, _, jt, _, rf, _ in pairs:
            jt_samples[name].append(jt())
            rf_samples[name].append(rf())
        contended.append(jthreading_contended(CONTENDED_SECONDS))
        python_alone.append(jthreading_contended(CONTENDED_SECONDS, java_count=0))

    plain = None
    if not args.no_plain:
        python = os.path.join(sys.prefix, "bin", "python")
        print(f"plain-CPython references ({python}) ...", flush=True)
        proc = subprocess.run([python, os.path.abspath(__file__), "--reference-only", "--repeats",
                               str(args.repeats)] + (["--quick"] if args.quick else []),
                              capture_output=True, text=True, timeout=300)
        if proc.returncode == 0:
            plain = json.loads(proc.stdout)
        else:
            print("plain-CPython run failed:\n" + proc.stderr, file=sys.stderr)

    base = statistics.median(empty)
    rows = []

    for name, unit, _, ref_label, _, target in pairs:
        jt_v, rf_v = jt_samples[name], rf_samples[name]
        if subtract_loop(name):
            jt_v = [v - base for v in jt_v]
            rf_v = [v - base for v in rf_v]
        plain_key = {
            "P1 with Lock": "P1 with Lock",
            "P1 ref: raw ReentrantLock lock()/unlock() via Jep": "P1 with Lock",
            "P4 round trip Java<->Python (jthreading.Event)": "P4 Event ping-pong round trip",
            "P4 round trip Py<->Py (jthreading.Thread+Event)": "P4 Event ping-pong round trip",
            "P6 Thread start+join (Python target)": "P6 Thread start+join",
            "Q1 Queue put+get (jthreading.queue)": "Q1 Queue put+get",
            "Q2 Queue producer->consumer 1:1, Python threads": "Q2 Queue producer->consumer",
            "Q2 Queue producer->consumer 1:1, Java producer": "Q2 Queue producer->consumer",
        }.get(name, name if name.startswith("P2") else None)
        pm = statistics.median(plain[plain_key]) if plain and plain_key in plain else None
        rows.append(summary_row(name, unit, jt_v, ref_label, rf_v, target, pm))
    if p3:
        cases, note = p3
        after_p2 = max(i for i, r in enumerate(rows) if r["benchmark"].startswith(("P1", "P2"))) + 1
        rows[after_p2:after_p2] = [summary_row(*case, paired=False) for case in cases]
        notes = [note]
    else:
        notes = ["P3 (Java side, JMH) not included: pass --jmh-results "
                 "(mvn -B -Pbench -DskipTests verify does)."]

    # P5: throughput with the plain/in-process CPython 4-thread figure as a reference
    ops = [sum(c) for c in contended]
    shares = [[o / sum(c) for o in c] for c in contended]
    om, olo, ohi = stats(ops)
    # What the Python threads keep of their own pace when the Java threads join in (their ops
    # cost ~100x a Java thread's, two Jep calls under the lock, so op shares alone mislead).
    py_kept = statistics.median(sum(c[2:]) / sum(alone) for c, alone in zip(contended, python_alone))
    py_alone = statistics.median(sum(alone) for alone in python_alone)
    min_share = statistics.median(min(s) for s in shares)
    max_share = statistics.median(max(s) for s in shares)
    per_thread = [statistics.median(s[i] for s in shares) for i in range(4)]
    pm = statistics.median(plain["P5 contended ops/s"]) if plain else None
    rows.append({
        "benchmark": "P5 contended 2 Java + 2 Py threads, one Lock", "unit": "ops/s",
        "jthreading": om, "jthreading_min": olo, "jthreading_max": ohi,
        "reference": "plain CPython 4 threads, threading.Lock (different workload)",
        "reference_median": pm, "reference_min": None, "reference_max": None,
        # no ratio: the workloads differ (Java threads, an AtomicLong counter), see the README
        "ratio": None, "ratio_min": None, "ratio_max": None,
        "plain_cpython_median": pm, "ratio_vs_plain": None, "target": None,
        "share_min": min_share, "share_max": max_share,
        "share_per_thread": " ".join(f"{s:.3f}" for s in per_thread),
        "python_alone": py_alone, "python_kept": py_kept,
    })

    print_table(rows, base, notes)
    write_results(rows, args)


def read_p3(path):
    try:
        return jmh_results.p3_rows(path)
    except (OSError, ValueError, KeyError, IndexError) as e:
        sys.exit(f"--jmh-results {path}: cannot read JMH's JSON results ({e!r}); "
                 "JMH writes them with -rf json")


def stats(values):
    return statistics.median(values), min(values), max(values)


def summary_row(name, unit, jt_v, ref_label, rf_v, target, plain_median=None, paired=True):
    """One table/CSV row from the two sides' samples. paired: sample i of both sides was taken
    in the same repeat, so the per-repeat ratios give the ratio's spread."""
    jm, jlo, jhi = stats(jt_v)
    rm, rlo, rhi = stats(rf_v)
    ratios = [j / r for j, r in zip(jt_v, rf_v)] if paired else []
    return {
        "benchmark": name, "unit": unit,
        "jthreading": jm, "jthreading_min": jlo, "jthreading_max": jhi,
        "reference": ref_label, "reference_median": rm, "reference_min": rlo, "reference_max": rhi,
        "ratio": jm / rm, "ratio_min": min(ratios, default=None), "ratio_max": max(ratios, default=None),
        "plain_cpython_median": plain_median,
        "ratio_vs_plain": (jm / plain_median) if plain_median else None,
        "target": target,
    }


def fmt(v, unit="ns/op"):
    if v is None:
        return "-"
    if unit == "ops/s":
        return f"{v / 1e6:.2f}M"
    if v >= 10_000:
        return f"{v / 1000:.1f}us"
    return f"{v:.0f}ns" if v >= 100 else f"{v:.1f}ns"


def print_table(rows, base, notes):
    print()
    header = f"{'benchmark':50} {'jthreading [min-max]':28} {'CPython/ref [min-max]':28} {'ratio':>6} {'plain':>8} {'r/plain':>7} {'target':>6}"
    print(header)
    print("-" * len(header))
    for r in rows:
        u = r["unit"]
        j = f"{fmt(r['jthreading'], u)} [{fmt(r['jthreading_min'], u)}-{fmt(r['jthreading_max'], u)}]"
        if r["reference_min"] is not None:
            ref = f"{fmt(r['reference_median'], u)} [{fmt(r['reference_min'], u)}-{fmt(r['reference_max'], u)}]"
        else:
            ref = fmt(r["reference_median"], u)
        ratio = f"{r['ratio']:.2f}x" if r["ratio"] is not None else "-"
        rp = f"{r['ratio_vs_plain']:.2f}x" if r["ratio_vs_plain"] is not None else "-"
        target = f"<={r['target']}x" if r["target"] else ""
        print(f"{r['benchmark']:50} {j:28} {ref:28} {ratio:>6} {fmt(r['plain_cpython_median'], u):>8} {rp:>7} {target:>6}")
        if "share_min" in r:
            print(f"{'':50} per-thread share (java0 java1 py0 py1): {r['share_per_thread']}; "
                  f"min {r['share_min']:.3f} max {r['share_max']:.3f}")
            print(f"{'':50} the 2 Python threads keep {r['python_kept']:.0%} of their ops/s "
                  f"without the Java threads ({fmt(r['python_alone'], 'ops/s')} alone)")
    print()
    print(f"P1/P2 figures have the empty-loop cost ({base:.1f} ns/iteration) subtracted. "
          "ratio = jthreading median / in-process reference median; 'plain' = CPython in a separate "
          "process without the JVM (r/plain = jthreading / plain).")
    for note in notes:
        print(note)


def write_results(rows, args):
    """benchmarks/results/latest.csv, and latest.png when matplotlib is there."""
    out_dir = os.path.join(HERE, "results")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "latest.csv")
    fields = ["benchmark", "unit", "jthreading", "jthreading_min", "jthreading_max", "reference",
              "reference_median", "reference_min", "reference_max", "ratio", "ratio_min", "ratio_max",
              "plain_cpython_median", "ratio_vs_plain", "target", "share_min", "share_max",
              "share_per_thread", "python_alone", "python_kept", "repeats", "machine"]
    machine = f"{platform.platform()} {platform.processor() or platform.machine()} {os.cpu_count()} CPUs"
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for r in rows:
            row = {k: (f"{v:.4g}" if isinstance(v, float) else v) for k, v in r.items()}
            row.update(repeats=args.repeats, machine=machine)
            w.writerow(row)
    print(f"wrote {os.path.relpath(path)}")
    png = os.path.join(out_dir, "latest.png")
    if chart.write_png(rows, png):
        print(f"wrote {os.path.relpath(png)}")
    else:
        print("matplotlib not importable: no PNG chart (mvn -Pbench installs it into the default venv from "
              "benchmarks/requirements.txt)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="fewer operations per repeat (smoke run)")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain-CPython subprocess")
    parser.add_argument("--jmh-results", metavar="FILE",
                        help="JMH's JSON results (-rf json) of benchmarks/jmh: adds the P3 rows")
    parser.add_argument("--reference-only", action="store_true", help=argparse.SUPPRESS)
    a = parser.parse_args()
    if a.quick:
        MICRO_N, PINGPONG_ROUNDS, START_JOIN_N, CONTENDED_SECONDS = 10_000, 200, 20, 0.2
    if a.reference_only:
        reference_only(a.repeats)
    else:
        main(a)
