"""jthreading.Condition: the Python face of io.jthreading.Condition.

Over a jthreading Lock or RLock (or the default RLock) every operation is one Java call. Over
any other lock object (CPython's own locks, a user's class with acquire/release) the waiter
queue is still Java's, but Java cannot call a Python lock (see docs/design/threading-module.md),
so this façade releases and re-takes that lock around the Java wait itself.
"""

import warnings

from jthreading._embedding import java_class

_JavaCondition = java_class("io.jthreading.Condition")

from jthreading import _border, _fastpath
from jthreading._arguments import signature_of
from jthreading._lock import Lock
from jthreading._pytime import wait_timeout_ns
from jthreading._rlock import RLock
from jthreading._wait_for import wait_for as _wait_for

_JavaConditionType = _JavaCondition.__pytype__
_java = _JavaConditionType.__dict__
_java_lock = _java["lock"]
_wait_nanos = _java["waitNanos"]
_notify = _java["notify"]
_notify_all = _java["notifyAllWaiters"]
_waiter_count = _java["waiterCount"]
_add_waiter = _java["addWaiter"]
_await_waiter = _java["awaitWaiter"]
_remove_waiter = _java["removeWaiter"]
_wake_waiters = _java["wakeWaiters"]
_reinit = _java["atForkReinit"]
_require_owned = _JavaCondition.requireOwned
_state_address = _java["stateAddress"]

_LONG_MAX = (1 << 63) - 1


def _init_arguments(self, lock=None):
    return lock


_init_arguments = signature_of("Condition.__init__", _init_arguments)  # errors name __init__


def _lock_method(condition, name, default):
    lock = condition._lock
    try:
        return getattr(lock, name)
    except AttributeError:
        return default.__get__(condition)


def _default_is_owned(self):
    """A lock without _is_owned: "owned" means "held by anyone" (CPython's fallback)."""
    lock = self._lock
    if lock.acquire(False):
        lock.release()
        return False
    return True


def _default_release_save(self):
    self._lock.release()  # no state to save


def _default_acquire_restore(self, x):
    self._lock.acquire()  # no state to restore


_default_is_owned = signature_of("Condition._is_owned", _default_is_owned)
_default_release_save = signature_of("Condition._release_save", _default_release_save)
_default_acquire_restore = signature_of("Condition._acquire_restore", _default_acquire_restore)


