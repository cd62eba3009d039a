"""The process's figures at a moment: memory of every kind, thread counts, operations so far.
Memory is taken after a garbage collection (Memory.settle), so figures are what is live."""

import threading as cpython_threading
import time

from jthreading import _handles

from workload.java import Memory

MIB = 1024 * 1024


def operations(ops):
    """{kind: {"java": n, "python": n}} from the Java counts."""
    table = {}
    for line in str(ops.snapshot()).splitlines():
        kind, language, count = line.split("\t")
        table.setdefault(kind, {"java": 0, "python": 0})[language] = int(count)
    return table


def sample(ops, checks, started):
    Memory.settle()
    _handles.release_collected()
    counted = operations(ops)
    return {
        "elapsed_s": round(time.monotonic() - started, 1),
        "operations": sum(n for kind, by in counted.items() if kind != "thread started"
                          for n in by.values()),
        "checks": checks.done(),
        "failures": checks.failed(),
        "heap_used": Memory.heapUsed(),
        "heap_max": Memory.heapMax(),
        "non_heap_used": Memory.nonHeapUsed(),
        "off_heap_live": Memory.offHeapLive(),
        "off_heap_allocated_total": Memory.offHeapAllocated(),
        "rss": Memory.rss(),
        "python_handles": _handles.size(),
        **threads(),
    }


def threads():
    return {
        "java_threads": Memory.javaThreads(),
        "jthreading_threads": Memory.jthreadingThreads(),
        "stack_trace_threads": Memory.stackTraceThreads(),
        # CPython's threading module keeps a _DummyThread for every thread it did not start
        # that called its current_thread() (a jthreading thread joining a CPython thread): as
        # in CPython, they stay after the thread ended (run.py bounds them).
        "cpython_threads": sum(not isinstance(t, cpython_threading._DummyThread)
                               for t in cpython_threading.enumerate()),
        "cpython_dummy_threads": sum(isinstance(t, cpython_threading._DummyThread)
                                     for t in cpython_threading.enumerate()),
    }


def line(figures):
    """One progress line for the log."""
    return (f"[{figures['elapsed_s']:7.1f} s] ops {figures['operations']:,} checks "
            f"{figures['checks']:,} failures {figures['failures']} heap "
            f"{figures['heap_used'] / MIB:.1f} MiB off-heap {figures['off_heap_live'] / 1024:.1f} KiB "
            f"rss {figures['rss'] / MIB:.1f} MiB threads {figures['java_threads']} "
            f"handles {figures['python_handles']}")
