"""The stress run's short version (stress/README.md): the workload of `mvn -Pstress`
(stress/soak.py, its Java workers from stress/target/classes) for a few seconds, once with the
native fast path and once without, each in a launcher process of its own with the capped heap
of the long runs. No invariant check may fail: exact counts under each primitive, mutual
exclusion, no lost wake-up, every queue item exactly once, no thread or off-heap leak.

It runs in the test command's first pass only (JTHREADING_STRESS_SHORT=1, set by
tests-python/pom.xml): the workload already switches the fast path itself, and CI time is
counted. By hand: JTHREADING_STRESS_SHORT=1 jthreading run -m pytest test_stress_short.py."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

LAUNCHER = Path(sys.executable).parent / "jthreading"
STRESS = Path(__file__).resolve().parent.parent / "stress"
SECONDS = 6
#: JVM start, the run, the stop (bounded by the workload's own wait bound) and the report.
TIMEOUT = 200

pytestmark = pytest.mark.skipif(os.environ.get("JTHREADING_STRESS_SHORT") != "1",
                                reason="the short stress run is the first pass's "
                                       "(JTHREADING_STRESS_SHORT=1)")


@pytest.mark.timeout(TIMEOUT + 30)
@pytest.mark.parametrize("native", ["1", "0"], ids=["fast-path", "no-fast-path"])
def test_the_stress_workload_keeps_every_invariant(native, tmp_path):
    classes = STRESS / "target" / "classes"
    assert (classes / "io" / "jthreading" / "stress" / "Checks.class").exists(), (
        "build stress/ first (mvn -B install, or mvn -pl stress compile)")
    report = tmp_path / "report.json"
    env = dict(os.environ, CLASSPATH=str(classes), JTHREADING_NATIVE=native,
               JDK_JAVA_OPTIONS="-Xmx256m")
    done = subprocess.run([str(LAUNCHER), "run", str(STRESS / "soak.py"), "--seconds",
                           str(SECONDS), "--report", str(report)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    output = done.stdout + done.stderr
    assert report.exists(), output
    figures = json.loads(report.read_text())
    assert figures["checks"]["failures"] == [], output
    assert done.returncode == 0, output
    assert figures["native_fast_path"] is (native == "1")
    # Every station did work in both languages (a worker that died at once fails no check).
    for kind, by_language in figures["operations"].items():
        assert by_language["java"] > 0 and by_language["python"] > 0, (kind, output)
    assert figures["checks"]["done"] > figures["operations_total"]
