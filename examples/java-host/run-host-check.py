#!/usr/bin/env python3
"""Builds the Java host example and runs it on each given JDK; fails unless every run is clean.

usage: run-host-check.py [--venv DIR] [--jdk HOME]... [--java JAVA]... [--maven-arg ARG]...

--venv       the Python environment with jthreading and Jep pip installed (default:
             $JTHREADING_VENV, else $VIRTUAL_ENV)
--jdk        a JDK to run the host with (HOME/bin/java); repeatable; an empty HOME is skipped
--java       a java executable to run the host with; repeatable
             (neither given: java on PATH)
--maven-arg  an extra argument for the Maven build of the example (e.g. -o, or
             -Dmaven.repo.local=DIR); repeatable

The example resolves io.jthreading:jthreading-core from the local Maven repository, so run
`mvn install` in the jthreading checkout first. Each JDK runs the host twice, the two ways a host
application is started: `java -jar` (native access granted by the jar's manifest) and
`java --enable-native-access=ALL-UNNAMED -cp ...`. A run fails if it exits nonzero, writes
anything to stderr (JVM warnings included), or does not print the sum on the JDK it was given.
Exit status: 0 if all runs pass, 1 otherwise.
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAIN = "io.jthreading.examples.host.HostMain"
EXPECTED = re.compile(r"^Java (\d+), Python [\d.]+: a Python thread summed the 100 numbers a "
                      r"Java thread handed over: 5050$", re.MULTILINE)
#: The second exchange (drop-in mode, a shared queue, a Python future awaited by Java).
EXPECTED_SQUARES = re.compile(r"^Java \d+, Python [\d.]+: a Python pool task summed the squares "
                              r"of the 100 numbers a Java thread put on a shared queue: 338350$",
                              re.MULTILINE)
TIMEOUT_S = 120
#: A first build downloads the host's plugins from Maven Central.
BUILD_TIMEOUT_S = 600


def build(maven_args):
    # Maven's own output only when it fails: on success the check prints one line per run.
    done = subprocess.run(["mvn", "-B", "-q", "-f", str(HERE / "pom.xml"), *maven_args, "package"],
                          capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    if done.returncode != 0:
        print(done.stdout + done.stderr)
        raise SystemExit(f"run-host-check: the Maven build of {HERE} failed")
    jar = HERE / "target" / "java-host.jar"
    class_path = os.pathsep.join([str(jar), str(HERE / "target" / "lib" / "*")])
    return jar, class_path


def java_feature(java):
    """The JDK's feature release (17, 25, ...), from its `java -version` banner."""
    banner = subprocess.run([java, "-version"], capture_output=True, text=True, check=True).stderr
    found = re.search(r'version "(\d+)', banner)
    if not found:
        raise SystemExit(f"run-host-check: cannot tell the version of {java}: {banner!r}")
    return int(found.group(1))


def clean_environment():
    # These make the java launcher print "Picked up ..." on stderr: not the host's doing.
    env = {k: v for k, v in os.environ.items()
           if k not in ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")}
    # Python is found from -Djthreading.venv only.
    env.pop("VIRTUAL_ENV", None)
    env.pop("JTHREADING_VENV", None)
    return env


def run(label, command, feature):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S,
                              env=clean_environment())
    except subprocess.TimeoutExpired:
        print(f"FAIL {label}: still running after {TIMEOUT_S} s")
        return False
    problems = []
    if done.returncode != 0:
        problems.append(f"exit status {done.returncode}")
    if done.stderr:
        problems.append("stderr:\n" + done.stderr.rstrip())
    result = EXPECTED.search(done.stdout)
    if not result:
        problems.append("no sum line in stdout:\n" + done.stdout.rstrip())
    elif int(result.group(1)) != feature:
        problems.append(f"ran on Java {result.group(1)}, not {feature}")
    if not EXPECTED_SQUARES.search(done.stdout):
        problems.append("no sum-of-squares line in stdout:\n" + done.stdout.rstrip())
    if problems:
        print(f"FAIL {label}: " + "; ".join(problems))
        return False
    print(f"ok   {label}: {result.group(0)}")
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", default=os.environ.get("JTHREADING_VENV")
                        or os.environ.get("VIRTUAL_ENV"))
    parser.add_argument("--jdk", action="append", default=[])
    parser.add_argument("--java", action="append", default=[])
    parser.add_argument("--maven-arg", action="append", default=[])
    args = parser.parse_args(argv)
    if not args.venv or not Path(args.venv).is_dir():
        raise SystemExit(f"run-host-check: no Python environment (--venv): {args.venv!r}")
    javas = [str(Path(home) / "bin" / "java") for home in args.jdk if home.strip()] + args.java
    if not javas:
        javas = ["java"]

    jar, class_path = build(args.maven_arg)
    venv = f"-Djthreading.venv={Path(args.venv).resolve()}"
    passed = True
    for java in javas:
        feature = java_feature(java)
        passed &= run(f"Java {feature} java -jar", [java, venv, "-jar", str(jar)], feature)
        passed &= run(f"Java {feature} java -cp",
                      [java, "--enable-native-access=ALL-UNNAMED", venv, "-cp", class_path, MAIN],
                      feature)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
