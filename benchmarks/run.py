"""jthreading benchmarks (issues 5 and 12): jthreading vs CPython's threading and java.util.concurrent.

The whole benchmark command (build, JMH for P3, this script, one table) is

    mvn -B -Pbench -DskipTests verify

By hand, after a build, under the launcher with tests-java's classes on CLASSPATH:

    CLASSPATH=tests-java/target/classes /tmp/jthreading-venvs$PWD/default/bin/jthreading run benchmarks/run.py \
        [--repeats N] [--quick] [--no-plain] [--only REGEX] [--section NAME ...] \
        [--jmh-results benchmarks/jmh/target/jmh-result.json]

Every figure is the median of N repeats (default 7) with min and max; jthreading and its reference
are measured alternately in each repeat, in the same process. The CPython references are also
measured in a plain CPython (no JVM, no jthreading imported) in a subprocess: under the launcher,
jthreading hooks threading.Thread.start (JVM attach/detach), so the in-process reference is not
pure CPython where threads start. P3 (Java side) comes from JMH's results (--jmh-results). The
drop-in workloads run workloads.py in two subprocesses (``jthreading run --patch`` and plain
``python``). Results: a table on stdout grouped by section, benchmarks/results/latest.csv and,
with matplotlib, benchmarks/results/latest*.png.

The cases live in operations.py (creation, methods, module functions), contended.py,
workloads.py, memory.py, scaling.py, javaside.py (rows with Java on one side), watchdog.py
(the deadlock watchdog's cost: jthreading with it against jthreading without) and distributed.py
(jthreading.distributed against kazoo on one ZooKeeper server; it needs the distributed jars on
CLASSPATH and kazoo, else it is skipped with a note). Not part of the
unit tests. This file also runs as a plain-CPython reference worker (``python run.py
--reference-only``), which prints JSON.
"""

import argparse
import csv
import json
import os
import platform
import queue
import re
import statistics
import subprocess
import sys
import threading
import time

import chart
import contended
import distributed
import jmh_results
import memory
import operations
import scaling
import watchdog
import workloads
from operations import SECTIONS, Case, empty_loop, timed

HERE = os.path.dirname(os.path.abspath(__file__))
QUEUE_ITEMS = 20_000  # Q2: items per repeat
CONTENDED_SECONDS = 1.0  # P5
Q2_PY = "Q2 Queue producer->consumer 1:1, Python threads"


def q2_producer_consumer(mod, queues, n):
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
    t.join(operations.BOUND)
    return elapsed / n


def catalogue(queue_of):
    """Every case whose two sides are one measure(mod) on jthreading and on threading, in table
    order. queue_of(mod): the queue module that goes with a threading module."""
    w = "workloads"
    in_process = [
        Case(w, "Q1 Queue put+get (jthreading.queue)",
             lambda m: timed(operations.make_put_get(queue_of(m).Queue()), operations.SIZES["micro"]),
             target=1.5),
        Case(w, Q2_PY, lambda m: q2_producer_consumer(m, queue_of(m), QUEUE_ITEMS), unit="ns/item",
             target=None),
    ] + [Case(w, f"{name}, in-process", lambda m, fn=fn: fn(m, queue_of(m)), unit="ns/item", target=1.5)
         for name, fn in list(workloads.QUEUE_CASES.items()) + [workloads.TIMED_QUEUE_CASE]]
    return operations.cases() + contended.cases() + in_process + scaling.cases()


def set_quick():
    global QUEUE_ITEMS, CONTENDED_SECONDS
    QUEUE_ITEMS, CONTENDED_SECONDS = 4_000, 0.2
    operations.SIZES.update(micro=10_000, objects=2_000, rounds=200, start_join=20)
    workloads.SIZES.update(items=4_000, futures=400, map=2_000, records=500)
    memory.SIZES.update(objects=10_000)
    scaling.SIZES.update(ops=20_000)
    distributed.SIZES.update(distributed.QUICK_SIZES)


def chosen(name, only):
    return only is None or re.search(only, name) is not None


def wanted(section, name, args):
    """A row of a --section asked for (all without one) whose name --only matches."""
    return (not args.section or section in args.section) and chosen(name, args.only)


