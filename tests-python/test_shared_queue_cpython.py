"""CPython's own queue tests (Lib/test/test_queue.py of the running version), pointed at
jthreading.queue: the Queue, LifoQueue, PriorityQueue and SimpleQueue test classes (3.13's
include shutdown). The classes take the module under test as their ``queue`` attribute.

Not run: FailingQueueTest, whose queue subclasses Queue to override _put/_get (jthreading's
storage is Java's; such a subclass is refused), and the C SimpleQueue's own tests:
test_is_default, and test_reentrancy (a put() made by a __del__ that the garbage collector runs
in the middle of another put() goes first: jthreading's put allocates before Java stores the
item; CPython's pure-Python SimpleQueue does not pass it either).
"""

import unittest

from test import test_queue as _test_queue

from jthreading import queue as jqueue


class JThreadingQueueTest(_test_queue.QueueTest, unittest.TestCase):
    queue = jqueue


class JThreadingLifoQueueTest(_test_queue.LifoQueueTest, unittest.TestCase):
    queue = jqueue


class JThreadingPriorityQueueTest(_test_queue.PriorityQueueTest, unittest.TestCase):
    queue = jqueue


class JThreadingSimpleQueueTest(_test_queue.BaseSimpleQueueTest, unittest.TestCase):
    queue = jqueue

    def setUp(self):
        self.type2test = jqueue.SimpleQueue
        super().setUp()
