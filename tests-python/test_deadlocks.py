"""Deadlocks across the languages, found and shown (issue 13).

The cycle of the issue: a Java thread holds a Lock and waits on an RLock that a Python thread
holds, and that Python thread waits on the Lock. Every wait has a timeout, so a failing test
cannot hang; the test breaks the cycle itself by releasing the Lock (a plain lock has no owner).
"""

import io
import time

import jep
import pytest

import jthreading

TIMEOUT = 30  # bound on every wait of the deadlocked threads


def java_class(name):
    return jep.findClass(name.encode().decode())


DeadlockWorkers = java_class("io.jthreading.testkit.DeadlockWorkers")
Duration = java_class("java.time.Duration")


def wait_for_deadlocks(expected_count=1, within=15.0):
    """find_deadlocks() once the threads have parked (nothing signals "parked": poll, bounded)."""
    deadline = time.monotonic() + within
    while True:
        found = jthreading.find_deadlocks()
        if len(found) >= expected_count or time.monotonic() > deadline:
            return found
        time.sleep(0.01)


class CrossLanguageCycle:
    """Java thread: holds ``lock``, waits on ``rlock``; Python thread: holds ``rlock``, waits on
    ``lock``. ``plain`` makes the Java side a java.lang.Thread jthreading did not start."""

    def __init__(self, plain=False):
        self.plain = plain
        self.lock = jthreading.Lock()
        self.rlock = jthreading.RLock()
        holding, go = jthreading.Event(), jthreading.Event()
        start = (DeadlockWorkers.plainHoldLockThenWaitForRLock if plain
                 else DeadlockWorkers.holdLockThenWaitForRLock)
        self.java_thread = start("java-holder", self.lock, self.rlock, holding, go, TIMEOUT)
        assert holding.wait(TIMEOUT)
        self.python_got_lock = None

        def python_side():
            with self.rlock:
                go.set()
                self.python_got_lock = self.lock.acquire(timeout=TIMEOUT)
                if self.python_got_lock:
                    self.lock.release()

        self.python_thread = jthreading.Thread(target=python_side, name="python-holder")
        self.python_thread.start()

    def break_it(self):
        """Releases the Lock for the Java thread (any thread may): the Python thread takes it and
        goes on, frees the RLock, and the Java thread goes on too."""
        self.lock.release()
        self.python_thread.join(TIMEOUT)
        if self.plain:
            self.java_thread.join(TIMEOUT * 1000)  # java.lang.Thread.join(millis)
        else:
            self.java_thread.join(Duration.ofSeconds(TIMEOUT))  # a JThread
        assert not self.java_thread.isAlive()
        assert not self.python_thread.is_alive()
        assert self.python_got_lock is True


@pytest.mark.timeout(120)
def test_find_deadlocks_reports_exactly_the_java_python_cycle():
    cycle = CrossLanguageCycle()
    try:
        found = wait_for_deadlocks()
        assert len(found) == 1, found
        links = found[0]
        assert len(links) == 2
        by_name = {link.name: link for link in links}
        assert set(by_name) == {"java-holder", "python-holder"}
        java, python = by_name["java-holder"], by_name["python-holder"]
        assert java.waits_on is cycle.rlock and java.operation == "acquire"
        assert python.waits_on is cycle.lock and python.operation == "acquire"
        assert python.thread is cycle.python_thread
        assert java.thread is not None and java.thread.ident == java.ident
        assert python.ident == cycle.python_thread.ident
        # Each cycle starts at its smallest ident, and each link waits on what the next holds.
        assert links[0].ident == min(java.ident, python.ident)
        assert all(link.seconds >= 0 for link in links)
    finally:
        cycle.break_it()
    assert jthreading.find_deadlocks() == []


@pytest.mark.timeout(120)
def test_dump_shows_both_threads_with_both_stacks_and_the_cycle():
    cycle = CrossLanguageCycle()
    try:
        assert len(wait_for_deadlocks()) == 1
        out = io.StringIO()
        jthreading.dump_threads(file=out)
        dump = out.getvalue()
    finally:
        cycle.break_it()
    java_part = thread_section(dump, "java-holder")
    python_part = thread_section(dump, "python-holder")
    # The Java thread: its Java frames, waiting on the RLock held by the Python thread.
    assert "languages=Java" in java_part.splitlines()[0]
    assert "in acquire on <locked jthreading.RLock object owner=" in java_part
    assert f'held by "python-holder" (ident {cycle.python_thread.ident})' in java_part
    assert "at io.jthreading.RLock.acquire" in java_part
    assert "at io.jthreading.testkit.DeadlockWorkers" in java_part
    # The Python thread: Java frames of its wait, then its Python frames, then the Java frames
    # of the jthreading thread that runs it.
    assert "languages=Java+Python" in python_part.splitlines()[0]
    assert "in acquire on <locked jthreading.Lock object> @" in python_part
    assert 'held by "java-holder"' in python_part
    lines = [line.strip() for line in python_part.splitlines()]
    java_wait = index_of(lines, "at io.jthreading.Lock.acquire")
    python_frame = index_of(lines, "py File", "in python_side")
    python_source = index_of(lines, "py", "self.python_got_lock = self.lock.acquire(timeout=TIMEOUT)")
    crossing = index_of(lines, "at jep.")
    java_body = index_of(lines, "at io.jthreading.JThread")
    # Innermost first: Java's wait, the Python call that made it, Jep's crossing, the thread.
    assert java_wait < python_frame < python_source < crossing < java_body, python_part
    assert "Found 1 deadlock:" in dump
    assert '"java-holder"' in dump.split("Found 1 deadlock:")[1]