def reference_only(args):
    """Plain-CPython worker: every catalogue case's threading side (and P5's reference), samples
    as JSON on stdout."""
    import javaside

    cases = [c for c in catalogue(lambda m: queue) if c.plain and wanted(c.section, c.name, args)]
    for c in cases:  # warm-up
        c.measure(threading)
    out = {c.name: [] for c in cases}
    empty, p5 = [], []
    for _ in range(args.repeats):
        empty.append(timed(empty_loop, operations.SIZES["micro"]))
        for c in cases:
            out[c.name].append(c.measure(threading))
        if wanted("contended", javaside.P5_NAME, args):
            p5.append(javaside.cpython_contended(CONTENDED_SECONDS)[0])
    base = statistics.median(empty)
    for c in cases:
        if c.subtract_loop:
            out[c.name] = [v - base for v in out[c.name]]
    out["P5 contended ops/s"] = p5
    out["_empty_loop_ns"] = base
    json.dump(out, sys.stdout)


# ---------------------------------------------------------------- under the launcher

def main(args):
    p3 = read_p3(args.jmh_results) if args.jmh_results else None  # fail before the long part
    import jthreading
    import javaside
    from jthreading import queue as jqueue
    from jthreading._embedding import java_class

    def queue_of(mod):
        return jqueue if mod is jthreading else queue

    cases = catalogue(queue_of)
    ref = {c.name: (lambda c=c: c.measure(threading)) for c in cases}
    pairs = [javaside.Row(c.section, c.name, c.unit, lambda c=c: c.measure(jthreading),
                          "threading" if c.section != "workloads" else "threading + queue",
                          ref[c.name], c.target, c.name if c.plain else None)
             for c in cases]
    for p, c in zip(pairs, cases):
        p.subtract_loop = c.subtract_loop
    pairs += javaside.rows(jthreading, jqueue, java_class, ref, QUEUE_ITEMS)
    pairs += watchdog.rows(jthreading)
    if not args.section or distributed.SECTION in args.section:
        pairs += distributed.rows(jthreading)
    pairs = [p for p in pairs if wanted(p.section, p.name, args)]
    run_p5 = wanted("contended", javaside.P5_NAME, args)

    print(f"jthreading benchmarks: {args.repeats} repeats, median [min-max]; "
          f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs; {len(pairs)} paired rows", flush=True)
    memory_rows = []  # first, while the heap is small (its full collections are quick)
    if any(wanted("memory", f"{name} bytes per object", args) for name in memory.PRIMITIVES):
        print("memory per primitive ...", flush=True)
        memory.PRIMITIVES = {k: v for k, v in memory.PRIMITIVES.items()
                             if wanted("memory", f"{k} bytes per object", args)}
        # the figures barely move between repeats (see the min-max): 3 at most
        memory_rows = memory.rows(memory.measure(jthreading, threading, java_class,
                                                 min(args.repeats, 3)))
    try:
        jt_samples, rf_samples, details, empty, p5, p5_alone = sample_all(
            pairs, args, run_p5, jthreading, java_class)
    finally:
        distributed.close()  # the sessions and the embedded ZooKeeper, if its rows ran

    dropin_rows = run_dropin(args)
    needs_plain = run_p5 or any(p.plain_key for p in pairs)
    plain = None if args.no_plain or not needs_plain else run_plain(args)

    base = statistics.median(empty)
    rows = []
    for p in pairs:
        jt_v, rf_v = jt_samples[p.name], rf_samples[p.name]
        if p.subtract_loop:
            jt_v = [v - base for v in jt_v]
            rf_v = [v - base for v in rf_v]
        pm = statistics.median(plain[p.plain_key]) if plain and plain.get(p.plain_key) else None
        rows.append(summary_row(p.section, p.name, p.unit, jt_v, p.ref_label, rf_v, p.target, pm))
        if details[p.name]:
            rows[-1]["detail"] = details[p.name]
    notes = []
    if p3:
        p3_cases, note = p3
        rows += [summary_row("methods", *case, paired=False) for case in p3_cases
                 if wanted("methods", case[0], args)]
        notes.append(note)
    elif wanted("methods", "P3", args):
        notes.append("P3 (Java side, JMH) not included: pass --jmh-results "
                     "(mvn -B -Pbench -DskipTests verify does).")
    if run_p5:
        rows.append(p5_row(p5, p5_alone, plain))
    rows += dropin_rows + memory_rows
    rows.sort(key=row_order)
    notes.append("Cases with 'subtract_loop' (the per-operation rows) have the empty-loop cost "
                 f"({base:.1f} ns/iteration) subtracted. ratio = jthreading median / in-process "
                 "reference median; 'plain' = CPython in a separate process without the JVM "
                 "(r/plain = jthreading / plain). Drop-in rows: `jthreading run --patch` vs plain "
                 "`python`, the same script, one subprocess each (unpaired).")
    if any(p.section == distributed.SECTION for p in pairs):
        notes.append(distributed.NOTE)
    if memory_rows:
        notes.append(f"Memory: target <= {memory.TARGET}x; JNI global references counted as "
                     f"{memory.JNI_REFS} x {memory.JNI_REF_BYTES} bytes per object (an estimate).")
    print_table(rows, notes)
    write_results(rows, args)


def sample_all(pairs, args, run_p5, jthreading, java_class):
    """The repeats: every pair's two sides (and extras) alternately, the empty loop, P5."""
    import javaside

    print("warming up ...", flush=True)
    for p in pairs:
        p.jt()
        p.rf()
        for _, extra in p.extras:
            extra()
    jt_samples = {p.name: [] for p in pairs}
    rf_samples = {p.name: [] for p in pairs}
    extra_samples = {(p.name, label): [] for p in pairs for label, _ in p.extras}
    empty, p5, p5_alone = [], [], []
    for r in range(args.repeats):
        print(f"repeat {r + 1}/{args.repeats}", flush=True)
        empty.append(timed(empty_loop, operations.SIZES["micro"]))
        for p in pairs:
            jt_samples[p.name].append(p.jt())
            rf_samples[p.name].append(p.rf())
            for label, extra in p.extras:
                extra_samples[(p.name, label)].append(extra())
        if run_p5:
            p5.append(javaside.jthreading_contended(jthreading, java_class, CONTENDED_SECONDS))
            p5_alone.append(javaside.jthreading_contended(jthreading, java_class, CONTENDED_SECONDS,
                                                          java_count=0))

    details = {p.name: extra_detail(p, jt_samples[p.name], extra_samples) for p in pairs}
    return jt_samples, rf_samples, details, empty, p5, p5_alone


def extra_detail(pair, jt_v, extra_samples):
    """A row's extra line: its extras' figures (median [min-max], and jthreading's median over
    theirs) and its describe() text."""
    lines = []
    for label, _ in pair.extras:
        em, elo, ehi = stats(extra_samples[(pair.name, label)])
        u = pair.unit
        lines.append(f"{label}: {fmt(em, u)} [{fmt(elo, u)}-{fmt(ehi, u)}]; jthreading / {label} = "
                     f"{statistics.median(jt_v) / em:.2f}x")
    if pair.describe:
        lines.append(pair.describe())
    return "\n".join(line for line in lines if line)


def row_order(row):
    """Sections in SECTIONS' order; within one, the issue-5/11 rows (P1 ... Q2) first by their
    id, then the others in catalogue order (the sort is stable)."""
    m = re.match(r"[PQ]\d ", row["benchmark"])
    return SECTIONS.index(row["section"]), m.group(0) if m else "~"


def p5_row(contended_, alone, plain):
    """P5: throughput, the per-thread shares, and what the Python threads keep of their own pace
    when the Java threads join in (their ops cost ~100x a Java thread's, so shares mislead)."""
    ops = [sum(c) for c in contended_]
    shares = [[o / sum(c) for o in c] for c in contended_]
    om, olo, ohi = stats(ops)
    py_kept = statistics.median(sum(c[2:]) / sum(a) for c, a in zip(contended_, alone))
    py_alone = statistics.median(sum(a) for a in alone)
    per_thread = " ".join(f"{statistics.median(s[i] for s in shares):.3f}" for i in range(4))
    min_share = statistics.median(min(s) for s in shares)
    max_share = statistics.median(max(s) for s in shares)
    pm = statistics.median(plain["P5 contended ops/s"]) if plain and plain.get("P5 contended ops/s") else None
    return {
        "section": "contended", "benchmark": "P5 contended 2 Java + 2 Py threads, one Lock", "unit": "ops/s",
        "jthreading": om, "jthreading_min": olo, "jthreading_max": ohi,
        "reference": "plain CPython 4 threads, threading.Lock (different workload)",
        "reference_median": pm, "reference_min": None, "reference_max": None,
        # no ratio: the workloads differ (Java threads, an AtomicLong counter), see the README
        "ratio": None, "ratio_min": None, "ratio_max": None,
        "plain_cpython_median": pm, "ratio_vs_plain": None, "target": None,
        "share_min": min_share, "share_max": max_share, "share_per_thread": per_thread,
        "python_alone": py_alone, "python_kept": py_kept,
        "detail": f"per-thread share (java0 java1 py0 py1): {per_thread}; min {min_share:.3f} "
                  f"max {max_share:.3f}\nthe 2 Python threads keep {py_kept:.0%} of their ops/s "
                  f"without the Java threads ({fmt(py_alone, 'ops/s')} alone)",
    }


def run_plain(args):
    python = os.path.join(sys.prefix, "bin", "python")
    print(f"plain-CPython references ({python}) ...", flush=True)
    proc = subprocess.run([python, os.path.abspath(__file__), "--reference-only"] + pass_on(args),
                          capture_output=True, text=True, timeout=900)
    if proc.returncode == 0:
        return json.loads(proc.stdout)
    print("plain-CPython run failed:\n" + proc.stderr, file=sys.stderr)
    return None


def pass_on(args):
    return (["--repeats", str(args.repeats)] + (["--quick"] if args.quick else [])
            + (["--only", args.only] if args.only else [])
            + [a for s in args.section or () for a in ("--section", s)])


def run_dropin(args):
    """The drop-in workload rows: workloads.py under `jthreading run --patch` and plain `python`."""
    names = [n for n in workloads.script_case_names() if wanted("workloads", f"{n}, drop-in", args)]
    if not names:
        return []
    script = os.path.join(HERE, "workloads.py")
    bin_dir = os.path.join(sys.prefix, "bin")
    opts = ["--repeats", str(args.repeats)] + (["--quick"] if args.quick else [])
    results = {}
    for side, cmd in (("jthreading", [os.path.join(bin_dir, "jthreading"), "run", "--patch", script]),
                      ("plain", [os.path.join(bin_dir, "python"), script])):
        print(f"drop-in workloads: {' '.join(os.path.basename(c) for c in cmd[:3])} ...", flush=True)
        proc = subprocess.run(cmd + opts + names, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            sys.exit(f"drop-in workloads failed ({side}):\n{proc.stderr}")
        results[side] = json.loads(proc.stdout.strip().splitlines()[-1])
    used = results["jthreading"].pop("_threading")
    if set(used) != {"jthreading"}:
        sys.exit(f"drop-in: threading, logging.threading, concurrent.futures' threading are {used}, "
                 "not all jthreading")
    rows = []
    for n in names:
        row = summary_row("workloads", f"{n}, drop-in", "ns/item", results["jthreading"][n],
                          "plain python, same script", results["plain"][n], 1.5, paired=False)
        row["plain_cpython_median"] = row["reference_median"]
        row["ratio_vs_plain"] = row["ratio"]
        rows.append(row)
    return rows


def read_p3(path):
    try:
        return jmh_results.p3_rows(path)
    except (OSError, ValueError, KeyError, IndexError) as e:
        sys.exit(f"--jmh-results {path}: cannot read JMH's JSON results ({e!r}); "
                 "JMH writes them with -rf json")


def stats(values):
    return statistics.median(values), min(values), max(values)


def summary_row(section, name, unit, jt_v, ref_label, rf_v, target, plain_median=None, paired=True):
    """One table/CSV row from the two sides' samples. paired: sample i of both sides was taken
    in the same repeat, so the per-repeat ratios give the ratio's spread."""
    jm, jlo, jhi = stats(jt_v)
    rm, rlo, rhi = stats(rf_v)
    ratios = [j / r for j, r in zip(jt_v, rf_v)] if paired and rm > 0 else []
    return {
        "section": section, "benchmark": name, "unit": unit,
        "jthreading": jm, "jthreading_min": jlo, "jthreading_max": jhi,
        "reference": ref_label, "reference_median": rm, "reference_min": rlo, "reference_max": rhi,
        "ratio": jm / rm if rm > 0 else None,
        "ratio_min": min(ratios, default=None), "ratio_max": max(ratios, default=None),
        "plain_cpython_median": plain_median,
        "ratio_vs_plain": (jm / plain_median) if plain_median and plain_median > 0 else None,
        "target": target,
    }


def fmt(v, unit="ns/op"):
    if v is None:
        return "-"
    if unit == "ops/s":
        return f"{v / 1e6:.2f}M"
    if unit == "bytes":
        return f"{v:.0f}B"
    if abs(v) >= 10_000:
        return f"{v / 1000:.1f}us"
    return f"{v:.0f}ns" if abs(v) >= 100 else f"{v:.1f}ns"


def print_table(rows, notes):
    width = max([50] + [len(r["benchmark"]) for r in rows])
    print()
    header = (f"{'benchmark':{width}} {'jthreading [min-max]':28} {'CPython/ref [min-max]':28} "
              f"{'ratio':>6} {'plain':>8} {'r/plain':>7} {'target':>6}")
    section = None
    for r in rows:
        if r["section"] != section:
            section = r["section"]
            print()
            print(f"== {section} ".ljust(len(header), "="))
            print(header)
            print("-" * len(header))
        u = r["unit"]
        j = f"{fmt(r['jthreading'], u)} [{fmt(r['jthreading_min'], u)}-{fmt(r['jthreading_max'], u)}]"
        if r["reference_min"] is not None:
            ref = f"{fmt(r['reference_median'], u)} [{fmt(r['reference_min'], u)}-{fmt(r['reference_max'], u)}]"
        else:
            ref = fmt(r["reference_median"], u)
        ratio = f"{r['ratio']:.2f}x" if r["ratio"] is not None else "-"
        rp = f"{r['ratio_vs_plain']:.2f}x" if r["ratio_vs_plain"] is not None else "-"
        target = f"<={r['target']}x" if r["target"] else ""
        print(f"{r['benchmark']:{width}} {j:28} {ref:28} {ratio:>6} "
              f"{fmt(r['plain_cpython_median'], u):>8} {rp:>7} {target:>6}")
        for line in r.get("detail", "").splitlines():
            print(f"{'':{width}}   {line}")
    print()
    for note in notes:
        print(note)


def write_results(rows, args):
    """benchmarks/results/latest.csv, and latest.png (all rows) plus latest-<section>.png when
    matplotlib is there."""
    out_dir = os.path.join(HERE, "results")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "latest.csv")
    fields = ["section", "benchmark", "unit", "jthreading", "jthreading_min", "jthreading_max", "reference",
              "reference_median", "reference_min", "reference_max", "ratio", "ratio_min", "ratio_max",
              "plain_cpython_median", "ratio_vs_plain", "target", "share_min", "share_max",
              "share_per_thread", "python_alone", "python_kept", "detail", "repeats", "machine"]
    machine = f"{platform.platform()} {platform.processor() or platform.machine()} {os.cpu_count()} CPUs"
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for r in rows:
            row = {k: (f"{v:.4g}" if isinstance(v, float) else v) for k, v in r.items()}
            row.update(repeats=args.repeats, machine=machine)
            w.writerow(row)
    print(f"wrote {os.path.relpath(path)}")
    written = chart.write_pngs(rows, out_dir, SECTIONS)
    if written is None:
        print("matplotlib not importable: no PNG chart (mvn -Pbench installs it into the default venv from "
              "benchmarks/requirements.txt)")
    for png in written or ():
        print(f"wrote {os.path.relpath(png)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="fewer operations per repeat (smoke run)")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain-CPython subprocess")
    parser.add_argument("--only", metavar="REGEX", help="only the rows whose name matches (re.search)")
    parser.add_argument("--section", action="append", choices=SECTIONS, metavar="NAME",
                        help="only this section's rows (repeatable): " + ", ".join(SECTIONS))
    parser.add_argument("--jmh-results", metavar="FILE",
                        help="JMH's JSON results (-rf json) of benchmarks/jmh: adds the P3 rows")
    parser.add_argument("--reference-only", action="store_true", help=argparse.SUPPRESS)
    a = parser.parse_args()
    if a.quick:
        set_quick()
    if a.reference_only:
        reference_only(a)
    else:
        main(a)
