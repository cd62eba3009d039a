"""jthreading.Lock: the Python face of io.jthreading.Lock (CPython's _thread.lock)."""

from jthreading._embedding import java_class

_JavaLock = java_class("io.jthreading.Lock")

from jthreading import _border
from jthreading._arguments import reject_extra
from jthreading._pytime import lock_acquire_args

_JavaLockType = _JavaLock.__pytype__
_java = _JavaLockType.__dict__
_acquire_nanos = _java["acquireNanos"]
_release = _java["release"]
_locked = _java["locked"]
_reinit = _java["atForkReinit"]


class Lock(_JavaLockType):
    """A primitive lock; any thread may release it. Same object as Java's io.jthreading.Lock."""

    __slots__ = ("__weakref__",)

    def __new__(cls, *args, **kwargs):
        if args or kwargs:
            raise TypeError(f"_thread.allocate_lock() takes no arguments ({len(args)} given)")
        return _border.canonical(_JavaLock())

    __init_subclass__ = _border.refuse_subclass

    def acquire(self, blocking=True, timeout=-1, *extra, **unknown):
        if extra or unknown:
            reject_extra("acquire", 2, extra, unknown)
        try:
            return _acquire_nanos(self, *lock_acquire_args(blocking, timeout))
        except Exception as error:
            raise _border.python_error(error) from None

    def release(self):
        try:
            _release(self)
        except Exception as error:
            raise _border.python_error(error) from None

    def locked(self):
        return _locked(self)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()

    def _at_fork_reinit(self):
        _reinit(self)

    acquire_lock = acquire
    release_lock = release
    locked_lock = locked

    def _to_python(self):
        return _border.canonical(self)

    def __repr__(self):
        state = "locked" if _locked(self) else "unlocked"
        return f"<{state} jthreading.Lock object at {hex(id(self))}>"

    __str__ = __repr__


Lock.__module__ = "jthreading"
_border.install_facade("io.jthreading.Lock", Lock)
