"""jthreading.RLock: the Python face of io.jthreading.RLock (CPython's _thread.RLock)."""

import operator

from jthreading._embedding import java_class

_JavaRLock = java_class("io.jthreading.RLock")

from jthreading import _border
from jthreading._arguments import reject_extra
from jthreading._pytime import lock_acquire_args

_JavaRLockType = _JavaRLock.__pytype__
_java = _JavaRLockType.__dict__
_acquire_nanos = _java["acquireNanos"]
_release = _java["release"]
_is_owned = _java["isOwned"]
_recursion_count = _java["recursionCount"]
_release_save = _java["releaseSave"]
_acquire_restore = _java["acquireRestore"]
_owner_ident = _java["ownerIdent"]
_count = _java["count"]
_reinit = _java["atForkReinit"]


class RLock(_JavaRLockType):
    """A reentrant lock: the owner may take it again; only the owner releases it.
    Same object as Java's io.jthreading.RLock."""

    __slots__ = ("__weakref__",)

    def __new__(cls, *args, **kwargs):
        return _border.canonical(_JavaRLock())  # CPython ignores the arguments

    def __init__(self, *args, **kwargs):
        pass

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

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()

    def _is_owned(self):
        return _is_owned(self)

    def _recursion_count(self):
        return _recursion_count(self)

    def _release_save(self):
        owner = _owner_ident(self)
        try:
            return (_release_save(self), owner)
        except Exception as error:
            raise _border.python_error(error) from None

    def _acquire_restore(self, state):
        count, _owner = _restore_state(state)
        try:
            _acquire_restore(self, count)
        except Exception as error:
            raise _border.python_error(error) from None

    def _at_fork_reinit(self):
        _reinit(self)

    def _to_python(self):
        return _border.canonical(self)

    def __repr__(self):
        owner = _owner_ident(self)
        state = "locked" if owner else "unlocked"
        return (f"<{state} jthreading.RLock object owner={owner} count={_count(self)} "
                f"at {hex(id(self))}>")

    __str__ = __repr__


def _restore_state(state):
    """The saved state as CPython parses it (format "(nk)": a 2-item sequence of ints)."""
    where = "_acquire_restore() argument 1"
    if isinstance(state, (str, bytes)) or not hasattr(state, "__len__"):
        raise TypeError(f"{where} must be 2-item sequence, not {type(state).__name__}")
    if len(state) != 2:
        raise TypeError(f"{where} must be sequence of length 2, not {len(state)}")
    count, owner = state
    for index, item in enumerate((count, owner)):
        if not isinstance(item, int):
            raise TypeError(f"{where}, item {index} must be int, not {type(item).__name__}")
    return operator.index(count), owner


RLock.__module__ = "jthreading"
_border.install_facade("io.jthreading.RLock", RLock)