@pytest.mark.timeout(120)
def test_a_plain_java_thread_in_the_cycle_has_no_thread_object_but_is_reported():
    cycle = CrossLanguageCycle(plain=True)
    try:
        found = wait_for_deadlocks()
        assert len(found) == 1
        java = next(link for link in found[0] if link.name == "java-holder")
        assert java.thread is None
        assert java.waits_on is cycle.rlock
    finally:
        cycle.break_it()


@pytest.mark.timeout(60)
def test_a_python_thread_waiting_on_its_own_lock_is_a_cycle_of_one():
    lock = jthreading.Lock()
    lock.acquire()
    result = []
    thread = jthreading.Thread(target=lambda: result.append(lock.acquire(timeout=TIMEOUT)))
    thread.start()
    # The thread waits on a Lock the main thread took last: main is not waiting, no cycle.
    deadline = time.monotonic() + 10
    while not waiting(thread) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert jthreading.find_deadlocks() == []
    lock.release()
    thread.join(TIMEOUT)
    assert result == [True]
    # Now the thread took it last and waits on it again itself.
    result.clear()

    def self_deadlock():
        lock.acquire()
        result.append(lock.acquire(timeout=TIMEOUT))

    lock.release()
    thread = jthreading.Thread(target=self_deadlock, name="self-waiter")
    thread.start()
    found = wait_for_deadlocks()
    try:
        assert len(found) == 1 and len(found[0]) == 1
        assert found[0][0].thread is thread and found[0][0].waits_on is lock
    finally:
        lock.release()
        thread.join(TIMEOUT)
    assert result == [True]


@pytest.mark.timeout(60)
def test_waits_without_a_holder_are_shown_but_are_no_cycle():
    event = jthreading.Event()
    cond = jthreading.Condition()

    def wait_on_condition():
        with cond:
            cond.wait(TIMEOUT)

    threads = [jthreading.Thread(target=event.wait, args=(TIMEOUT,), name="event-waiter"),
               jthreading.Thread(target=wait_on_condition, name="condition-waiter")]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 10
        out = io.StringIO()
        while time.monotonic() < deadline:
            out = io.StringIO()
            jthreading.dump_threads(file=out)
            if out.getvalue().count("    waiting ") >= 2:
                break
            time.sleep(0.01)
        dump = out.getvalue()
        assert "in wait on <jthreading.Event: unset> @" in thread_section(dump, "event-waiter")
        assert "in wait on <Condition(<unlocked jthreading.RLock object" in thread_section(dump, "condition-waiter")
        assert jthreading.find_deadlocks() == []
        assert "No deadlock found." in dump
    finally:
        event.set()
        with cond:
            cond.notify_all()
        for thread in threads:
            thread.join(TIMEOUT)


@pytest.mark.timeout(60)
def test_watchdog_reports_a_new_cycle_once_through_its_hook():
    reports = []
    reported = jthreading.Event()

    def hook(cycle):
        reports.append(cycle)
        reported.set()

    with jthreading.watchdog(interval=0.05, hook=hook) as dog:
        assert dog.running
        cycle = CrossLanguageCycle()
        try:
            assert reported.wait(TIMEOUT)
            # Several more looks at the same cycle report nothing new.
            time.sleep(0.3)
            assert len(reports) == 1
            assert {link.name for link in reports[0]} == {"java-holder", "python-holder"}
        finally:
            cycle.break_it()
    assert not dog.running or wait_until(lambda: not dog.running)


def test_watchdog_rejects_a_bad_interval():
    with pytest.raises(ValueError):
        jthreading.watchdog(interval=0)
    with pytest.raises(ValueError):
        jthreading.watchdog(interval=float("nan"))
    with pytest.raises(TypeError):
        jthreading.watchdog(interval="5")


def test_dump_threads_writes_to_stderr_by_default(capsys):
    jthreading.dump_threads()
    err = capsys.readouterr().err
    assert err.startswith("jthreading thread dump ")
    assert '"MainThread"' in err or "MainThread" in err


# ---- helpers -------------------------------------------------------------------------------

def thread_section(dump, name):
    """The part of the dump about the thread named ``name`` (up to the next blank line)."""
    start = dump.index(f'\n"{name}" ') + 1
    end = dump.find("\n\n", start)
    return dump[start:end if end >= 0 else len(dump)]


def index_of(lines, *parts):
    for i, line in enumerate(lines):
        if all(part in line for part in parts):
            return i
    raise AssertionError(f"no line with {parts} in:\n" + "\n".join(lines))


def waiting(thread):
    out = io.StringIO()
    jthreading.dump_threads(file=out)
    return "    waiting " in thread_section(out.getvalue(), thread.name)


def wait_until(predicate, within=5.0):
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True
