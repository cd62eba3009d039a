"""jthreading.Event: the Python face of io.jthreading.Event."""

import warnings

from jthreading._embedding import java_class

_JavaEvent = java_class("io.jthreading.Event")

from jthreading import _border, _fastpath
from jthreading._pytime import wait_timeout_ns
from jthreading._versions import STATE_IN_REPRS

_JavaEventType = _JavaEvent.__pytype__
_java = _JavaEventType.__dict__
_is_set = _java["isSet"]
_set = _java["set"]
_clear = _java["clear"]
_await = _java["await"]
_await_nanos = _java["awaitNanos"]
_condition_lock = _java["conditionLock"]
_reinit = _java["atForkReinit"]
_state_address = _java["stateAddress"]

class Event(_JavaEventType):
    """A flag threads can wait for. Same object as Java's io.jthreading.Event."""

    __slots__ = ("__weakref__", "_word")

    def __new__(cls, *args, **kwargs):
        return _fastpath.adopt(_JavaEvent(), _state_address, "event")

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
            if self.is_set():
                return True
            nanos = wait_timeout_ns(timeout)
            return nanos > 0 and _await_nanos(self, nanos)
        except Exception as error:
            raise _border.python_error(error) from None

    @property
    def _cond(self):
        # CPython's Event holds this lock (inside a Condition) around set() and clear().
        return _condition_lock(self)

    def _at_fork_reinit(self):
        _reinit(self)

    def _to_python(self):
        return _fastpath.adopt(self, _state_address, "event")

    def __repr__(self):
        state = "set" if _is_set(self) else "unset"
        return f"<jthreading.Event at {hex(id(self))}: {state}>"

    if not STATE_IN_REPRS:  # 3.10's repr is object's, without the state
        __repr__ = object.__repr__
    __str__ = __repr__


# Bit 0 of the state word is the flag (io.jthreading.internal.EventSync): read in C, no Java call.
_fastpath.install(Event, is_set="event.is_set")
Event.__module__ = "jthreading"
_border.install_facade("io.jthreading.Event", Event)
_fastpath.fast_new(Event, "event", _JavaEvent())  # Event() in C
