"""Workload benchmarks (issue 12): queue producers/consumers, a thread pool, logging from threads.

Each workload takes the modules it runs on, so the same code runs (a) in-process on
jthreading + jthreading.queue or threading + queue, and (b) as a script that imports only the
standard library: ``python workloads.py CASE...`` and ``jthreading run --patch workloads.py
CASE...`` (drop-in: ``import threading`` gives jthreading, and queue, concurrent.futures and
logging build on it). As a script it prints JSON: {case: [ns per item, one per repeat]}.
"""

import functools
import io
import json
import sys
import time

BOUND = 30  # seconds: every wait is bounded

#: Items per timed repeat; run.py (and the script's --quick) shrink them.
SIZES = {"items": 20_000, "futures": 2_000, "map": 10_000, "records": 2_000}


def _join_all(threads):
    deadline = time.monotonic() + BOUND
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
        if t.is_alive():
            raise RuntimeError(f"{t.name} did not end within {BOUND} s")


def producer_consumer(threads_mod, queue_mod, producers, consumers, maxsize, items, timeout=None):
    """ns per item: `producers` threads put items/producers each, `consumers` threads get
    items/consumers each (exact counts, checked); every thread a threads_mod.Thread (a daemon).
    put() and get() as most programs call them, without a timeout (or with `timeout`): the
    bound is this thread's join, which fails the run after BOUND seconds."""
    q = queue_mod.Queue(maxsize)
    put = q.put if timeout is None else functools.partial(q.put, timeout=timeout)
    get = q.get if timeout is None else functools.partial(q.get, timeout=timeout)
    go = threads_mod.Event()
    per_producer, per_consumer = items // producers, items // consumers
    got = []

    def produce():
        go.wait(BOUND)
        item = object()
        for _ in range(per_producer):
            put(item)

    def consume():
        go.wait(BOUND)
        n = 0
        for _ in range(per_consumer):
            get()
            n += 1
        got.append(n)

    threads = [threads_mod.Thread(target=produce, daemon=True) for _ in range(producers)]
    threads += [threads_mod.Thread(target=consume, daemon=True) for _ in range(consumers)]
    for t in threads:
        t.start()
    start = time.perf_counter_ns()
    go.set()
    _join_all(threads)
    elapsed = time.perf_counter_ns() - start
    if sum(got) != per_producer * producers or len(got) != consumers:
        raise RuntimeError(f"lost items: consumers got {got}")
    return elapsed / sum(got)


def executor_submit(futures_mod, n):
    """ns per submit(f)+result(), one at a time, on a ThreadPoolExecutor(4)."""
    with futures_mod.ThreadPoolExecutor(4) as pool:
        pool.submit(int).result(BOUND)  # the first worker starts here
        start = time.perf_counter_ns()
        for i in range(n):
            pool.submit(abs, i).result(BOUND)
        return (time.perf_counter_ns() - start) / n


def executor_map(futures_mod, n):
    """ns per item of list(ThreadPoolExecutor(4).map(abs, range(n)))."""
    with futures_mod.ThreadPoolExecutor(4) as pool:
        list(pool.map(int, range(8), timeout=BOUND))  # workers start here
        start = time.perf_counter_ns()
        out = list(pool.map(abs, range(n), timeout=BOUND))
        elapsed = time.perf_counter_ns() - start
    if len(out) != n:
        raise RuntimeError("map lost items")
    return elapsed / n


def logging_threads(threads_mod, logging_mod, records, threads=4):
    """ns per record: `threads` threads log `records` records each through one StreamHandler
    into an io.StringIO (the handler's lock serialises them); the line count is checked."""
    stream = io.StringIO()
    handler = logging_mod.StreamHandler(stream)
    handler.setFormatter(logging_mod.Formatter("%(threadName)s %(message)s"))
    logger = logging_mod.getLogger(f"bench.{id(stream)}")
    logger.propagate = False
    logger.setLevel(logging_mod.INFO)
    logger.addHandler(handler)
    go = threads_mod.Event()

    def log():
        go.wait(BOUND)
        info = logger.info
        for i in range(records):
            info("record %d", i)

    workers = [threads_mod.Thread(target=log, daemon=True) for _ in range(threads)]
    for t in workers:
        t.start()
    start = time.perf_counter_ns()
    go.set()
    _join_all(workers)
    elapsed = time.perf_counter_ns() - start
    logger.removeHandler(handler)
    lines = stream.getvalue().count("\n")
    if lines != records * threads:
        raise RuntimeError(f"logged {lines} lines, expected {records * threads}")
    return elapsed / lines


def queue_case(producers, consumers, maxsize, timeout=None):
    return lambda threads_mod, queue_mod: producer_consumer(
        threads_mod, queue_mod, producers, consumers, maxsize, SIZES["items"], timeout)


#: The queue workloads: name -> fn(threads module, queue module); rows in-process and drop-in.
QUEUE_CASES = {
    "Queue 1:1 unbounded": queue_case(1, 1, 0),
    "Queue 1:1 Queue(100)": queue_case(1, 1, 100),
    "Queue 4:4 unbounded": queue_case(4, 4, 0),
    "Queue 4:4 Queue(100)": queue_case(4, 4, 100),
}
#: The timed put/get path (in-process only).
TIMED_QUEUE_CASE = ("Queue 1:1 unbounded, put/get(timeout=30)", queue_case(1, 1, 0, BOUND))


SUBMIT, MAP, LOGGING = ("ThreadPoolExecutor(4) submit+result", "ThreadPoolExecutor(4) map",
                        "logging, 4 threads, StreamHandler")


def script_case_names():
    return list(QUEUE_CASES) + [SUBMIT, MAP, LOGGING]


def script_cases():
    """The drop-in script's cases: name -> zero-argument callable, on the standard library as
    this process sees it (jthreading under --patch)."""
    import concurrent.futures
    import logging
    import queue
    import threading

    cases = {name: (lambda fn=fn: fn(threading, queue)) for name, fn in QUEUE_CASES.items()}
    cases.update({
        SUBMIT: lambda: executor_submit(concurrent.futures, SIZES["futures"]),
        MAP: lambda: executor_map(concurrent.futures, SIZES["map"]),
        LOGGING: lambda: logging_threads(threading, logging, SIZES["records"]),
    })
    return cases


def _script(argv):
    """python workloads.py [--quick] [--repeats N] CASE...: JSON {case: [samples]} on stdout,
    plus "_threading": the module `import threading` gave (and what logging and
    concurrent.futures bound), so a drop-in run proves it ran on jthreading."""
    import argparse
    import concurrent.futures.thread
    import logging
    import threading

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args(argv)
    if args.quick:
        SIZES.update(items=4_000, futures=400, map=2_000, records=500)
    cases = script_cases()
    chosen = args.cases or list(cases)
    out = {name: [] for name in chosen}
    for name in chosen:  # warm-up
        cases[name]()
    for _ in range(args.repeats):
        for name in chosen:
            out[name].append(cases[name]())
    out["_threading"] = [threading.__name__, logging.threading.__name__,
                         concurrent.futures.thread.threading.__name__]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    _script(sys.argv[1:])
