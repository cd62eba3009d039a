"""Faults (issue 13): exceptions raised in every callback path end as in CPython.

One script raises in a Thread target, a Timer function, a Barrier action, a Condition.wait_for
predicate, the excepthook, and the excepthook and sys.excepthook both; it runs under plain
CPython with ``threading`` and under the launcher with ``jthreading``, and both must print the
same (stdout exactly; stderr's unindented lines, which name each report and its exception). The
Java paths (a Java Runnable as a target or a Barrier action, Java's ExceptHook failing) run
here, with Java's semantics where CPython has none.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

import jthreading
from jthreading._embedding import java_class

FailingCallbacks = java_class("io.jthreading.testkit.FailingCallbacks")
MatrixWorkers = java_class("io.jthreading.testkit.MatrixWorkers")
Threads = java_class("io.jthreading.Threads")
AtomicReference = java_class("java.util.concurrent.atomic.AtomicReference")

LAUNCHER = Path(sys.executable).parent / "jthreading"
BOUND = 30  # seconds: every wait is bounded

SCRIPT = r'''
import importlib, sys
threading = importlib.import_module(sys.argv[1])
B = 30

def show(*args):
    print(*args, flush=True)

def party(barrier, out):
    try:
        out.append(barrier.wait(B))
    except Exception as error:
        out.append(type(error).__name__)

# A target raises: the default excepthook reports it; the thread ends.
t = threading.Thread(target=lambda: 1 / 0, name="target")
t.start(); t.join(B)
show("target: alive", t.is_alive())

# A Timer's function raises: the same, and its `finished` is not set (CPython's Timer.run).
timer = threading.Timer(0.001, lambda: {}["key"])
timer.name = "timer"
timer.start(); timer.join(B)
show("timer: alive", timer.is_alive(), "finished", timer.finished.is_set())

# A Barrier action raises: the thread that ran it gets the error, the others
# BrokenBarrierError; the barrier stays broken until reset().
def action():
    raise ValueError("action failed")
barrier = threading.Barrier(2, action=action)
out = []
other = threading.Thread(target=party, args=(barrier, out))
other.start()
while barrier.n_waiting < 1:
    pass
try:
    barrier.wait(B)
except ValueError as error:
    out.append("ran it: ValueError " + str(error))
other.join(B)
show("barrier:", sorted(out), "broken", barrier.broken)
try:
    barrier.wait(B)
except threading.BrokenBarrierError:
    show("barrier: broken until reset")
barrier.reset()
barrier = threading.Barrier(2)
out = []
other = threading.Thread(target=party, args=(barrier, out))
other.start()
out.append(barrier.wait(B))
other.join(B)
show("barrier: usable again", sorted(out))

# A wait_for predicate raises: before any wait, and after a wait; the lock is held either way.
cond = threading.Condition()
with cond:
    try:
        cond.wait_for(lambda: 1 / 0, B)
    except ZeroDivisionError:
        show("predicate, first call: raised, owned", cond._is_owned())
calls = []
def predicate():
    calls.append(1)
    if len(calls) > 1:
        raise KeyError("second call")
    return False
def notifier():
    with cond:
        cond.notify_all()
with cond:
    notifying = threading.Thread(target=notifier)
    notifying.start()
    try:
        cond.wait_for(predicate, B)
    except KeyError:
        show("predicate, after a wait: raised, owned", cond._is_owned())
notifying.join(B)
with cond:
    show("condition usable:", cond.wait(0.001), cond.wait_for(lambda: True, B))

# The excepthook raises: "Exception in threading.excepthook:" and sys.excepthook.
def failing_hook(args):
    raise RuntimeError("hook failed")
threading.excepthook = failing_hook
t = threading.Thread(target=lambda: 1 / 0, name="hooked")
t.start(); t.join(B)
show("hook fails: alive", t.is_alive())

# ... and sys.excepthook raises too: sys.unraisablehook, "Exception ignored in thread started by".
def failing_sys_hook(*args):
    raise OSError("sys.excepthook failed")
seen = []
previous_sys_hook, previous_unraisable = sys.excepthook, sys.unraisablehook
sys.excepthook = failing_sys_hook
sys.unraisablehook = lambda u: seen.append(
    (u.exc_type.__name__, str(u.exc_value), u.err_msg, u.object.__name__))
t = threading.Thread(target=lambda: 1 / 0, name="both hooks")
t.start(); t.join(B)
show("both hooks fail: alive", t.is_alive(), seen)
# ... with the default unraisablehook (what it prints goes to stderr).
sys.unraisablehook = previous_unraisable
t = threading.Thread(target=lambda: 1 / 0, name="default unraisable")
t.start(); t.join(B)
sys.excepthook = previous_sys_hook
threading.excepthook = threading.__excepthook__

# SystemExit escaping every hook is silent, as in CPython's bootstrap.
def exiting_hook(args):
    raise SystemExit(3)
threading.excepthook = exiting_hook
t = threading.Thread(target=lambda: 1 / 0, name="exiting hook")
t.start(); t.join(B)
threading.excepthook = threading.__excepthook__
show("after all:", threading.Lock().acquire(False), threading.active_count())
'''


def run(command, cwd):
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, skeleton(done.stderr)


def skeleton(stderr):
    """Unindented lines (report headers, exception lines), addresses and numbers blanked: tracebacks' frames
    differ (jthreading's bootstrap is not threading.py's), what is reported must not."""
    lines = [line for line in stderr.splitlines() if line and not line[0].isspace()
             and not set(line) <= set("~^ ")]
    return [re.sub(r"\d+", "N", re.sub(r"0x[0-9a-f]+", "0xN", line)) for line in lines]


@pytest.mark.timeout(240)
def test_exceptions_in_callbacks_end_as_in_cpython(tmp_path):
    prog = tmp_path / "callbacks.py"
    prog.write_text(SCRIPT)
    theirs = run([sys.executable, str(prog), "threading"], tmp_path)
    ours = run([str(LAUNCHER), "run", str(prog), "jthreading"], tmp_path)
    assert theirs[0] == 0, theirs
    assert ours == theirs
    # 3.13 words it "started by <...>:", earlier versions "started by: <...>".
    assert any(line.startswith("Exception ignored in thread started by") and
               "<bound method Thread._bootstrap of <Thread(default unraisable, started N)>>"
               in line for line in ours[2]), ours[2]


# ---- Java callbacks ------------------------------------------------------------------------

def test_java_runnable_target_throwing_in_a_python_started_thread_reaches_the_excepthook():
    seen = []
    previous = jthreading.excepthook
    jthreading.excepthook = lambda args: seen.append((args.thread, args.exc_type))
    try:
        thread = jthreading.Thread(target=FailingCallbacks.throwing("java target failed"))
        thread.start()
        thread.join(BOUND)
    finally:
        jthreading.excepthook = previous
    assert not thread.is_alive()
    # A Java exception of no Python meaning is a RuntimeError (Jep's rule).
    assert seen == [(thread, RuntimeError)]


def test_java_jthread_whose_runnable_throws_reaches_javas_except_hook():
    seen = AtomicReference()
    previous = Threads.exceptHook()
    Threads.setExceptHook(FailingCallbacks.recordingHook(seen))
    try:
        thread = MatrixWorkers.newJThread(FailingCallbacks.throwing("java target failed"),
                                          "java-thrower", True)
        thread.start()
        assert thread.joinNanos(BOUND * 10**9)
    finally:
        Threads.setExceptHook(previous)
    assert str(seen.get()) == \
        "java-thrower: java.lang.IllegalStateException: java target failed"
    assert not thread.isAlive()
    assert thread.ident() not in list(MatrixWorkers.enumerateIdents())


def test_java_except_hook_that_throws_goes_to_javas_last_resort_and_the_thread_ends():
    # Java's semantics: what escapes the hook is the Java thread's uncaught exception; the
    # JThread still ends (joiners released, unregistered).
    seen = AtomicReference()
    previous = Threads.exceptHook()
    previous_default = FailingCallbacks.recordDefaultHandler(seen)
    Threads.setExceptHook(FailingCallbacks.throwingHook("hook failed"))
    try:
        thread = MatrixWorkers.newJThread(FailingCallbacks.throwing("java target failed"),
                                          "java-hook-thrower", True)
        thread.start()
        assert thread.joinNanos(BOUND * 10**9)
        java_thread = thread.javaThread()
        java_thread.join(BOUND * 1000)
        assert not java_thread.isAlive()
    finally:
        Threads.setExceptHook(previous)
        FailingCallbacks.restoreDefaultHandler(previous_default)
    assert str(seen.get()) == "java-hook-thrower: java.lang.IllegalArgumentException: hook failed"
    assert thread.ident() not in list(MatrixWorkers.enumerateIdents())


def test_java_runnable_barrier_action_throwing_breaks_the_barrier_for_python_parties():
    barrier = jthreading.Barrier(2, action=FailingCallbacks.throwing("java action failed"))
    outcomes = []

    def party():
        try:
            outcomes.append(barrier.wait(BOUND))
        except jthreading.BrokenBarrierError:
            outcomes.append("BrokenBarrierError")
        except RuntimeError as error:  # the Java exception, in the thread that ran the action
            outcomes.append("ran it: " + str(error))
    threads = [jthreading.Thread(target=party) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(BOUND)
    broken, ran_it = sorted(outcomes)
    assert broken == "BrokenBarrierError"
    assert ran_it.startswith("ran it: ") and "java action failed" in ran_it
    assert barrier.broken
    barrier.reset()
    assert not barrier.broken
