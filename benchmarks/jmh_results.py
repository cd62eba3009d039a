"""P3 (issue 5): reads JMH's JSON results (-rf json) of benchmarks/jmh and pairs each jthreading
benchmark with its java.util.concurrent reference, for run.py's table.

The samples of a benchmark are its measurement iterations, all forks together (by default one
fork of 5 iterations of 1 s, each an average in ns/op).
"""

import json

P3_TARGET = 1.2  # the ratio target: jthreading / java.util.concurrent
CLASS = "io.jthreading.bench.jmh.Uncontended."

# (row name, jthreading method, reference label, reference method) of benchmarks/jmh's Uncontended
PAIRS = [
    ("P3 Java Lock lock()/unlock() vs ReentrantLock", "lockLockUnlock",
     "j.u.c.locks.ReentrantLock lock()/unlock()", "reentrantLockLockUnlock"),
    ("P3 Java Lock acquire()/release() vs ReentrantLock", "lockAcquireRelease",
     "j.u.c.locks.ReentrantLock lock()/unlock()", "reentrantLockLockUnlock"),
    ("P3 Java RLock lock()/unlock() vs ReentrantLock", "rlockLockUnlock",
     "j.u.c.locks.ReentrantLock lock()/unlock()", "reentrantLockLockUnlock"),
    ("P3 Java RLock acquire()/release() vs ReentrantLock", "rlockAcquireRelease",
     "j.u.c.locks.ReentrantLock lock()/unlock()", "reentrantLockLockUnlock"),
    ("P3 Java Semaphore acquire()/release() vs j.u.c.", "semaphoreAcquireRelease",
     "j.u.c.Semaphore acquire()/release()", "jucSemaphoreAcquireRelease"),
]


def p3_rows(path):
    """([(name, unit, jthreading samples, reference label, reference samples, target)], note)
    for the pairs whose two benchmarks are both in the file (a JMH filter may leave some out);
    the note says how JMH took the samples."""
    with open(path) as f:
        results = json.load(f)
    found = {}
    for r in results:
        metric = r["primaryMetric"]
        samples = [v for fork in metric["rawData"] for v in fork]
        found[r["benchmark"].removeprefix(CLASS)] = (metric["scoreUnit"], samples)
    cases = []
    for name, jt, ref_label, ref in PAIRS:
        if jt in found and ref in found:
            unit, jt_samples = found[jt]
            cases.append((name, unit, jt_samples, ref_label, found[ref][1], P3_TARGET))
    first = results[0]
    note = (f"P3: JMH {first['jmhVersion']} on JDK {first['jdkVersion']}, average time; median "
            f"[min-max] over {first['measurementIterations']} measurement iterations of "
            f"{first['measurementTime']} x {first['forks']} fork(s), after "
            f"{first['warmupIterations']} warm-up iterations (no ratio spread: the two sides "
            "run one after the other, unpaired).")
    if len(cases) < len(PAIRS):  # e.g. a JMH filter ran only one side of a pair
        note += (f" {len(PAIRS) - len(cases)} of the {len(PAIRS)} P3 rows left out: a benchmark "
                 f"of the pair is not in {path}.")
    return cases, note
