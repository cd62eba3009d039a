"""``jthreading dump PID``: the thread dump of a running process, asked from outside (SIGUSR2).

The process is a real ``jthreading run`` program with a Python thread waiting on an Event held
open by a Java-side Lock; the test asks for its dump from another process, as a user would.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

VENV_BIN = Path(sys.executable).parent
LAUNCHER = VENV_BIN / "jthreading"
TIMEOUT = 60

PROGRAM = textwrap.dedent("""
    import sys
    import jthreading

    lock = jthreading.Lock()
    event = jthreading.Event()

    def waiter():
        event.wait(60)

    def locker():
        lock.acquire(timeout=60)

    lock.acquire()
    threads = [jthreading.Thread(target=waiter, name="event-waiter"),
               jthreading.Thread(target=locker, name="lock-waiter")]
    for thread in threads:
        thread.start()
    print("ready", flush=True)
    sys.stdin.readline()  # until the test closes stdin
    event.set()
    lock.release()
    for thread in threads:
        thread.join(60)
    print("done", flush=True)
""")


@pytest.mark.timeout(TIMEOUT * 3)
def test_dump_of_a_running_process_from_outside(tmp_path):
    program = tmp_path / "prog.py"
    program.write_text(PROGRAM)
    process = subprocess.Popen([str(LAUNCHER), "run", str(program)], cwd=tmp_path,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "ready\n"
        dump = wait_for_both_waits(process.pid)
        assert f"pid {process.pid}" in dump.splitlines()[0]
        waiter = section(dump, "event-waiter")
        assert "languages=Java+Python" in waiter
        assert "in wait on <jthreading.Event: unset>" in waiter
        assert "in waiter" in waiter and "event.wait(60)" in waiter
        locker = section(dump, "lock-waiter")
        assert 'in acquire on <locked jthreading.Lock object> @' in locker
        assert 'held by "MainThread"' in locker
        main = section(dump, "MainThread")
        assert "sys.stdin.readline()" in main
        assert "No deadlock found." in dump
    finally:
        out, err = process.communicate("\n", timeout=TIMEOUT)
    assert process.returncode == 0, err
    assert out == "done\n"
    assert "jthreading thread dump" in err  # the process's stderr gets it too


def test_dump_refuses_a_process_that_is_not_jthreading(tmp_path):
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        result = subprocess.run([str(LAUNCHER), "dump", str(sleeper.pid)], capture_output=True,
                                text=True, timeout=TIMEOUT)
        assert result.returncode == 1
        assert "is not a running jthreading process" in result.stderr
        assert sleeper.poll() is None  # not killed by a signal it does not handle
    finally:
        sleeper.kill()
        sleeper.wait()


def wait_for_both_waits(pid):
    """Dumps until both threads are seen parked (nothing in another process to wait on)."""
    for _ in range(50):
        result = subprocess.run([str(LAUNCHER), "dump", str(pid)], capture_output=True,
                                text=True, timeout=TIMEOUT)
        assert result.returncode == 0, result.stderr
        if result.stdout.count("    waiting ") >= 2:
            return result.stdout
    raise AssertionError("the threads were never seen waiting:\n" + result.stdout)


def section(dump, name):
    start = dump.index(f'\n"{name}" ') + 1
    end = dump.find("\n\n", start)
    return dump[start:end if end >= 0 else len(dump)]
