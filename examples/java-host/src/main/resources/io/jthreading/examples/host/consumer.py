"""The Python half of the host example.

A jthreading.Thread takes the numbers a Java thread hands over through `queue` (a Java ArrayDeque
guarded by the jthreading Condition `hand_off`), sums them into `total`, and tells Java through
the jthreading Event `done`. `hand_off`, `queue`, `done` and `items` come from Java.
"""

import sys

import jthreading

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
