"""Ctrl-C under `jthreading run`: KeyboardInterrupt in the script, as in CPython.

Each test runs a script in a launcher subprocess and sends it SIGINT once the script says it is
ready: for waits, once a Java watcher (io.jthreading.testkit.BlockedThreads) has seen the main
thread blocked in the jthreading wait, so that the signal really finds it blocked. An uncaught
KeyboardInterrupt must end the process as CPython's does: traceback, then death by SIGINT
(returncode -2).
"""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

LAUNCHER = Path(sys.executable).parent / "jthreading"
PYTHON = sys.executable
TIMEOUT = 60  # bound on every wait, in the scripts and here
DIED_OF_SIGINT = -signal.SIGINT
TESTKIT = Path(__file__).resolve().parent.parent / "tests-java" / "target" / "classes"


def child_env():
    """The scripts run elsewhere (tmp_path): the test kit's classes by absolute path."""
    paths = [str(Path(p).resolve()) for p in os.environ.get("CLASSPATH", "").split(os.pathsep) if p]
    return dict(os.environ, CLASSPATH=os.pathsep.join([*paths, str(TESTKIT)]))

PRELUDE = """\
import sys, time
import jep
import jthreading

def announce_when_blocked():
    # A Java thread prints BLOCKED once this thread is blocked in a jthreading wait.
    watch = jep.findClass("io.jthreading.testkit.BlockedThreads".encode().decode())
    watch.announceWhenBlocked(jthreading.get_ident(), "BLOCKED", {timeout})
""".format(timeout=TIMEOUT)

# What the main thread does to block: (setup, the blocking statement). Every wait is bounded.
WAITS = {
    "Lock.acquire": ("lock = jthreading.Lock(); lock.acquire()",
                     f"lock.acquire(timeout={TIMEOUT})"),
    "Lock.acquire untimed": ("lock = jthreading.Lock(); lock.acquire()", "lock.acquire()"),
    "with Lock": ("lock = jthreading.Lock(); lock.acquire()", "with lock: pass"),
    "RLock.acquire": ("""
        rlock = jthreading.RLock(); held = jthreading.Event(); done = jthreading.Event()
        def hold():
            with rlock:
                held.set()
                done.wait({t})
        jthreading.Thread(target=hold, daemon=True).start()
        held.wait({t})""".format(t=TIMEOUT), f"rlock.acquire(timeout={TIMEOUT})"),
    "Event.wait": ("event = jthreading.Event()", f"event.wait({TIMEOUT})"),
    "Event.wait untimed": ("event = jthreading.Event()", "event.wait()"),
    "Condition.wait": ("cond = jthreading.Condition()",
                       f"with cond: cond.wait({TIMEOUT})"),
    "Semaphore.acquire": ("sem = jthreading.Semaphore(0)", f"sem.acquire(timeout={TIMEOUT})"),
    "Barrier.wait": ("barrier = jthreading.Barrier(2)", f"barrier.wait({TIMEOUT})"),
    "Thread.join": ("""
        stop = jthreading.Event()
        worker = jthreading.Thread(target=stop.wait, args=({t},), daemon=True)
        worker.start()""".format(t=TIMEOUT), f"worker.join({TIMEOUT})"),
    "Queue.get": ("import jthreading.queue; q = jthreading.queue.Queue()",
                  f"q.get(timeout={TIMEOUT})"),
    "Queue.get untimed": ("import jthreading.queue; q = jthreading.queue.PriorityQueue()",
                          "q.get()"),
    "Queue.put": ("import jthreading.queue; q = jthreading.queue.LifoQueue(1); q.put(0)",
                  "q.put(1)"),
    "Queue.join": ("import jthreading.queue; q = jthreading.queue.Queue(); q.put(0)", "q.join()"),
    "SimpleQueue.get": ("import jthreading.queue; q = jthreading.queue.SimpleQueue()",
                        f"q.get(timeout={TIMEOUT})"),
}


@pytest.fixture
def script(tmp_path):
    def write(body):
        path = tmp_path / "prog.py"
        path.write_text(PRELUDE + textwrap.dedent(body))
        return path
    return write


