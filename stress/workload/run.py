"""One stress run: start every station's workers, check invariants window by window for the
given duration, stop, check the exact figures, the threads and the memory, and return the
report (a dict, stress/README.md describes it)."""

import sys
import time

import jthreading
from jthreading import _fastpath
from jthreading._embedding import java_class

from workload import figures as fig
from workload.growth import Growth, check_end
from workload.java import BOUND, Checks, Memory, Operations
from workload.stations import Stations

#: Threads may take this long to leave the JVM's and jthreading's lists after they ended.
THREADS_GONE_S = 30
#: Extra threads allowed at any time beyond the workers: the short-lived ones and Timers.
SHORT_LIVED_THREADS = 64


def run(seconds, progress=print):
    checks, ops, stop = Checks(), Operations(), jthreading.Event()
    stations = Stations(stop, ops, checks)
    started = time.monotonic()
    start_figures = fig.sample(ops, checks, started)
    baseline = fig.threads()
    progress("start  " + fig.line(start_figures))
    stations.start()
    windows = max(5, min(120, int(seconds // 30)))
    window_s = seconds / windows
    growth = Growth(checks, warmup_windows=max(2, windows // 10))
    samples = [start_figures]
    worst = dict(start_figures)
    for window in range(1, windows + 1):
        if stop.wait(max(0.0, started + window * window_s - time.monotonic())):
            break  # never set before the end: wait is the window's sleep
        stations.check_exact(f"window {window}")
        figures = fig.sample(ops, checks, started)
        limit = baseline["java_threads"] + stations.worker_count() + SHORT_LIVED_THREADS
        checks.check(figures["java_threads"] <= limit, f"{figures['java_threads']} Java threads "
                     f"in window {window}, more than the {limit} the run can have")
        dummies = baseline["cpython_dummy_threads"] + stations.python_worker_count()
        checks.check(figures["cpython_dummy_threads"] <= dummies, f"{figures['cpython_dummy_threads']}"
                     f" CPython dummy threads in window {window}, more than {dummies}")
        growth.add(figures, f"in window {window}")
        samples.append(figures)
        worst = {key: max(value, figures[key]) for key, value in worst.items()}
        progress(f"window {window}/{windows} " + fig.line(figures))
    duration = time.monotonic() - started
    stop.set()
    stations.stop_all()
    stations.check_end()
    end_threads = _threads_back_to(baseline, checks, stations.python_worker_count())
    end_figures = fig.sample(ops, checks, started)
    growth.add(end_figures, "at the end")
    check_end(checks, start_figures, end_figures)
    worst = {key: max(value, end_figures[key]) for key, value in worst.items()}
    progress("end    " + fig.line(end_figures))
    operations = fig.operations(ops)
    started_threads = operations.pop("thread started", {"java": 0, "python": 0})
    return {
        "seconds_asked": seconds,
        "duration_s": round(duration, 1),
        "native_fast_path": _fastpath.ENABLED,
        "python": sys.version.split()[0],
        "java": str(java_class("java.lang.System").getProperty("java.version")),
        "heap_max": start_figures["heap_max"],
        "wait_bound_s": BOUND,
        "operations": {kind: {**by, "total": by["java"] + by["python"]}
                       for kind, by in sorted(operations.items())},
        "operations_total": sum(by["java"] + by["python"] for by in operations.values()),
        "threads_started": {
            "java": started_threads["java"] + stations.java_worker_count(),
            "python": started_threads["python"] + stations.python_worker_count(),
        },
        "checks": {"done": checks.done(), "failed": checks.failed(),
                   "failures": [str(m) for m in checks.messages()]},
        "threads": {"baseline": baseline, "end": end_threads, "workers": stations.worker_count()},
        "memory": {"start": _memory(start_figures), "end": _memory(end_figures),
                   "highest": _memory(worst), "limits": growth.limits()},
        "samples": samples,
    }


def _memory(figures):
    keys = ("heap_used", "non_heap_used", "off_heap_live", "off_heap_allocated_total", "rss",
            "python_handles")
    return {key: figures[key] for key in keys}


def _threads_back_to(baseline, checks, python_workers):
    """No thread leak: every count returns to the baseline once the workers ended (CPython's
    dummy threads: at most one per long-lived Python worker, whatever the churn)."""
    allowed = dict(baseline, cpython_dummy_threads=baseline["cpython_dummy_threads"] + python_workers)
    deadline = time.monotonic() + THREADS_GONE_S
    while True:
        now = fig.threads()
        back = all(now[key] <= allowed[key] for key in allowed)
        if back or time.monotonic() > deadline:
            break
        Memory.settle()
        time.sleep(0.1)
    for key in allowed:
        checks.check(now[key] <= allowed[key], f"thread leak: {now[key]} {key} at the end, "
                     f"{baseline[key]} before the workers started")
    return now
