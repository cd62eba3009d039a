"""CPython's own tests (Lib/test), pointed at jthreading: every class of lock_tests,
test_threading_local's BaseLocalTest, and test_threading's TimerTests and ExceptHookTests.

They are the running CPython's own (3.10 to 3.13 each bring theirs: 3.11 added
RLock._recursion_count's test, 3.13 Barrier's constructor test), imported from its Lib/test.

The lock_tests classes take the type under test as a class attribute. TimerTests and
ExceptHookTests use their module's global ``threading``: for them it is swapped for jthreading
(and ExceptHookTests' ThreadRunFail, a threading.Thread subclass, for a jthreading one).
"""

import unittest

from test import lock_tests
from test import test_threading as _test_threading
from test import test_threading_local as _test_threading_local

import jthreading


class JThreadingLockTests(lock_tests.LockTests):
    locktype = staticmethod(jthreading.Lock)


class JThreadingRLockTests(lock_tests.RLockTests):
    locktype = staticmethod(jthreading.RLock)


class JThreadingEventTests(lock_tests.EventTests):
    eventtype = staticmethod(jthreading.Event)


class JThreadingConditionAsRLockTests(_test_threading.ConditionAsRLockTests):
    # A Condition, used as a lock, behaves like an RLock: CPython's own class, so that its own
    # skips (3.11+: Condition has no _recursion_count) are the running version's.
    locktype = staticmethod(jthreading.Condition)


class JThreadingConditionTests(lock_tests.ConditionTests):
    condtype = staticmethod(jthreading.Condition)


class JThreadingSemaphoreTests(lock_tests.SemaphoreTests):
    semtype = staticmethod(jthreading.Semaphore)


class JThreadingBoundedSemaphoreTests(lock_tests.BoundedSemaphoreTests):
    semtype = staticmethod(jthreading.BoundedSemaphore)


class JThreadingBarrierTests(lock_tests.BarrierTests):
    barriertype = staticmethod(jthreading.Barrier)


class JThreadingLocalTests(_test_threading_local.BaseLocalTest, unittest.TestCase):
    """jthreading.local on CPython's threads (the module's own ``threading``)."""
    _local = jthreading.local


class _ModuleSwap:
    """Points a CPython test module's globals at jthreading for the duration of each test."""

    def setUp(self):
        for module, name, value in self.swaps_for_test():
            original = getattr(module, name)
            setattr(module, name, value)
            self.addCleanup(setattr, module, name, original)
        super().setUp()


class _JThreadingRunFail(jthreading.Thread):
    def run(self):
        raise ValueError("run failed")


class JThreadingLocalOnJThreadingThreadsTests(_ModuleSwap, _test_threading_local.BaseLocalTest,
                                              unittest.TestCase):
    """jthreading.local on jthreading's threads (Thread and Event swapped in)."""
    _local = jthreading.local

    def swaps_for_test(self):
        return [(_test_threading_local, "threading", jthreading)]


class JThreadingTimerTests(_ModuleSwap, _test_threading.TimerTests):
    def swaps_for_test(self):
        return [(_test_threading, "threading", jthreading)]


class JThreadingExceptHookTests(_ModuleSwap, _test_threading.ExceptHookTests):
    def swaps_for_test(self):
        return [(_test_threading, "threading", jthreading),
                (_test_threading, "ThreadRunFail", _JThreadingRunFail)]


# unittest would also collect the imported base classes with their CPython types: hide them.
del lock_tests
