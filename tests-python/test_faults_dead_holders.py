"""Faults (issue 13): a thread that ends holding a primitive, as CPython has it.

A Lock stays held and any thread may release it; an RLock stays owned by the dead thread (no
one else can release it; CPython could hand it to a new thread that happens to reuse the dead
one's ident, jthreading never does: Java thread ids are not reused); a Semaphore's permit stays
taken until someone releases one; a Condition over a held Lock looks owned to every thread. One
script does all of it under plain CPython (``threading``) and under the launcher
(``jthreading``), and both must print the same. The holder may be a Java thread too (in-process
tests below).
"""

import io
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import jthreading
from jthreading._embedding import java_class

DyingHolders = java_class("io.jthreading.testkit.DyingHolders")
Interrupter = java_class("io.jthreading.testkit.Interrupter")

LAUNCHER = Path(sys.executable).parent / "jthreading"
BOUND = 30

SCRIPT = r'''
import importlib, re, sys
threading = importlib.import_module(sys.argv[1])
B = 30

def show(*args):
    print(*args, flush=True)

def shape(obj):
    # reprs carry idents, addresses and the type's module, which differ between runs and modules
    text = re.sub(r"0x[0-9a-f]+|\d+", "N", repr(obj))
    return re.sub(r"\S+\.(lock|Lock|RLock) object", lambda m: m.group(1).lower() + " object", text)

def die_holding(*steps):
    thread = threading.Thread(target=lambda: [step() for step in steps])
    thread.start(); thread.join(B)
    assert not thread.is_alive()
    return thread

def attempt(what, call):
    try:
        show(what, call())
    except Exception as error:
        show(what, type(error).__name__, error)

lock = threading.Lock()
die_holding(lock.acquire)
show("Lock:", lock.locked(), shape(lock))
attempt("Lock acquire(timeout):", lambda: lock.acquire(timeout=0.01))
attempt("Lock release elsewhere:", lock.release)
attempt("Lock usable:", lambda: (lock.acquire(False), lock.release(), lock.locked()))

rlock = threading.RLock()
die_holding(rlock.acquire, rlock.acquire)
show("RLock:", shape(rlock), rlock._is_owned())
attempt("RLock acquire(False):", lambda: rlock.acquire(False))
attempt("RLock acquire(timeout):", lambda: rlock.acquire(timeout=0.01))
attempt("RLock release:", rlock.release)

cond = threading.Condition(threading.RLock())
die_holding(cond.acquire)
attempt("Condition(RLock) wait:", lambda: cond.wait(0.01))
attempt("Condition(RLock) notify:", cond.notify)

cond = threading.Condition(threading.Lock())
die_holding(cond.acquire)
show("Condition(Lock) owned:", cond._is_owned())
attempt("Condition(Lock) notify:", cond.notify)
# CPython's wait releases the held Lock and takes it back: it times out, and then holds it
attempt("Condition(Lock) wait:", lambda: cond.wait(0.01))
attempt("Condition(Lock) release:", cond.release)
attempt("Condition(Lock) usable:", lambda: (cond.acquire(False), cond.release()))

sem = threading.Semaphore(2)
die_holding(sem.acquire)
show("Semaphore:", sem._value if hasattr(sem, "_value") else "?")
attempt("Semaphore acquire x2:", lambda: (sem.acquire(timeout=0.01), sem.acquire(timeout=0.01)))
attempt("Semaphore release x2:", lambda: (sem.release(), sem.release()))

bsem = threading.BoundedSemaphore(1)
die_holding(bsem.acquire)
attempt("BoundedSemaphore acquire:", lambda: bsem.acquire(timeout=0.01))
attempt("BoundedSemaphore release:", bsem.release)
attempt("BoundedSemaphore release again:", bsem.release)

# `with` releases whatever ends the block, the thread's death by an exception included
lock = threading.Lock()
threading.excepthook = lambda args: None
die_holding(lambda: lock.__enter__(), lambda: 1 / 0)
show("Lock after an exception:", lock.locked())
ok = threading.Lock()
def dies_in_with():
    with ok:
        raise ValueError
die_holding(dies_in_with)
show("with-Lock after an exception:", ok.locked())
'''


