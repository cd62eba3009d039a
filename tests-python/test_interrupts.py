"""Java's Thread.interrupt() of a Python caller blocked in a jthreading wait.

The wait raises InterruptedError in that thread (the one exception jthreading's waits raise that
CPython's do not), and leaves nothing behind: the thread's interrupt status is clear and its next
wait waits. The interrupt comes from a Java thread (io.jthreading.testkit.Interrupter) once it
has seen the caller blocked in the wait. The main thread is the launcher's script thread, where
Ctrl-C arrives: without a SIGINT its interrupt is an InterruptedError too.
"""

import threading
import time

import jep
import pytest

import jthreading

TIMEOUT = 60  # bound on every wait


def java_class(name):
    return jep.findClass(name.encode().decode())


Interrupter = java_class("io.jthreading.testkit.Interrupter")


def blocker(kind):
    """(setup, wait, cleanup) for a wait of ``kind`` that only an interrupt ends in time."""
    if kind == "Lock.acquire":
        lock = jthreading.Lock()
        return lock.acquire, lambda: lock.acquire(timeout=TIMEOUT), lock.release
    if kind == "Lock.acquire untimed":
        lock = jthreading.Lock()
        return lock.acquire, lock.acquire, lock.release
    if kind == "RLock.acquire":
        rlock = jthreading.RLock()
        held, done = jthreading.Event(), jthreading.Event()

        def hold():
            with rlock:
                held.set()
                done.wait(TIMEOUT)
        holder = jthreading.Thread(target=hold)

        def setup():
            holder.start()
            held.wait(TIMEOUT)

        def cleanup():
            done.set()
            holder.join(TIMEOUT)
        return setup, lambda: rlock.acquire(timeout=TIMEOUT), cleanup
    if kind == "Event.wait":
        event = jthreading.Event()
        return None, lambda: event.wait(TIMEOUT), None
    if kind == "Event.wait untimed":
        event = jthreading.Event()
        return None, event.wait, None
    if kind == "Condition.wait":
        cond = jthreading.Condition()

        def wait():
            with cond:
                try:
                    cond.wait(TIMEOUT)
                finally:
                    assert cond._is_owned()  # held again, as after any wait
        return None, wait, None
    if kind == "Semaphore.acquire":
        semaphore = jthreading.Semaphore(0)
        return None, lambda: semaphore.acquire(timeout=TIMEOUT), None
    if kind == "Barrier.wait":
        barrier = jthreading.Barrier(2)
        return None, lambda: barrier.wait(TIMEOUT), None
    if kind == "Thread.join":
        stop = jthreading.Event()
        worker = jthreading.Thread(target=stop.wait, args=(TIMEOUT,))

        def cleanup():
            stop.set()
            worker.join(TIMEOUT)
        return worker.start, lambda: worker.join(TIMEOUT), cleanup
    raise AssertionError(kind)


KINDS = ["Lock.acquire", "Lock.acquire untimed", "RLock.acquire", "Event.wait",
         "Event.wait untimed", "Condition.wait", "Semaphore.acquire", "Barrier.wait",
         "Thread.join"]


def interrupted_wait(wait):
    """Runs ``wait`` in the calling thread while a Java thread interrupts it; what happened."""
    interrupter = Interrupter.start(jthreading.get_ident(), TIMEOUT)
    started = time.monotonic()
    try:
        wait()
        outcome = "returned"
    except InterruptedError:
        outcome = "InterruptedError"
    except BaseException as error:  # noqa: B902 - reported, not swallowed
        outcome = repr(error)
    took = time.monotonic() - started
    sent = interrupter.waitUntilDone(TIMEOUT)
    leftover = Interrupter.currentThreadInterrupted()
    # Nothing left behind: the next wait waits its whole timeout.
    next_started = time.monotonic()
    try:
        next_result = jthreading.Event().wait(0.05)
    except BaseException as error:  # noqa: B902
        next_result = repr(error)
    next_waited = time.monotonic() - next_started >= 0.045
    return {"outcome": outcome, "sent": sent, "took less than the timeout": took < TIMEOUT / 2,
            "interrupt status left": leftover, "next wait": next_result,
            "next wait waited": next_waited}


EXPECTED = {"outcome": "InterruptedError", "sent": True, "took less than the timeout": True,
            "interrupt status left": False, "next wait": False, "next wait waited": True}


def run_on(where, body):
    if where == "main thread":
        return body()
    results = []
    if where == "jthreading.Thread":
        thread = jthreading.Thread(target=lambda: results.append(body()))
    else:
        thread = threading.Thread(target=lambda: results.append(body()))
    thread.start()
    thread.join(TIMEOUT)
    assert not thread.is_alive()
    return results[0] if results else "the thread failed (see its traceback)"


@pytest.mark.parametrize("where", ["main thread", "jthreading.Thread", "threading.Thread"])
@pytest.mark.parametrize("kind", KINDS)
def test_interrupt_raises_interrupted_error_and_leaves_nothing_behind(kind, where):
    setup, wait, cleanup = blocker(kind)
    if setup:
        setup()
    try:
        assert run_on(where, lambda: interrupted_wait(wait)) == EXPECTED
    finally:
        if cleanup:
            cleanup()


def test_interrupt_pending_before_the_wait_raises_at_once():
    # A Java interrupt set before a Python caller waits: Java's convention (the wait throws at
    # once), seen in Python as InterruptedError; and it is consumed.
    java_thread = java_class("java.lang.Thread")
    java_thread.currentThread().interrupt()
    started = time.monotonic()
    with pytest.raises(InterruptedError):
        jthreading.Event().wait(TIMEOUT)
    assert time.monotonic() - started < TIMEOUT / 2
    assert not Interrupter.currentThreadInterrupted()
    assert jthreading.Event().wait(0.01) is False


def test_a_broken_barrier_is_what_the_others_see():
    # The interrupted party breaks the barrier (Java's CyclicBarrier rule), so the others do not
    # wait for it forever.
    barrier = jthreading.Barrier(3)
    others = []

    def party():
        try:
            barrier.wait(TIMEOUT)
            others.append("passed")
        except threading.BrokenBarrierError:
            others.append("BrokenBarrierError")
    peer = jthreading.Thread(target=party)
    peer.start()
    assert interrupted_wait(lambda: barrier.wait(TIMEOUT))["outcome"] == "InterruptedError"
    peer.join(TIMEOUT)
    assert others == ["BrokenBarrierError"]
    assert barrier.broken
