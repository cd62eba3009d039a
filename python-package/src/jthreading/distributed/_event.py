"""jthreading.distributed.Event: the Python face of DistributedEvent."""

import warnings

from jthreading import _border
from jthreading._pytime import FOREVER, wait_timeout_ns
from jthreading.distributed._java import PACKAGE, distributed_class
from jthreading.distributed._errors import python_error
from jthreading.distributed._methods import java_call, made_by_coordinator

_JavaEvent = distributed_class("DistributedEvent")
_java = _JavaEvent.__pytype__.__dict__
_is_set = _java["isSet"]
_set = _java["set"]
_clear = _java["clear"]
_await_nanos = _java["awaitNanos"]
_name = _java["name"]


class Event(_JavaEvent.__pytype__):
    """A flag shared by every process that uses its name; set() in one wakes the waiters in all.
    Same object as Java's io.jthreading.distributed.DistributedEvent."""

    __slots__ = ("__weakref__",)
    __new__ = made_by_coordinator("Event")
    __init_subclass__ = _border.refuse_subclass

    def is_set(self):
        return java_call(_is_set, self)

    def isSet(self):
        warnings.warn("isSet() is deprecated, use is_set() instead",
                      DeprecationWarning, stacklevel=2)
        return self.is_set()

    def set(self):
        java_call(_set, self)

    def clear(self):
        java_call(_clear, self)

    def wait(self, timeout=None):
        try:
            if timeout is None:
                return _await_nanos(self, FOREVER)
            # CPython looks at the flag before it looks at the timeout.
            if _is_set(self):
                return True
            nanos = wait_timeout_ns(timeout)
            return nanos > 0 and _await_nanos(self, nanos)
        except Exception as error:
            raise python_error(error) from None

    @property
    def name(self):
        return _name(self)

    def __repr__(self):
        return f"<jthreading.distributed.Event {self.name!r} at {id(self):#x}>"

    __str__ = __repr__


Event.__module__ = "jthreading.distributed"
_border.install_facade(PACKAGE + "DistributedEvent", Event)
