"""jthreading.RLock: the Python face of io.jthreading.RLock (CPython's _thread.RLock)."""

from jthreading._embedding import java_class

_JavaRLock = java_class("io.jthreading.RLock")

import warnings

from jthreading import _border, _fastpath
from jthreading._arguments import exactly_one_argument
from jthreading._lock_methods import (acquire_method, exit_method, no_argument_method,
                                      no_keywords_name)
from jthreading._versions import RLOCK_ARGUMENTS_DEPRECATED, RLOCK_HAS_RECURSION_COUNT

_JavaRLockType = _JavaRLock.__pytype__
_java = _JavaRLockType.__dict__
_release_save = _java["releaseSave"]
_acquire_restore = _java["acquireRestore"]
_owner_ident = _java["ownerIdent"]
_count = _java["count"]
_state_address = _java["stateAddress"]
_release_save_checked = no_argument_method(_release_save, "RLock._release_save")


class RLock(_JavaRLockType):
    """A reentrant lock: the owner may take it again; only the owner releases it.
    Same object as Java's io.jthreading.RLock."""

    __slots__ = ("__weakref__", "_word")

    def __new__(cls, *args, **kwargs):
        # CPython ignores the arguments; 3.13's threading.RLock warns about them.
        if RLOCK_ARGUMENTS_DEPRECATED and (args or kwargs):
            warnings.warn("Passing arguments to RLock is deprecated and will be removed in 3.15",
                          DeprecationWarning, stacklevel=2)
        return _fastpath.adopt(_JavaRLock(), _state_address, "rlock")

    # No __init__: object's accepts the arguments __new__ took (its override tells it to), and
    # skipping a Python __init__ is a tenth of the object's creation.

    __init_subclass__ = _border.refuse_subclass

    acquire = __enter__ = acquire_method(_java["acquireNanos"])
    release = no_argument_method(_java["release"], "RLock.release")
    __exit__ = exit_method(release, "RLock.__exit__")
    _is_owned = no_argument_method(_java["isOwned"], "RLock._is_owned")
    if RLOCK_HAS_RECURSION_COUNT:
        _recursion_count = no_argument_method(_java["recursionCount"], "RLock._recursion_count")
    _at_fork_reinit = no_argument_method(_java["atForkReinit"], "RLock._at_fork_reinit")

    def _release_save(self, *args, **kwargs):
        owner = _owner_ident(self)
        return (_release_save_checked(self, *args, **kwargs), owner)

    def _acquire_restore(self, *args, **kwargs):
        count, _owner = _restore_state(exactly_one_argument(
            "_acquire_restore", args, kwargs,
            qualified=no_keywords_name("RLock._acquire_restore")))
        try:
            _acquire_restore(self, count)
        except Exception as error:
            raise _border.python_error(error) from None

    def _to_python(self):
        return _fastpath.adopt(self, _state_address, "rlock")

    def __repr__(self):
        owner = _owner_ident(self)
        state = "locked" if owner else "unlocked"
        return (f"<{state} jthreading.RLock object owner={owner} count={_count(self)} "
                f"at {hex(id(self))}>")

    __str__ = __repr__


def _restore_state(state):
    """The saved state as CPython parses it (format "(nk)": a 2-item sequence of ints)."""
    where = "_acquire_restore() argument 1"
    if isinstance(state, (dict, bytes)) or not hasattr(type(state), "__getitem__"):
        kind = "None" if state is None else type(state).__name__
        raise TypeError(f"{where} must be 2-item sequence, not {kind}")
    if len(state) != 2:
        raise TypeError(f"{where} must be sequence of length 2, not {len(state)}")
    count, owner = state
    for index, item in enumerate((count, owner)):
        if not isinstance(item, int):
            raise TypeError(f"{where}, item {index} must be int, not {type(item).__name__}")
    if not 0 < count <= 0x7FFFFFFF:  # a count _release_save could have returned
        raise OverflowError("recursion count out of range")
    return count, owner


# Without arguments, these run in C on the state Java shares (io.jthreading.internal.RLockSync:
# C takes a free lock, adds and removes the owner's levels, and frees it unless a thread may be
# parked); everything else goes to the methods above.
_fastpath.install(RLock, acquire="rlock.acquire", __enter__="rlock.acquire",
                  release="rlock.release", __exit__="rlock.__exit__")
RLock.__module__ = "jthreading"
_border.install_facade("io.jthreading.RLock", RLock)
_fastpath.fast_new(RLock, "rlock", _JavaRLock())  # RLock() without arguments in C
