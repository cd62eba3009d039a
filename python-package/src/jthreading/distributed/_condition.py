"""jthreading.distributed.Condition: the Python face of DistributedCondition.

Over a distributed Lock or RLock of the same coordinator (by default an RLock of its own, as in
CPython). Waiters of all processes queue in ZooKeeper; notify(n) wakes the n longest waiting.
"""

import warnings

from jthreading import _border
from jthreading._pytime import wait_timeout_ns
from jthreading._wait_for import wait_for as _wait_for
from jthreading.distributed._java import PACKAGE, distributed_class
from jthreading.distributed._methods import java_call, made_by_coordinator

_JavaCondition = distributed_class("DistributedCondition")
_java = _JavaCondition.__pytype__.__dict__
_java_lock = _java["lock"]
_await_nanos = _java["awaitNanos"]
_notify = _java["notify"]
_notify_all = _java["notifyAllWaiters"]
_waiting = _java["waiting"]
_name = _java["name"]

_INT_MAX = (1 << 31) - 1


class Condition(_JavaCondition.__pytype__):
    """A condition variable shared by every process that uses its name. Same object as Java's
    io.jthreading.distributed.DistributedCondition."""

    # _lock: the lock's façade, kept rather than asked from Java on every use
    __slots__ = ("__weakref__", "_lock")
    __new__ = made_by_coordinator("Condition")
    __init_subclass__ = _border.refuse_subclass

    @property
    def _the_lock(self):
        try:
            return self._lock
        except AttributeError:
            lock = self._lock = _java_lock(self)
            return lock

    # -- the lock's methods, as CPython's Condition copies them from its lock -----------------

    def acquire(self, *args, **kwargs):
        return self._the_lock.acquire(*args, **kwargs)

    def release(self, *args, **kwargs):
        return self._the_lock.release(*args, **kwargs)

    def __enter__(self):
        return self._the_lock.__enter__()

    def __exit__(self, *exc_info):
        return self._the_lock.__exit__(*exc_info)

    def _is_owned(self):
        return self._the_lock._is_owned()

    # -- waiting and notifying ---------------------------------------------------------------

    def wait(self, timeout=None):
        try:
            nanos = wait_timeout_ns(timeout)
        except Exception:
            self._check_owned("wait")  # CPython checks the lock before it reads the timeout
            raise
        return java_call(_await_nanos, self, nanos)

    def wait_for(self, predicate, timeout=None):
        return _wait_for(self, predicate, timeout)

    def notify(self, n=1):
        if type(n) is int:
            java_call(_notify, self, max(0, min(n, _INT_MAX)))
            return
        self._check_owned("notify")
        java_call(_notify, self, self._wake_count(n))

    def notify_all(self):
        java_call(_notify_all, self)

    def notifyAll(self):
        warnings.warn("notifyAll() is deprecated, use notify_all() instead",
                      DeprecationWarning, stacklevel=2)
        self.notify_all()

    def _wake_count(self, n):
        """How many waiters CPython's ``while waiters and n > 0: ...; n -= 1`` loop wakes, for
        an ``n`` that is not an int (a float, say: 2.5 wakes three)."""
        woken = 0
        waiting = java_call(_waiting, self)
        while woken < waiting and n > 0:
            woken += 1
            n -= 1
        return woken

    def _waiting(self):
        """Waiters in all processes now (a snapshot; CPython's Condition has ``_waiters``)."""
        return java_call(_waiting, self)

    def _check_owned(self, action):
        if not self._is_owned():
            raise RuntimeError(f"cannot {action} on un-acquired lock")

    @property
    def name(self):
        return _name(self)

    def __repr__(self):
        return f"<jthreading.distributed.Condition {self.name!r} at {id(self):#x}>"

    __str__ = __repr__


Condition.__module__ = "jthreading.distributed"
_border.install_facade(PACKAGE + "DistributedCondition", Condition)
