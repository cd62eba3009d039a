"""Issue 14's "Done when", across real processes: two `jthreading run` Python programs and one
plain Java program share one Lock, one Barrier and one Event through a `jthreading zk-server`.

Runs in the test command's first pass only (JTHREADING_DISTRIBUTED_PROCESSES=1): it starts
five JVMs and is about the processes, not about the Python or JDK version.
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from jthreading import _installation
from jthreading.distributed import Coordinator

pytestmark = pytest.mark.skipif(os.environ.get("JTHREADING_DISTRIBUTED_PROCESSES") != "1",
                                reason="the cross-process run is the first pass's "
                                       "(JTHREADING_DISTRIBUTED_PROCESSES=1)")

HERE = Path(__file__).resolve().parent
LAUNCHER = Path(sys.executable).parent / "jthreading"
INCREMENTS = 40
ROUNDS = 5
TIMEOUT = 120


@pytest.fixture(scope="module")
def zk_server():
    """A standalone single-node ZooKeeper (`jthreading zk-server`) with short ticks, so that a
    3 s session timeout is allowed."""
    server = subprocess.Popen([str(LAUNCHER), "zk-server", "--port", "0", "--tick-ms", "500"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert "ZooKeeper at " in line, (line, server.stderr.read() if server.poll() else "")
        yield line.split("ZooKeeper at ")[1].split()[0]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def _python_worker(*args):
    return subprocess.Popen([str(LAUNCHER), "run", str(HERE / "distributed_worker.py"), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _java_worker(*args):
    # A plain Java program: the launcher's class path and logging level, no Python.
    command = [_installation.java_executable(), "-cp", _installation.class_path(),
               *_installation.logging_options(), "io.jthreading.testkit.DistributedWorker", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _reports(workers):
    reports = []
    for worker in workers:
        try:
            out, err = worker.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            for other in workers:
                other.kill()
            pytest.fail(f"a worker did not finish within {TIMEOUT} s: {worker.args}")
        assert worker.returncode == 0, (worker.args, out, err)
        assert err == "", err  # no Java stack trace, no logging noise
        reports.append(json.loads(out.strip().splitlines()[-1]))
    return reports


@pytest.mark.timeout(TIMEOUT + 60)
def test_two_python_processes_and_a_java_process_share_lock_barrier_and_event(zk_server, tmp_path):
    run = f"processes-{uuid.uuid4().hex[:8]}"
    counter = tmp_path / "counter"
    counter.write_text("0")
    common = (zk_server, run, str(counter), str(INCREMENTS), str(ROUNDS))
    workers = [_python_worker(*common, "setter"), _python_worker(*common, "waiter"),
               _java_worker(*common, "waiter")]
    reports = _reports(workers)
    assert sorted(r["language"] for r in reports) == ["java", "python", "python"]

    # The Lock: an exact total, every value written once, and fencing tokens growing in the
    # order the holders wrote (the order ZooKeeper granted the lock).
    assert int(counter.read_text()) == 3 * INCREMENTS
    writes = sorted(tuple(entry) for r in reports for entry in r["increments"])
    assert [value for _, value in writes] == list(range(1, 3 * INCREMENTS + 1))
    tokens = [token for token, _ in writes]
    assert len(set(tokens)) == len(tokens)

    # The Barrier: each round's arrival indices are 0, 1, 2 in some order, and the action ran
    # once per round (plus once for the "everyone connected" round).
    for round_indices in zip(*(r["indices"] for r in reports)):
        assert sorted(round_indices) == [0, 1, 2]
    with Coordinator(zk_server) as coordinator:
        actions = coordinator.Semaphore(f"{run}/actions", 0)
        ran = 0
        while actions.acquire(blocking=False):
            ran += 1
        assert ran == ROUNDS + 1

    # The Event: set by one Python process, it woke the other Python process and the Java one.
    waiters = [r for r in reports if r["role"] == "waiter"]
    assert [r["woken"] for r in waiters] == [True, True]


KILLED_HOLDER = """
import sys, time
from jthreading.distributed import Coordinator
coordinator = Coordinator(sys.argv[1], session_timeout=3.0)
lock = coordinator.Lock(sys.argv[2])
lock.acquire()
print("held", flush=True)
time.sleep(600)
"""


@contextlib.contextmanager
def _doomed_process(script_text, tmp_path, *args):
    """A `jthreading run` of script_text (argv: args), killed at the end if it still runs."""
    script = tmp_path / "doomed.py"
    script.write_text(script_text)
    process = subprocess.Popen([str(LAUNCHER), "run", str(script), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)


@pytest.mark.timeout(TIMEOUT)
def test_a_killed_holder_process_frees_its_lock_within_the_session_timeout(zk_server, tmp_path):
    name = f"killed-{uuid.uuid4().hex[:8]}"
    with _doomed_process(KILLED_HOLDER, tmp_path, zk_server, name) as holder:
        assert holder.stdout.readline().strip() == "held"
        with Coordinator(zk_server) as coordinator:
            lock = coordinator.Lock(name)
            assert lock.acquire(blocking=False) is False
            holder.send_signal(signal.SIGKILL)
            holder.wait(10)
            started = time.monotonic()
            # 3 s session timeout; generous margin for a loaded machine, never asserted finer.
            assert lock.acquire(timeout=30) is True
            freed_after = time.monotonic() - started
            lock.release()
        print(f"lock freed {freed_after:.1f} s after the holder was killed (session timeout 3 s)")


KILLED_WAITER = """
import sys
from jthreading.distributed import Coordinator
coordinator = Coordinator(sys.argv[1], session_timeout=3.0)
coordinator.Barrier(sys.argv[2], 3).wait()
"""


@pytest.mark.timeout(TIMEOUT)
def test_a_killed_barrier_waiter_breaks_the_barrier_for_the_others(zk_server, tmp_path):
    name = f"killed-waiter-{uuid.uuid4().hex[:8]}"
    with _doomed_process(KILLED_WAITER, tmp_path, zk_server, name) as doomed:
        with Coordinator(zk_server) as coordinator:
            barrier = coordinator.Barrier(name, 3)
            _until(lambda: barrier.n_waiting == 1 or doomed.poll() is not None, "doomed arrived")
            assert doomed.poll() is None, doomed.communicate()
            outcome = []

            def survivor():
                try:
                    outcome.append(barrier.wait())  # no timeout: only the dead waiter ends it
                except BaseException as error:
                    outcome.append(error)
            thread = threading.Thread(target=survivor, daemon=True)
            thread.start()
            _until(lambda: barrier.n_waiting == 2 or outcome, "the survivor arrived")
            doomed.send_signal(signal.SIGKILL)
            doomed.wait(10)
            started = time.monotonic()
            thread.join(30)  # 3 s session timeout; a generous bound, never asserted finer
            assert outcome and type(outcome[0]) is threading.BrokenBarrierError, outcome
            broke_after = time.monotonic() - started
            assert barrier.broken
            barrier.reset()
        print(f"barrier broken {broke_after:.1f} s after a waiter was killed (session timeout 3 s)")


def _until(predicate, what, within=60):
    deadline = time.monotonic() + within
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for: {what}"
        time.sleep(0.05)