def interrupt_when(args, ready, cwd):
    """Runs ``args``, sends SIGINT when a line of its output starts with ``ready``.
    Returns (returncode, stdout, stderr, time.time() at the signal)."""
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=child_env())
    try:
        lines = []
        sent_at = None
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:  # readline returns "" at EOF: bounded
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("NOT BLOCKED"):
                break
            if line.startswith(ready):
                sent_at = time.time()
                process.send_signal(signal.SIGINT)
                break
        out, err = process.communicate(timeout=TIMEOUT)
        assert sent_at is not None, f"never ready: {''.join(lines)}{out}\n{err}"
        return process.returncode, "".join(lines) + out, err, sent_at
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def launch(prog):
    return [str(LAUNCHER), "run", str(prog)]


def latency_ms(out, sent_at):
    """The script prints 'CAUGHT <time.time()>' where it caught KeyboardInterrupt."""
    stamp = next(line.split()[1] for line in out.splitlines() if line.startswith("CAUGHT"))
    return (float(stamp) - sent_at) * 1e3


@pytest.mark.parametrize("kind", WAITS)
def test_uncaught_keyboard_interrupt_in_wait_ends_like_cpython(script, tmp_path, kind):
    setup, wait = WAITS[kind]
    prog = script(f"""
{textwrap.dedent(setup).strip()}
announce_when_blocked()
{wait}
print("NOT INTERRUPTED")
""")
    status, out, err, _ = interrupt_when(launch(prog), "BLOCKED", tmp_path)
    assert "NOT INTERRUPTED" not in out
    assert status == DIED_OF_SIGINT, err
    assert err.startswith("Traceback (most recent call last):"), err
    assert f"    {wait}\n" in err  # raised by the wait, in the script's frame
    assert err.rstrip().splitlines()[-1] == "KeyboardInterrupt"


@pytest.mark.parametrize("kind", WAITS)
def test_keyboard_interrupt_in_wait_can_be_caught(script, tmp_path, kind):
    setup, wait = WAITS[kind]
    prog = script(f"""
{textwrap.dedent(setup).strip()}
announce_when_blocked()
try:
    {wait}
    print("NOT INTERRUPTED")
except KeyboardInterrupt as error:
    print("CAUGHT", time.time(), type(error) is KeyboardInterrupt, flush=True)
# Nothing left behind: the next wait waits its whole timeout.
started = time.monotonic()
result = jthreading.Event().wait(0.2)
print("NEXT", result, time.monotonic() - started >= 0.19)
sys.exit(0)
""")
    status, out, err, sent_at = interrupt_when(launch(prog), "BLOCKED", tmp_path)
    assert status == 0, err
    assert "NOT INTERRUPTED" not in out
    assert " True\n" in next(line + "\n" for line in out.splitlines() if line.startswith("CAUGHT"))
    assert "NEXT False True" in out
    print(f"{kind}: SIGINT to KeyboardInterrupt {latency_ms(out, sent_at):.1f} ms")


def test_condition_lock_is_held_again_when_keyboard_interrupt_leaves_wait(script, tmp_path):
    prog = script("""
cond = jthreading.Condition()
with cond:
    announce_when_blocked()
    try:
        cond.wait(60)
    except KeyboardInterrupt:
        print("OWNED", cond._is_owned(), flush=True)
""")
    status, out, err, _ = interrupt_when(launch(prog), "BLOCKED", tmp_path)
    assert status == 0, err
    assert "OWNED True" in out


# Not `while <condition>: pass`: CPython 3.13 itself lets a KeyboardInterrupt raised at that
# loop's jump escape a try around it (python/cpython#130279), and so would jthreading's.
BUSY = """
print("READY", flush=True)
started = time.monotonic()
while True:
    if time.monotonic() - started >= 60:
        print("NOT INTERRUPTED")
        break
"""


