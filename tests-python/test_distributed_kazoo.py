"""Python's kazoo and jthreading.distributed share one lock: kazoo's ``Lock`` on the path of a
distributed ``RLock``, with ``extra_lock_patterns=("-lock-",)`` so that kazoo sees Curator's
contenders, and jthreading's RLock ordering every contender by ZooKeeper's sequence suffix so
that Curator sees kazoo's (Curator alone orders by the text after "lock-", and would take the
lock while kazoo holds it: measured by hand, a shared counter file was read empty mid-write).
"""

import threading
import uuid

import pytest
from kazoo.client import KazooClient

from jthreading.distributed import Coordinator

pytestmark = pytest.mark.timeout(90)

WAIT = 30
ROUNDS = 60


@pytest.fixture(scope="module")
def coord():
    with Coordinator() as coordinator:
        yield coordinator


@pytest.fixture
def kazoo(coord):
    client = KazooClient(hosts=coord.hosts)
    client.start(timeout=WAIT)
    yield client
    client.stop()
    client.close()


def kazoo_lock(kazoo, name):
    # Where jthreading keeps RLock(name): /jthreading/rlock/<name> (README, "Across processes").
    return kazoo.Lock(f"/jthreading/rlock/{name}", extra_lock_patterns=("-lock-",))


def test_each_side_sees_the_other_holding(coord, kazoo):
    name = f"kazoo/{uuid.uuid4().hex}"
    ours, theirs = coord.RLock(name), kazoo_lock(kazoo, name)
    assert ours.acquire(timeout=WAIT)
    assert theirs.acquire(blocking=False) is False
    ours.release()
    assert theirs.acquire(timeout=WAIT)
    result = []
    thread = threading.Thread(target=lambda: result.append(ours.acquire(blocking=False)))
    thread.start()
    thread.join(WAIT)
    assert result == [False]
    theirs.release()
    assert ours.acquire(timeout=WAIT)
    ours.release()


def test_kazoo_and_jthreading_threads_exclude_each_other(coord, kazoo):
    name = f"kazoo/{uuid.uuid4().hex}"
    ours, theirs = coord.RLock(name), kazoo_lock(kazoo, name)
    inside, overlaps, done = [], [], []

    def work(lock, who):
        for _ in range(ROUNDS):
            assert lock.acquire(timeout=WAIT)
            try:
                inside.append(who)
                if len(inside) > 1:
                    overlaps.append(list(inside))
                threading.Event().wait(0.001)  # hold it long enough for the other to try
                inside.remove(who)
            finally:
                lock.release()
        done.append(who)

    workers = [threading.Thread(target=work, args=(ours, "jthreading")),
               threading.Thread(target=work, args=(theirs, "kazoo"))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(WAIT * 3)
    assert sorted(done) == ["jthreading", "kazoo"]
    assert overlaps == []
