"""The Python half of the host example.

A jthreading.Thread takes the numbers a Java thread hands over through `queue` (a Java ArrayDeque
guarded by the jthreading Condition `hand_off`), sums them into `total`, and tells Java through
the jthreading Event `done`. `hand_off`, `queue`, `done` and `items` come from Java.

The host opened Python in drop-in mode, so `queue.Queue`, `concurrent.futures` and `threading`
below are the standard library's running on jthreading: `sum_of_squares_from` reads the host's
shared queue as a `queue.Queue` on a pool thread (a Java thread) and hands Java its future.
"""

import queue as queue_module
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import jthreading
from jthreading import futures

python_version = "%d.%d.%d" % sys.version_info[:3]
total = 0


def consume():
    global total
    taken = 0
    while taken < items:
        with hand_off:
            hand_off.wait_for(lambda: not queue.isEmpty())
            while not queue.isEmpty():
                total += queue.removeFirst()
                taken += 1
    done.set()


# A daemon: should the Java side give up waiting, the process may still end.
jthreading.Thread(target=consume, name="python-consumer", daemon=True).start()


pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="python-pool")


def sum_of_squares_from(numbers):
    """A CompletableFuture (for Java) of the sum of the squares of ``items`` numbers taken from
    the Java queue ``numbers``, computed on a pool thread."""
    assert threading is jthreading and isinstance(numbers, queue_module.Queue)

    def take_all():
        result = 0
        for _ in range(items):
            result += numbers.get() ** 2
            numbers.task_done()
        return result
    return futures.to_java(pool.submit(take_all))