def test_uncaught_keyboard_interrupt_in_python_code_ends_like_cpython(script, tmp_path):
    prog = script(BUSY)
    status, out, err, _ = interrupt_when(launch(prog), "READY", tmp_path)
    assert "NOT INTERRUPTED" not in out
    assert status == DIED_OF_SIGINT, err
    assert err.startswith("Traceback (most recent call last):"), err
    assert err.rstrip().splitlines()[-1] == "KeyboardInterrupt"


def test_keyboard_interrupt_in_python_code_can_be_caught(script, tmp_path):
    prog = script(f"""
try:
{textwrap.indent(BUSY, "    ")}
except KeyboardInterrupt as error:
    print("CAUGHT", time.time(), type(error) is KeyboardInterrupt, flush=True)
# Nothing left behind: no second KeyboardInterrupt, and the next wait waits.
started = time.monotonic()
while time.monotonic() - started < 0.2:
    pass
print("NEXT", jthreading.Event().wait(0.2))
""")
    status, out, err, sent_at = interrupt_when(launch(prog), "READY", tmp_path)
    assert status == 0, err
    assert "NOT INTERRUPTED" not in out
    assert "NEXT False" in out
    assert "CAUGHT" in out and out.split("CAUGHT")[1].split("\n")[0].endswith("True")
    print(f"busy Python loop: SIGINT to KeyboardInterrupt {latency_ms(out, sent_at):.1f} ms")


def test_keyboard_interrupt_in_native_code_comes_when_it_returns(script, tmp_path):
    # Known limit: time.sleep (native code, not a Java wait) is not cut short, unlike CPython's;
    # the KeyboardInterrupt is raised as soon as it returns.
    # READY inside the try: a KeyboardInterrupt that lands as soon as it is printed (before the
    # sleep) is caught too, not the script's death.
    prog = script("""
started = time.monotonic()
try:
    print("READY", flush=True)
    time.sleep(1)
    while time.monotonic() - started < 60:
        pass
    print("NOT INTERRUPTED")
except KeyboardInterrupt:
    print("CAUGHT", time.time(), flush=True)
""")
    status, out, err, sent_at = interrupt_when(launch(prog), "READY", tmp_path)
    assert status == 0, err
    assert "NOT INTERRUPTED" not in out
    assert latency_ms(out, sent_at) < 10_000


def test_same_exit_as_cpython(tmp_path):
    body = textwrap.dedent("""
        import sys, threading
        threading = __import__(sys.argv[1])
        print("READY", flush=True)
        threading.Event().wait(60)
    """)
    prog = tmp_path / "prog.py"
    prog.write_text(body)
    results = {}
    for name, args in [("threading", [PYTHON, str(prog), "threading"]),
                       ("jthreading", [*launch(prog), "jthreading"])]:
        status, _, err, _ = interrupt_when(args, "READY", tmp_path)
        results[name] = (status, err.rstrip().splitlines()[-1])
    assert results["jthreading"] == results["threading"] == (DIED_OF_SIGINT, "KeyboardInterrupt")


def test_keyboard_interrupt_while_waiting_for_threads_at_exit(script, tmp_path):
    # CPython: Ctrl-C in threading._shutdown is reported as ignored; the process then exits
    # with the script's status without waiting further.
    prog = script(f"""
stop = jthreading.Event()
jthreading.Thread(target=stop.wait, args=({TIMEOUT},)).start()
announce_when_blocked()
""")
    status, out, err, _ = interrupt_when(launch(prog), "BLOCKED", tmp_path)
    assert status == 0, err
    assert err.startswith("Exception ignored in: <module 'jthreading'"), err
    assert err.rstrip().splitlines()[-1] == "KeyboardInterrupt"


def test_each_ctrl_c_raises_again(script, tmp_path):
    prog = script(f"""
event = jthreading.Event()
for round in (1, 2):
    announce_when_blocked()
    try:
        event.wait({TIMEOUT})
    except KeyboardInterrupt:
        print("CAUGHT", round, flush=True)
""")
    process = subprocess.Popen(launch(prog), cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=child_env())
    try:
        for expected in ("CAUGHT 1", "CAUGHT 2"):
            assert process.stdout.readline().startswith("BLOCKED")
            process.send_signal(signal.SIGINT)
            assert process.stdout.readline().strip() == expected
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
