"""jthreading.distributed as installed from the wheel: its jars, the launcher's class path and
logging, and ``jthreading zk-server`` serving a ``jthreading run`` program.

No Python façade here: the program reaches io.jthreading.distributed through jep.findClass, so
these tests check the packaging alone. Every process's stderr must be empty: no SLF4J warning
(a provider is bundled) and no ZooKeeper or Curator chatter at the default log level.
"""

import os
import re
import select
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

import jthreading
from jthreading import _installation

LAUNCHER = Path(sys.executable).parent / "jthreading"
TIMEOUT = 60
LIB = Path(jthreading.__file__).resolve().parent / "_lib"


def jar_names(folder):
    return sorted(p.name for p in (LIB / folder).glob("*.jar"))


def releases(folder):
    """{library: [release, ...]} of the jars in _lib/FOLDER (Maven's name-version.jar)."""
    found = {}
    for name in jar_names(folder):
        library, release = re.fullmatch(r"(.+?)-(\d.*)\.jar", name).groups()
        found.setdefault(library, []).append(release)
    return found


def test_the_wheel_carries_the_distributed_jars_one_release_each():
    distributed = releases("distributed")
    for library in ("jthreading-distributed", "curator-recipes", "curator-framework",
                    "curator-client", "zookeeper", "zookeeper-jute", "slf4j-api",
                    "metrics-core", "snappy-java"):
        assert library in distributed, (library, jar_names("distributed"))
    assert "jthreading-core" not in distributed and "jep" not in distributed  # elsewhere
    assert all(len(found) == 1 for found in distributed.values()), distributed
    # The provider is the slf4j-api's release, and only in logging/ (a Java host picks its own).
    assert releases("logging") == {"slf4j-simple": distributed["slf4j-api"]}
    assert [j.name for j in _installation.distributed_jars()] == jar_names("distributed")


def test_no_bundled_class_needs_guava():
    """The build leaves Guava out (python-package/pom.xml): Curator carries what it uses
    relocated under org.apache.curator.shaded. A class naming com/google/common/... itself
    would fail with NoClassDefFoundError the first time it ran."""
    unshaded = re.compile(rb"(?<!shaded/)com/google/common/")
    needing = []
    for jar in _installation.distributed_jars():
        with zipfile.ZipFile(jar) as archive:
            for entry in archive.namelist():
                if entry.endswith(".class") and unshaded.search(archive.read(entry)):
                    needing.append(f"{jar.name}!{entry}")
    assert needing == []


# The launcher's default logging, whatever the suite runs with.
DEFAULT_ENV = {k: v for k, v in os.environ.items() if k != "JTHREADING_LOG_LEVEL"}


def run(command, env=DEFAULT_ENV, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, env=env,
                          **kwargs)


