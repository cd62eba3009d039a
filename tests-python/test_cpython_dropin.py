"""CPython's own test suites in drop-in mode (`jthreading run --patch`): zero failures.

Each suite of dropin_skips.SUITES runs in its own process (dropin_suite.py), bounded in time.
The tests that cannot apply are skipped by dropin_skips.SKIPS, each with a category and a
reason; CPython's own skips must be among dropin_skips.SELF_SKIPS. The counts per suite go to
target/dropin-counts-X.Y.txt (the README quotes them).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import dropin_skips

HERE = Path(__file__).resolve().parent
LAUNCHER = Path(sys.executable).parent / "jthreading"
VERSION = "%d.%d" % sys.version_info[:2]
COUNTS = HERE / "target" / f"dropin-counts-{VERSION}.txt"
_rows = {}


@pytest.fixture(scope="module", autouse=True)
def counts_table():
    yield
    if not _rows:
        return  # skipped here (JTHREADING_DROPIN_SUITES=0): keep the counts of the pass that ran
    COUNTS.parent.mkdir(exist_ok=True)
    lines = [f"CPython {VERSION}: suite, run, passed, skipped (by category)"]
    for suite in dropin_skips.SUITES:
        if suite in _rows:
            lines.append(_rows[suite])
    COUNTS.write_text("\n".join(lines) + "\n")


def _run_suite(suite, tmp_path):
    out = tmp_path / "counts.json"
    env = dict(os.environ)
    env.pop("JTHREADING_PATCH", None)  # --patch alone turns it on
    timeout = dropin_skips.SUITES[suite]["timeout"]
    try:
        done = subprocess.run([str(LAUNCHER), "run", "--patch", str(HERE / "dropin_suite.py"),
                               suite, str(out)], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        tail = expired.stderr or ""
        tail = (tail.decode(errors="replace") if isinstance(tail, bytes) else tail)[-3000:]
        pytest.fail(f"{suite} did not end within {timeout} s; last output:\n{tail}")
    assert out.exists(), f"{suite} wrote no counts (exit {done.returncode}):\n{done.stderr[-5000:]}"
    return done, json.loads(out.read_text())


@pytest.mark.timeout(330)
@pytest.mark.parametrize("suite", list(dropin_skips.SUITES))
@pytest.mark.skipif(os.environ.get("JTHREADING_DROPIN_SUITES") == "0",
                    reason="JTHREADING_DROPIN_SUITES=0: the build runs these once per Python "
                           "(not again without the fast path, nor on the second JDK)")
def test_suite_passes_in_drop_in_mode(suite, tmp_path):
    done, counts = _run_suite(suite, tmp_path)
    if "not_installed" in counts:  # some pyenv builds ship without some of Lib/test
        _rows[suite] = f"{suite}: NOT-INSTALLED ({counts['not_installed']})"
        pytest.skip(f"NOT-INSTALLED: {counts['not_installed']}")
    problems = [f"{f['test']}\n{f['detail']}" for f in counts["failures"] + counts["errors"]]
    problems += [f"unexpected success: {t}" for t in counts["unexpected_successes"]]
    problems += [f"forks the JVM (list it as FORK): {t}" for t in counts["forked"]]
    by_category = {}
    for reason, tests in counts["skipped"].items():
        category = dropin_skips.category_of(reason)
        if category is None:
            problems.append(f"unexpected skip ({reason}): {tests}")
        by_category[category] = by_category.get(category, 0) + len(tests)
    skipped = ", ".join(f"{c} {n}" for c, n in sorted(by_category.items(), key=str)) or "-"
    expected = (f", expected failures {counts['expected_failures']}"
                if counts["expected_failures"] else "")
    _rows[suite] = (f"{suite}: run {counts['run']}, passed {counts['passed']}, "
                    f"skipped {sum(by_category.values())} ({skipped}){expected}, "
                    f"{counts['seconds']} s")
    assert not problems, "\n\n".join(problems)
    assert done.returncode == 0, done.stderr[-3000:]
    assert counts["run"] > 0
