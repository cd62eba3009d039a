"""Scaling (issue 12): ns per operation as threads grow, 2 to 512 threads of one module on one
Lock or one Condition. A fixed total of operations split evenly over the threads (fewer per
thread as they grow), the threads started by the module's own Thread and released together by
an Event; the clock runs from that release to the last join. Totals are checked exactly.
"""

import time

from operations import BOUND, Case

THREAD_COUNTS = [2, 8, 64, 512]
SIZES = {"ops": 100_000}


def _run(mod, bodies):
    """Starts one mod.Thread per body (each waits for the go event), releases them, joins all
    (bounded): ns from the release to the last join."""
    go, failures = mod.Event(), []

    def wrap(body):
        def run():
            try:
                if not go.wait(BOUND):
                    raise RuntimeError("no go")
                body()
            except BaseException as e:  # noqa: BLE001 - reported below
                failures.append(e)
        return run

    threads = [mod.Thread(target=wrap(b), daemon=True) for b in bodies]
    for t in threads:
        t.start()
    start = time.perf_counter_ns()
    go.set()
    deadline = time.monotonic() + BOUND
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
        if t.is_alive():
            raise RuntimeError(f"scaling: a thread did not end within {BOUND} s")
    elapsed = time.perf_counter_ns() - start
    if failures:
        raise failures[0]
    return elapsed


def lock_counter(mod, threads, total):
    """ns per ``with lock: counter += 1``, `threads` threads doing total/threads each."""
    lock, counter = mod.Lock(), [0]
    per_thread = total // threads

    def body():
        for _ in range(per_thread):
            with lock:
                counter[0] += 1

    elapsed = _run(mod, [body] * threads)
    if counter[0] != per_thread * threads:
        raise RuntimeError(f"lost updates: {counter[0]} != {per_thread * threads}")
    return elapsed / counter[0]


def condition_handoff(mod, threads, total):
    """ns per item: threads/2 producers add total/(threads/2) items each to a count under one
    Condition and notify() one waiter per item; threads/2 consumers each take as many, waiting
    (wait_for, bounded) while the count is 0. Only consumers ever wait, so each notify() wakes
    one that has an item to take or finds it taken and waits again; no wake-up is lost."""
    cv, state = mod.Condition(), {"items": 0, "taken": 0}
    pairs = threads // 2
    per_thread = total // pairs

    def produce():
        for _ in range(per_thread):
            with cv:
                state["items"] += 1
                cv.notify()

    def consume():
        for _ in range(per_thread):
            with cv:
                if not cv.wait_for(lambda: state["items"] > 0, BOUND):
                    raise RuntimeError("consumer: no item within the bound")
                state["items"] -= 1
                state["taken"] += 1

    elapsed = _run(mod, [produce] * pairs + [consume] * pairs)
    if state["taken"] != per_thread * pairs or state["items"] != 0:
        raise RuntimeError(f"condition scaling: {state}")
    return elapsed / state["taken"]


def cases():
    s = "scaling"
    out = []
    for fn, label in ((lock_counter, "Lock: with lock: counter += 1"),
                      (condition_handoff, "Condition producers/consumers")):
        for n in THREAD_COUNTS:
            out.append(Case(s, f"{label}, {n} threads",
                            lambda m, fn=fn, n=n: fn(m, n, SIZES["ops"]), unit="ns/op"))
    return out