def run(command, cwd):
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.timeout(240)
def test_primitives_held_by_a_dead_python_thread_behave_as_cpythons(tmp_path):
    prog = tmp_path / "dead_holders.py"
    prog.write_text(SCRIPT)
    theirs = run([sys.executable, str(prog), "threading"], tmp_path)
    ours = run([str(LAUNCHER), "run", str(prog), "jthreading"], tmp_path)
    assert theirs[0] == 0, theirs
    assert ours == theirs


def java_dies_holding(lock, times=1):
    thread = DyingHolders.dieHolding(lock, times)
    assert not thread.isAlive()
    return thread


def test_lock_held_by_a_dead_java_thread_can_be_released_by_python_and_java():
    lock = jthreading.Lock()
    java_dies_holding(lock)
    assert lock.locked()
    assert lock.acquire(timeout=0.01) is False
    lock.release()  # any thread may release a Lock, as in CPython
    assert lock.acquire(False)
    lock.release()
    java_dies_holding(lock)
    assert str(DyingHolders.unlockElsewhere(lock)) == "ok"
    assert not lock.locked()


def test_rlock_held_by_a_dead_java_thread_stays_owned_by_it():
    rlock = jthreading.RLock()
    holder = java_dies_holding(rlock, times=2)
    assert not rlock._is_owned()
    assert f"owner={holder.getId()} count=2" in repr(rlock)
    assert rlock.acquire(timeout=0.01) is False
    with pytest.raises(RuntimeError, match="^cannot release un-acquired lock$"):
        rlock.release()
    # Java's rule for a Lock someone else holds
    assert str(DyingHolders.unlockElsewhere(rlock)) == "IllegalMonitorStateException"
    condition = jthreading.Condition(rlock)
    with pytest.raises(RuntimeError, match="^cannot wait on un-acquired lock$"):
        condition.wait(0.01)
    # A waiter's dump names the holder as an ended thread; a Java interrupt ends the wait.
    outcome = []

    def wait_for_the_rlock():
        try:
            outcome.append(rlock.acquire(timeout=BOUND))
        except InterruptedError:
            outcome.append("interrupted")

    waiter = jthreading.Thread(target=wait_for_the_rlock, name="waits-for-the-dead")
    waiter.start()
    dump = dump_when_waiting("waits-for-the-dead")
    assert f'held by "(ended thread)" (ident {holder.getId()})' in dump
    Interrupter.start(waiter.ident, BOUND)
    waiter.join(BOUND)
    assert outcome == ["interrupted"]


def dump_when_waiting(name):
    """The dump section of thread ``name`` once it is seen parked (bounded polling: nothing
    signals "parked")."""
    deadline = time.monotonic() + BOUND
    while True:
        out = io.StringIO()
        jthreading.dump_threads(file=out)
        text = out.getvalue()
        start = text.index(f'\n"{name}" ')
        section = text[start:text.find("\n\n", start + 1)]
        if "    waiting " in section or time.monotonic() > deadline:
            return section
        time.sleep(0.01)


def test_waiters_of_a_lock_a_dead_thread_held_get_it_once_released():
    lock, acquired = jthreading.Lock(), jthreading.Semaphore(0)
    java_dies_holding(lock)

    def waiter():
        if lock.acquire(timeout=BOUND):
            acquired.release()  # and keeps the lock: the main thread releases it for the next
    waiters = [jthreading.Thread(target=waiter) for _ in range(3)]
    for thread in waiters:
        thread.start()
    lock.release()  # the dead holder's
    for _ in waiters:
        assert acquired.acquire(timeout=BOUND)
        lock.release()
    for thread in waiters:
        thread.join(BOUND)
    assert not lock.locked()
