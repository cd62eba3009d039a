"""jthreading.Lock: the Python face of io.jthreading.Lock (CPython's _thread.lock)."""

from jthreading._embedding import java_class

_JavaLock = java_class("io.jthreading.Lock")

from jthreading import _border, _fastpath
from jthreading._arguments import no_arguments
from jthreading._lock_methods import acquire_method, exit_method, no_argument_method
from jthreading._versions import LOCK_IS_A_TYPE

_JavaLockType = _JavaLock.__pytype__
_java = _JavaLockType.__dict__
_locked = _java["locked"]
_state_address = _java["stateAddress"]

class Lock(_JavaLockType):
    """A primitive lock; any thread may release it. Same object as Java's io.jthreading.Lock."""

    __slots__ = ("__weakref__", "_word")

    def __new__(cls, *args, **kwargs):
        if args or kwargs:
            _refuse_arguments(args, kwargs)
        return _fastpath.adopt(_JavaLock(), _state_address, "lock")

    __init_subclass__ = _border.refuse_subclass

    acquire = acquire_lock = __enter__ = acquire_method(_java["acquireNanos"])
    release = no_argument_method(_java["release"], "lock.release")
    release_lock = no_argument_method(_java["release"], "lock.release_lock")
    locked = no_argument_method(_locked, "lock.locked")
    locked_lock = no_argument_method(_locked, "lock.locked_lock")
    _at_fork_reinit = no_argument_method(_java["atForkReinit"], "lock._at_fork_reinit")
    __exit__ = exit_method(release, "lock.__exit__")

    def _to_python(self):
        return _fastpath.adopt(self, _state_address, "lock")

    def __repr__(self):
        state = "locked" if _locked(self) else "unlocked"
        return f"<{state} jthreading.Lock object at {hex(id(self))}>"

    __str__ = __repr__


def _refuse_arguments(args, kwargs):
    """Lock() takes none: CPython's words, which name the function _thread.allocate_lock before
    3.13 and the type _thread.lock (whose constructor threading.Lock became) since."""
    if not LOCK_IS_A_TYPE:
        no_arguments("_thread.allocate_lock", args, kwargs)
    if kwargs:
        raise TypeError("lock() takes no keyword arguments")
    raise TypeError(f"lock expected 0 arguments, got {len(args)}")


# Without arguments, these run in C on the state word Java shares (io.jthreading.internal.LockSync:
# C takes UNLOCKED -> LOCKED and gives LOCKED -> UNLOCKED back, exactly Java's own fast paths);
# CONTENDED (someone may be parked) and every call with arguments go to the methods above.
_fastpath.install(Lock, acquire="lock.acquire", acquire_lock="lock.acquire",
                  __enter__="lock.acquire", release="lock.release", release_lock="lock.release",
                  __exit__="lock.__exit__", locked="lock.locked", locked_lock="lock.locked")
Lock.__module__ = "jthreading"
_border.install_facade("io.jthreading.Lock", Lock)
_fastpath.fast_new(Lock, "lock", _JavaLock())  # Lock() in C, the Java Lock made through JNI
