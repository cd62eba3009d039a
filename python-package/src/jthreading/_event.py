"""jthreading.Event: the Python face of io.jthreading.Event."""

import warnings

from jthreading._embedding import java_class

_JavaEvent = java_class("io.jthreading.Event")

from jthreading import _border
from jthreading._pytime import timeout_ns

_JavaEventType = _JavaEvent.__pytype__
_java = _JavaEventType.__dict__
_is_set = _java["isSet"]
_set = _java["set"]
_clear = _java["clear"]
_await = _java["await"]
_await_nanos = _java["awaitNanos"]
_condition_lock = _java["conditionLock"]
_reinit = _java["atForkReinit"]


class Event(_JavaEventType):
    """A flag threads can wait for. Same object as Java's io.jthreading.Event."""

    __slots__ = ("__weakref__",)

    def __new__(cls, *args, **kwargs):
        return _border.canonical(_JavaEvent())

    def __init__(self):
        pass

    __init_subclass__ = _border.refuse_subclass

    def is_set(self):
        return _is_set(self)

    def isSet(self):
        warnings.warn("isSet() is deprecated, use is_set() instead",
                      DeprecationWarning, stacklevel=2)
        return _is_set(self)

    def set(self):
        _set(self)

    def clear(self):
        _clear(self)

    def wait(self, timeout=None):
        try:
            if timeout is None:
                return _await(self)
            # CPython looks at the flag before it looks at the timeout.
            if _is_set(self):
                return True
            if timeout > 0:
                return _await_nanos(self, timeout_ns(timeout))
            return False
        except Exception as error:
            raise _border.python_error(error) from None

    @property
    def _cond(self):
        # CPython's Event holds this lock (inside a Condition) around set() and clear().
        return _condition_lock(self)

    def _at_fork_reinit(self):
        _reinit(self)

    def _to_python(self):
        return _border.canonical(self)

    def __repr__(self):
        state = "set" if _is_set(self) else "unset"
        return f"<jthreading.Event at {hex(id(self))}: {state}>"

    __str__ = __repr__


Event.__module__ = "jthreading"
_border.install_facade("io.jthreading.Event", Event)