class Condition(_JavaConditionType):
    """A condition variable. Same object as Java's io.jthreading.Condition."""

    # _lock: the lock, kept here rather than asked from Java on every use; _python_lock: the
    # same lock when it is a Python object Java cannot call (set only then); _word: the address
    # of the shared block (io.jthreading.internal.ConditionState) for the C methods below.
    __slots__ = ("__weakref__", "_lock", "_python_lock", "_word")

    def __new__(cls, *args, **kwargs):
        lock = _init_arguments(None, *args, **kwargs)
        if lock is None:
            return _entered(_JavaCondition())
        if isinstance(lock, (Lock, RLock)):
            return _entered(_JavaCondition(lock), lock)
        lock.acquire, lock.release  # CPython's AttributeError for an object that is no lock
        self = _fastpath.adopt(_JavaCondition.overPythonLock(), _state_address, "condition")
        self._python_lock = self._lock = lock
        return self

    # No __init__: object's accepts the arguments __new__ took (its override tells it to), and
    # skipping a Python __init__ is a tenth of the object's creation.

    __init_subclass__ = _border.refuse_subclass

    def _over_python_lock(self):
        return hasattr(self, "_python_lock")

    # -- the lock's methods, as CPython's Condition copies them from its lock -----------------

    def acquire(self, *args, **kwargs):
        return self._lock.acquire(*args, **kwargs)

    def release(self, *args, **kwargs):
        return self._lock.release(*args, **kwargs)

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc_info):
        return self._lock.__exit__(*exc_info)

    # CPython's Condition takes these from its lock when the lock has them, else uses its own.

    def _is_owned(self, *args, **kwargs):
        return _lock_method(self, "_is_owned", _default_is_owned)(*args, **kwargs)

    def _release_save(self, *args, **kwargs):
        return _lock_method(self, "_release_save", _default_release_save)(*args, **kwargs)

    def _acquire_restore(self, *args, **kwargs):
        return _lock_method(self, "_acquire_restore", _default_acquire_restore)(*args, **kwargs)

    # -- waiting and notifying ---------------------------------------------------------------

    def wait(self, timeout=None):
        if self._over_python_lock():
            return self._wait_releasing_python_lock(timeout)
        try:
            nanos = wait_timeout_ns(timeout)
        except Exception:
            self._check_owned("wait")  # CPython checks the lock before it reads the timeout
            raise
        try:
            return _wait_nanos(self, nanos)
        except Exception as error:
            raise _border.python_error(error) from None

    def _wait_releasing_python_lock(self, timeout):
        self._check_owned("wait")
        waiter = _add_waiter(self)
        saved = self._release_save()
        notified = False
        try:
            notified = _await_waiter(self, waiter, wait_timeout_ns(timeout))
            return notified
        except Exception as error:
            raise _border.python_error(error) from None
        finally:
            self._acquire_restore(saved)
            if not notified:
                _remove_waiter(self, waiter)

    def wait_for(self, predicate, timeout=None):
        return _wait_for(self, predicate, timeout)

    def notify(self, n=1):
        if type(n) is int and not self._over_python_lock():
            try:
                _notify(self, max(0, min(n, _LONG_MAX)))
            except Exception as error:
                raise _border.python_error(error) from None
            return
        self._check_owned("notify")
        _wake_waiters(self, self._wake_count(n))

    def notify_all(self):
        if self._over_python_lock():
            self._check_owned("notify")
            _wake_waiters(self, _LONG_MAX)
            return
        try:
            _notify_all(self)
        except Exception as error:
            raise _border.python_error(error) from None

    def notifyAll(self):
        warnings.warn("notifyAll() is deprecated, use notify_all() instead",
                      DeprecationWarning, stacklevel=2)
        self.notify_all()

    def _wake_count(self, n):
        """How many waiters CPython's ``while waiters and n > 0: ...; n -= 1`` loop wakes, for
        an ``n`` that is not an int (a float, say: 2.5 wakes three)."""
        woken = 0
        waiting = _waiter_count(self)
        while woken < waiting and n > 0:
            woken += 1
            n -= 1
        return woken

    def _check_owned(self, action):
        try:
            _require_owned(self._is_owned(), action)
        except Exception as error:
            raise _border.python_error(error) from None

    def _at_fork_reinit(self):
        self._lock._at_fork_reinit()
        _reinit(self)

    def _to_python(self):
        return _entered(self)

    def __repr__(self):
        return f"<Condition({self._lock}, {_waiter_count(self)})>"

    __str__ = __repr__


def _entered(condition, lock=None):
    """The one Python object for a Java Condition over a Java lock, with its lock slot filled
    the first time it enters Python."""
    condition = _fastpath.adopt(condition, _state_address, "condition")
    if not hasattr(condition, "_lock"):
        condition._lock = lock if lock is not None else _java_lock(condition)
    return condition


# Without arguments, these run in C on the shared block: the lock's own fast paths for entering
# and leaving, and notify/notify_all with no waiter (after C checked the lock is owned). Anything
# else, and every call with arguments but notify(n), goes to the methods above.
_fastpath.install(Condition, acquire="condition.acquire", __enter__="condition.acquire",
                  release="condition.release", __exit__="condition.__exit__",
                  notify="condition.notify", notify_all="condition.notify_all")
Condition.__module__ = "jthreading"
_border.install_facade("io.jthreading.Condition", Condition)
# Condition() and Condition(a jthreading Lock or RLock) in C, the Java Condition made through JNI.
_fastpath.fast_new(Condition, "condition", _JavaCondition(), RLock, Lock, RLock)