def test_info_lists_the_jars_and_the_class_path_holds_them(tmp_path):
    result = run([str(LAUNCHER), "info"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for jar in [*_installation.distributed_jars(), *_installation.logging_jars()]:
        assert str(jar) in result.stdout
    class_path = next(line.split(None, 3)[3] for line in result.stdout.splitlines()
                      if line.startswith("java class path")).split(os.pathsep)
    assert class_path[-1].endswith(".jar") and "slf4j-simple" in class_path[-1]
    assert {Path(p).name for p in class_path} >= set(jar_names("distributed"))
    assert "-Dorg.slf4j.simpleLogger.defaultLogLevel=error" in result.stdout


def start_zk_server(tmp_path, *options):
    """A running `jthreading zk-server` and the connect string it printed."""
    server = subprocess.Popen([str(LAUNCHER), "zk-server", *options], cwd=tmp_path,
                              env=DEFAULT_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    ready, _, _ = select.select([server.stdout], [], [], TIMEOUT)
    line = server.stdout.readline() if ready else ""
    found = re.search(r"ZooKeeper at (127\.0\.0\.1:(\d+))", line)
    if not found:
        server.kill()
        pytest.fail(f"zk-server printed {line!r}; stderr: {server.communicate(timeout=TIMEOUT)[1]}")
    return server, found[1]


def stop(server):
    """SIGTERM; the JVM's shutdown hook stops ZooKeeper. Returns (status, seconds, stderr)."""
    started = time.monotonic()
    server.send_signal(signal.SIGTERM)
    _, stderr = server.communicate(timeout=TIMEOUT)
    return server.returncode, time.monotonic() - started, stderr


CLIENT = """
    import sys
    import jep

    Coordinator = jep.findClass("io.jthreading.distributed.Coordinator")
    coordinator = Coordinator.connect(sys.argv[1])
    lock = coordinator.lock("packaging/lock")
    assert lock.acquire()
    token = lock.fencingToken()
    lock.release()
    event = coordinator.event("packaging/event")
    event.set()
    print("state", coordinator.state(), "token", token, "event", event.isSet())
    coordinator.close()
"""


@pytest.mark.timeout(180)
def test_zk_server_on_a_free_port_serves_a_jthreading_run_program(tmp_path):
    data = tmp_path / "zk-data"
    server, address = start_zk_server(tmp_path, "--port", "0", "--data-dir", str(data))
    try:
        assert not address.endswith(":0")
        script = tmp_path / "client.py"
        script.write_text(textwrap.dedent(CLIENT))
        first = run([str(LAUNCHER), "run", str(script), address], cwd=tmp_path)
        second = run([str(LAUNCHER), "run", str(script), address], cwd=tmp_path)
    finally:
        status, seconds, server_stderr = stop(server)
    for result in (first, second):
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stderr == ""  # no SLF4J(W) lines, no connection chatter
    tokens = [int(r.stdout.split()[3]) for r in (first, second)]
    assert first.stdout.split()[:2] == ["state", "CONNECTED"]
    assert first.stdout.split()[4:] == ["event", "True"]
    assert 0 < tokens[0] < tokens[1]  # one server for both processes: tokens only grow
    assert status == 128 + signal.SIGTERM  # the JVM's exit on SIGTERM, after its hooks
    assert seconds < 10
    assert server_stderr == ""
    assert (data / "version-2").is_dir()  # the data went where --data-dir said


def test_zk_server_on_a_port_in_use_exits_with_a_message(tmp_path):
    server, address = start_zk_server(tmp_path, "--port", "0")
    try:
        result = run([str(LAUNCHER), "zk-server", "--port", address.rsplit(":", 1)[1]],
                     cwd=tmp_path)
    finally:
        stop(server)
    assert result.returncode == 1
    assert result.stderr.startswith("jthreading zk-server: could not start: ")
    assert "\tat " not in result.stderr  # no stack trace
    assert result.stdout == ""


@pytest.mark.parametrize("arguments", [["--port"], ["--port", "x"], ["--port", "70000"],
                                       ["--tick-ms", "0"], ["--data-dir", ""], ["--verbose"]])
def test_zk_server_with_bad_arguments_prints_the_usage(tmp_path, arguments):
    result = run([str(LAUNCHER), "zk-server", *arguments], cwd=tmp_path)
    assert result.returncode == 2
    assert "jthreading zk-server [--port N] [--data-dir DIR] [--tick-ms N]" in result.stderr


def test_a_bad_log_level_is_named(tmp_path):
    result = run([str(LAUNCHER), "info"], cwd=tmp_path,
                 env=dict(DEFAULT_ENV, JTHREADING_LOG_LEVEL="loud"))
    assert result.returncode == 1
    assert "JTHREADING_LOG_LEVEL=loud" in result.stderr and "trace, debug" in result.stderr


def test_without_the_distributed_jars_run_works_and_zk_server_says_why(tmp_path):
    installed = Path(jthreading.__file__).resolve().parent
    shutil.copytree(installed, tmp_path / "jthreading",
                    ignore=shutil.ignore_patterns("distributed", "__pycache__"))
    script = tmp_path / "prog.py"
    script.write_text("import jthreading\nprint(jthreading.Lock().acquire())\n")
    env = dict(DEFAULT_ENV, PYTHONPATH=str(tmp_path))
    ran = run([sys.executable, "-m", "jthreading", "run", str(script)], cwd=tmp_path, env=env)
    served = run([sys.executable, "-m", "jthreading", "zk-server", "--port", "0"],
                 cwd=tmp_path, env=env)
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "True\n", "")
    assert served.returncode == 1
    assert "jars of jthreading.distributed" in served.stderr
