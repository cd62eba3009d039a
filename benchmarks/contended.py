"""Benchmark cases with waiters (issue 12): two or more threads of the same module hand off
through one primitive. The partners start with mod.Thread, say they are ready through a
mod.Event, and every wait is bounded (a timeout raises: a lost wake-up fails the run instead of
hanging it). Each figure is ns per round (a round trip where two threads take turns).
"""

import time

from operations import BOUND, SIZES, Case


def _timeout(what):
    raise RuntimeError(f"{what}: no partner within {BOUND} s")


def _partner(mod, body):
    """Starts body(ready) on a daemon mod.Thread and waits (bounded) until it sets ready."""
    ready, failures = mod.Event(), []

    def run():
        try:
            body(ready)
        except BaseException as e:  # noqa: BLE001 - reported by _join
            failures.append(e)
            ready.set()
    t = mod.Thread(target=run, daemon=True)
    t.start()
    if not ready.wait(BOUND):
        _timeout("partner start")
    return t, failures


def _join(threads_failures):
    for t, failures in threads_failures:
        t.join(BOUND)
        if t.is_alive():
            _timeout("join")
        if failures:
            raise failures[0]


def python_pingpong(mod, rounds):
    """Round trip ns: two mod.Thread-s (this one and a ponger) handing off through mod.Event-s."""
    ping, pong = mod.Event(), mod.Event()

    def ponger(ready):
        ready.set()
        for _ in range(rounds):
            if not ping.wait(BOUND):
                _timeout("ponger")
            ping.clear()
            pong.set()

    partner = _partner(mod, ponger)
    start = time.perf_counter_ns()
    for _ in range(rounds):
        ping.set()
        if not pong.wait(BOUND):
            _timeout("pinger")
        pong.clear()
    elapsed = time.perf_counter_ns() - start
    _join([partner])
    return elapsed / rounds


def condition_pingpong(mod, rounds):
    """Round trip: this thread sets turn=1 and notifies, the partner waits for it, sets turn=0
    and notifies back; one Condition, wait_for with a bound."""
    cv = mod.Condition()
    turn = [0]

    def partner(ready):
        with cv:
            ready.set()
            for _ in range(rounds):
                if not cv.wait_for(lambda: turn[0] == 1, BOUND):
                    _timeout("condition partner")
                turn[0] = 0
                cv.notify()

    p = _partner(mod, partner)
    start = time.perf_counter_ns()
    with cv:
        for _ in range(rounds):
            turn[0] = 1
            cv.notify()
            if not cv.wait_for(lambda: turn[0] == 0, BOUND):
                _timeout("condition ping")
    elapsed = time.perf_counter_ns() - start
    _join([p])
    return elapsed / rounds


def notify_all_rounds(mod, rounds, waiters=4):
    """Per round: notify_all() wakes `waiters` threads waiting for the next generation; the last
    one to wake tells this thread through a second Condition on the same lock."""
    lock = mod.Lock()
    cv, done = mod.Condition(lock), mod.Condition(lock)
    state = {"gen": 0, "woken": 0}

    def waiter(ready):
        with lock:
            ready.set()
            for gen in range(1, rounds + 1):
                if not cv.wait_for(lambda: state["gen"] >= gen, BOUND):
                    _timeout("notify_all waiter")
                state["woken"] += 1
                if state["woken"] == waiters * gen:
                    done.notify()

    partners = [_partner(mod, waiter) for _ in range(waiters)]
    start = time.perf_counter_ns()
    with lock:
        for gen in range(1, rounds + 1):
            state["gen"] = gen
            cv.notify_all()
            if not done.wait_for(lambda: state["woken"] == waiters * gen, BOUND):
                _timeout("notify_all")
    elapsed = time.perf_counter_ns() - start
    _join(partners)
    return elapsed / rounds


def barrier_rounds(mod, rounds):
    """Per round: both threads pass one Barrier(2)."""
    barrier = mod.Barrier(2)

    def partner(ready):
        ready.set()
        for _ in range(rounds):
            barrier.wait(BOUND)  # BrokenBarrierError on a timeout

    p = _partner(mod, partner)
    start = time.perf_counter_ns()
    for _ in range(rounds):
        barrier.wait(BOUND)
    elapsed = time.perf_counter_ns() - start
    _join([p])
    return elapsed / rounds


def semaphore_pingpong(mod, rounds):
    """Round trip: two Semaphore(0)s, release -> the other thread's acquire, and back."""
    ping, pong = mod.Semaphore(0), mod.Semaphore(0)

    def partner(ready):
        ready.set()
        for _ in range(rounds):
            if not ping.acquire(timeout=BOUND):
                _timeout("semaphore partner")
            pong.release()

    p = _partner(mod, partner)
    start = time.perf_counter_ns()
    for _ in range(rounds):
        ping.release()
        if not pong.acquire(timeout=BOUND):
            _timeout("semaphore ping")
    elapsed = time.perf_counter_ns() - start
    _join([p])
    return elapsed / rounds


def cases():
    s = "contended"

    def rounds(name, fn, unit="ns/rt"):
        return Case(s, name, lambda m: fn(m, SIZES["rounds"]), unit=unit)

    return [
        Case(s, "P4 round trip Py<->Py (jthreading.Thread+Event)",
             lambda m: python_pingpong(m, SIZES["rounds"]), unit="ns/rt", target=None),
        rounds("Condition notify/wait ping-pong, 2 threads", condition_pingpong),
        rounds("Condition notify_all waking 4 waiters, per round", notify_all_rounds, "ns/round"),
        rounds("Barrier(2) round, 2 threads", barrier_rounds, "ns/round"),
        rounds("Semaphore(0) release->acquire ping-pong", semaphore_pingpong),
    ]
