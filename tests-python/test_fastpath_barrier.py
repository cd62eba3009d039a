"""Barrier's n_waiting and broken from Java's mirror in shared memory (issue 12): Java writes
it under the barrier's lock after every change; Python reads it in C. Java threads change the
state here, Python reads it; runs with the fast path on (the mirror) and off (Java calls)."""

import time

import pytest

import jthreading
from jthreading._embedding import java_class

JavaWorkers = java_class("io.jthreading.testkit.JavaWorkers")
AtomicLong = java_class("java.util.concurrent.atomic.AtomicLong")
BOUND = 30


def _until(predicate, what):
    deadline = time.monotonic() + BOUND
    while not predicate():
        assert time.monotonic() < deadline, what
        time.sleep(0.001)


def _java_view(barrier):
    java = type(barrier).__mro__[1].__dict__
    return java["nWaiting"](barrier), java["isBroken"](barrier)


def test_java_parties_arriving_show_in_n_waiting_and_leave_it():
    barrier = jthreading.Barrier(4)
    indexes = [AtomicLong(-2) for _ in range(3)]
    parties = []
    for i, index in enumerate(indexes):
        parties.append(JavaWorkers.startBarrierParty(barrier, index))
        _until(lambda: barrier.n_waiting == i + 1, f"party {i} never counted")
        assert (barrier.n_waiting, barrier.broken) == _java_view(barrier)
    assert barrier.wait(BOUND) == 3                      # the last arriver: Python
    assert all(JavaWorkers.join(p) for p in parties)
    assert sorted(i.get() for i in indexes) == [0, 1, 2]
    _until(lambda: barrier.n_waiting == 0, "the parties never left")
    assert not barrier.broken and _java_view(barrier) == (0, False)


def test_abort_and_reset_from_java_show_in_broken():
    barrier = jthreading.Barrier(2)
    index = AtomicLong(-2)
    party = JavaWorkers.startBarrierParty(barrier, index)
    _until(lambda: barrier.n_waiting == 1, "the party never counted")
    type(barrier).__mro__[1].__dict__["abort"](barrier)  # Java's abort
    assert barrier.broken and barrier.n_waiting == 0
    assert JavaWorkers.join(party) and index.get() == -1
    with pytest.raises(jthreading.BrokenBarrierError):
        barrier.wait(BOUND)
    type(barrier).__mro__[1].__dict__["reset"](barrier)
    assert not barrier.broken and _java_view(barrier) == (0, False)


def test_a_barrier_java_kept_comes_back_as_itself_with_its_state():
    from jthreading._embedding import java_class as jc
    holder = jc("java.util.ArrayList")()
    barrier = jthreading.Barrier(3)
    holder.add(barrier)
    assert holder.get(0) is barrier
    barrier.abort()
    del barrier
    again = holder.get(0)
    assert again.broken and again.parties == 3 and again.n_waiting == 0
