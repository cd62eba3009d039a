"""The report's human table (the JSON is the run's dict as it is)."""

from workload.figures import MIB


def table(report):
    rows = [f"Stress run: {report['duration_s']:.0f} s ({report['duration_s'] / 60:.1f} min), "
            f"native fast path {'on' if report['native_fast_path'] else 'off'}, CPython "
            f"{report['python']}, Java {report['java']}, heap max {report['heap_max'] / MIB:.0f} MiB, "
            f"every wait bounded at {report['wait_bound_s']} s",
            "",
            "| operations | Java | Python | total |",
            "|---|---:|---:|---:|"]
    for kind, by in report["operations"].items():
        rows.append(f"| {kind} | {by['java']:,} | {by['python']:,} | {by['total']:,} |")
    total = report["operations"].values()
    rows.append(f"| **all** | {sum(b['java'] for b in total):,} | "
                f"{sum(b['python'] for b in total):,} | {report['operations_total']:,} |")
    started = report["threads_started"]
    checks = report["checks"]
    memory = report["memory"]
    rows += ["",
             f"Threads started: {started['java']:,} running Java code, {started['python']:,} "
             f"running Python code ({report['threads']['workers']} of them long-lived workers); "
             "at the end "
             + ", ".join(f"{key} {report['threads']['end'][key]} (before {value})"
                         for key, value in report['threads']['baseline'].items()),
             f"Invariant checks: {checks['done']:,} done, {checks['failed']:,} failed",
             "",
             "| memory (after a full GC) | start | end | highest |",
             "|---|---:|---:|---:|"]
    for key, unit, scale in (("heap_used", "MiB", MIB), ("non_heap_used", "MiB", MIB),
                             ("off_heap_live", "KiB", 1024), ("rss", "MiB", MIB),
                             ("python_handles", "", 1)):
        values = [memory[when][key] / scale for when in ("start", "end", "highest")]
        rows.append(f"| {key.replace('_', ' ')}{' (' + unit + ')' if unit else ''} | "
                    + " | ".join(f"{v:,.1f}" if unit else f"{v:,.0f}" for v in values) + " |")
    for failure in checks["failures"][:20]:
        rows.append("FAILED: " + failure)
    return "\n".join(rows)
