"""Memory per primitive (issue 12): bytes one Lock, RLock, Condition, Semaphore, Event or Barrier
costs, jthreading's against CPython's threading's.

- Python side, both modules: ``tracemalloc``'s traced bytes over creating N objects held in a
  list (the list itself not counted), divided by N.
- jthreading only, Java heap: ``Runtime`` used memory after ``System.gc()`` (two in a row)
  before and after creating the same N objects from Python, divided by N.
- jthreading only, off-heap: ``io.jthreading.internal.OffHeap.allocatedBytes()`` (bytes requested
  so far) before and after, divided by N (malloc's own overhead not counted).
- jthreading only, JNI: the global references Jep holds for one Python object of a Java object
  (the object, and its class for the type), counted as a constant, JNI_REFS x JNI_REF_BYTES.
"""

import statistics
import sys
import tracemalloc

SIZES = {"objects": 20_000}  # run.py --quick: 10,000
PRIMITIVES = {
    "Lock": lambda m: m.Lock(),
    "RLock": lambda m: m.RLock(),
    "Condition": lambda m: m.Condition(),
    "Semaphore": lambda m: m.Semaphore(2),
    "Event": lambda m: m.Event(),
    "Barrier": lambda m: m.Barrier(2),
}
JNI_REFS, JNI_REF_BYTES = 2, 16  # a documented estimate: a JNI global handle slot and its bookkeeping
TARGET = 4.0


def python_bytes(make, n):
    """tracemalloc bytes per object of n make() calls held in a list (the list excluded)."""
    import gc

    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        objects = [make() for _ in range(n)]
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return (after - before - sys.getsizeof(objects)) / n


class JavaMeter:
    """The Java heap and off-heap bytes per object made from Python (inside the JVM only)."""

    def __init__(self, java_class):
        self.system = java_class("java.lang.System")
        self.runtime = java_class("java.lang.Runtime").getRuntime()
        self.offheap = java_class("io.jthreading.internal.OffHeap")

    def heap_used(self):
        import gc

        gc.collect()  # Python's garbage first: it may hold Java references
        for _ in range(2):
            self.system.gc()
        return self.runtime.totalMemory() - self.runtime.freeMemory()

    def per_object(self, make, n):
        """(Java heap bytes, off-heap bytes) per object of n make() calls held in a list."""
        # Objects made earlier and dropped leave OffHeap blocks (a PhantomReference, a map entry)
        # until an allocation after the collection has queued them frees them; so collect and
        # allocate, twice (the JVM queues them on a thread of its own), and only then measure.
        for _ in range(2):
            self.heap_used()
            make()
        heap0 = self.heap_used()
        off0 = self.offheap.allocatedBytes()
        objects = [make() for _ in range(n)]
        off1 = self.offheap.allocatedBytes()
        heap1 = self.heap_used()
        del objects
        return (heap1 - heap0) / n, (off1 - off0) / n


def measure(jthreading, threading, java_class, repeats):
    """{primitive: {"python": [...], "cpython": [...], "heap": [...], "offheap": [...]}}, one
    sample per repeat each (the two modules alternate)."""
    meter = JavaMeter(java_class)
    n = SIZES["objects"]
    samples = {}
    for name, make in PRIMITIVES.items():
        s = samples[name] = {"python": [], "cpython": [], "heap": [], "offheap": []}
        for _ in range(repeats):
            s["python"].append(python_bytes(lambda: make(jthreading), n))
            s["cpython"].append(python_bytes(lambda: make(threading), n))
            heap, off = meter.per_object(lambda: make(jthreading), n)
            s["heap"].append(heap)
            s["offheap"].append(off)
    return samples


def rows(samples):
    """Table rows: jthreading's total bytes (Python + Java heap + off-heap + JNI references, each
    the median of its samples; min-max from the heap's spread) against CPython's."""
    out = []
    jni = JNI_REFS * JNI_REF_BYTES
    for name, s in samples.items():
        py, heap, off = (statistics.median(s[k]) for k in ("python", "heap", "offheap"))
        fixed = py + off + jni
        cp = statistics.median(s["cpython"])
        total = fixed + heap
        out.append({
            "section": "memory", "benchmark": f"{name} bytes per object", "unit": "bytes",
            "jthreading": total, "jthreading_min": fixed + min(s["heap"]),
            "jthreading_max": fixed + max(s["heap"]),
            "reference": f"threading.{name} (tracemalloc)", "reference_median": cp,
            "reference_min": min(s["cpython"]), "reference_max": max(s["cpython"]),
            "ratio": total / cp, "ratio_min": None, "ratio_max": None,
            "plain_cpython_median": None, "ratio_vs_plain": None, "target": TARGET,
            "detail": f"Python {py:.0f} + Java heap {heap:.0f} + off-heap {off:.0f} + JNI refs "
                      f"{jni} ({JNI_REFS} x {JNI_REF_BYTES}, an estimate)",
        })
    return out
