"""The test suites on every other supported Python and on the second JDK (the test command).

Usage: python run_matrix.py VENVS_DIR DIST_DIR JEP_VERSION DEFAULT_VENV PYTHONS JDK25_HOME
                           MAVEN_REPO
PYTHONS is the build's comma-separated list; the default venv's Python is skipped here (the
full suites ran on it already, twice). For each other Python: a fresh venv in VENVS_DIR with
that Python's wheel from DIST_DIR (python-package/tools/make_venv.py), then the whole pytest
suite under the launcher, and the Java host example (examples/java-host, built against
jthreading-core in MAVEN_REPO) with that venv on the JDK on PATH and on JDK25_HOME: each Python's
Jep finds its own libpython. Then the default venv once more, its JVM from JDK25_HOME (the build's
second JDK). Every run is reported and bounded in time; any failure makes the exit status 1.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
TOOLS = REPOSITORY / "python-package" / "tools"
sys.path.insert(0, str(TOOLS))
import pythons  # noqa: E402

#: One suite takes about a minute; a JVM that hangs at exit must not hang the build.
SUITE_TIMEOUT_S = 900


def pytest_under_launcher(venv, java_home=None):
    env = dict(os.environ, CLASSPATH=str(REPOSITORY / "tests-java" / "target" / "classes"))
    if java_home:
        env["JAVA_HOME"] = java_home
        # This venv's Python ran CPython's suites in drop-in mode on the first JDK (CI time).
        env["JTHREADING_DROPIN_SUITES"] = "0"
    try:
        return subprocess.run([str(Path(venv) / "bin" / "jthreading"), "run", "-m", "pytest"],
                              cwd=HERE, env=env, timeout=SUITE_TIMEOUT_S).returncode
    except subprocess.TimeoutExpired:
        print(f"run_matrix: the suite did not end within {SUITE_TIMEOUT_S} s", flush=True)
        return "timeout"


def java_host(venv, jdk25_home, maven_repo):
    """examples/java-host on this venv, on the JDK on PATH and on JDK25_HOME (its own check)."""
    command = [sys.executable, str(REPOSITORY / "examples" / "java-host" / "run-host-check.py"),
               "--venv", str(venv), "--java", "java", f"--maven-arg=-Dmaven.repo.local={maven_repo}"]
    if jdk25_home:
        command += ["--jdk", jdk25_home]
    try:
        return subprocess.run(command, timeout=SUITE_TIMEOUT_S).returncode
    except subprocess.TimeoutExpired:
        print(f"run_matrix: the Java host check did not end within {SUITE_TIMEOUT_S} s", flush=True)
        return "timeout"


def main(venvs_dir, dist, jep_version, default_venv, python_specs, jdk25_home, maven_repo):
    default_version = pythons.version_of(str(Path(default_venv) / "bin" / "python"))
    results = []
    done = {default_version}  # the full suites and the host check ran on it in the build
    for spec in python_specs.split(","):
        python = pythons.find(spec.strip())
        version = pythons.version_of(python)
        if version in done:
            continue
        done.add(version)
        venv = Path(venvs_dir) / f"py{version}"
        subprocess.run([sys.executable, str(TOOLS / "make_venv.py"), str(venv), python, dist,
                        jep_version, "-r", str(HERE / "requirements.txt")], check=True)
        print(f"run_matrix: pytest on CPython {version}, JDK on PATH", flush=True)
        results.append((version, pytest_under_launcher(venv)))
        print(f"run_matrix: the Java host with CPython {version}'s venv", flush=True)
        results.append((f"{version} Java host", java_host(venv, jdk25_home, maven_repo)))
    if jdk25_home:  # the build always names one; by hand, leave it empty to skip
        if not (Path(jdk25_home) / "bin" / "java").exists():
            sys.exit(f"run_matrix: no JDK at {jdk25_home} (-Djdk25.home=DIR names a JDK 22+)")
        print(f"run_matrix: pytest on CPython {default_version}, JDK {jdk25_home}", flush=True)
        results.append((f"{default_version} on {Path(jdk25_home).name}",
                        pytest_under_launcher(default_venv, jdk25_home)))
    for name, status in results:
        print(f"run_matrix: {name}: {'passed' if status == 0 else f'FAILED (exit {status})'}")
    return 1 if any(status for _, status in results) else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
