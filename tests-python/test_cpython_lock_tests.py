"""CPython's own lock tests (Lib/test/lock_tests.py), pointed at jthreading's primitives."""

from test import lock_tests

import jthreading


class JThreadingLockTests(lock_tests.LockTests):
    locktype = staticmethod(jthreading.Lock)


class JThreadingEventTests(lock_tests.EventTests):
    eventtype = staticmethod(jthreading.Event)


# unittest would also collect the imported base classes with their CPython types: hide them.
del lock_tests
