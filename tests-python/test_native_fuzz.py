"""Fuzz of the native fast path (jthreading._native) and the façade methods that route to it:
wrong argument types and counts, keywords, a wrong ``self`` (other façades, ints, CPython's
locks, foreign Java objects), objects made without their Java object (``object.__new__``),
with their ``_word`` slot deleted or holding another object's PeerRef or junk, and PeerRefs
that outlived their façade. No call may crash the process or answer with anything but a proper
Python exception (native_fuzz_body.py says which).

Each group runs in its own launcher subprocess, seeded, so a segfault fails that test only and
a failure is reproducible (``jthreading run native_fuzz_body.py GROUP SEED CALLS``). The façade
group also runs with the fast path off (the suite's JTHREADING_NATIVE=0 pass), where the same
calls must meet the same proper exceptions from the pure-Python path.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jthreading import _fastpath

HERE = Path(__file__).resolve().parent
LAUNCHER = Path(sys.executable).parent / "jthreading"
SEED = 13
TIMEOUT = 150

needs_native = pytest.mark.skipif(not _fastpath.ENABLED,
                                  reason="fast path switched off (JTHREADING_NATIVE=0)")


def fuzz(tmp_path, group, calls):
    command = [str(LAUNCHER), "run", str(HERE / "native_fuzz_body.py"), group, str(SEED),
               str(calls)]
    try:
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as expired:
        pytest.fail(f"{group}: no answer in {TIMEOUT} s (a hang):\n{expired.stdout}")
    report = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and report, (
        f"{group}: exit status {done.returncode} (reproduce: {' '.join(command)})\n"
        f"{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    result = json.loads(report[-1][len("RESULT "):])
    assert result["calls"] >= calls // 2 and not result["improper"], result
    return result


@needs_native
@pytest.mark.timeout(TIMEOUT + 30)
def test_fast_methods_take_any_self_and_arguments(tmp_path):
    outcomes = fuzz(tmp_path, "fast_methods", 3000)["outcomes"]
    assert outcomes.get("TypeError") and outcomes.get("ok"), outcomes


@needs_native
@pytest.mark.timeout(TIMEOUT + 30)
def test_native_functions_and_types_take_any_arguments(tmp_path):
    outcomes = fuzz(tmp_path, "native_functions", 3000)["outcomes"]
    assert outcomes.get("TypeError") and outcomes.get("ok"), outcomes


@pytest.mark.timeout(TIMEOUT + 30)
def test_facade_methods_take_any_arguments_in_any_state(tmp_path):
    outcomes = fuzz(tmp_path, "facades", 3000)["outcomes"]
    assert outcomes.get("TypeError") and outcomes.get("ok"), outcomes


@needs_native
@pytest.mark.timeout(TIMEOUT + 30)
def test_what_the_fuzz_found_stays_fixed(tmp_path):
    fuzz(tmp_path, "regressions", 1)


def test_the_body_runs_under_this_launcher():
    assert LAUNCHER.exists() and os.access(LAUNCHER, os.X_OK)
