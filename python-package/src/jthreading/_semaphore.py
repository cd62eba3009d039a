"""jthreading.Semaphore and BoundedSemaphore: the Python faces of io.jthreading's."""

from jthreading._embedding import java_class

_JavaSemaphore = java_class("io.jthreading.Semaphore")
_JavaBoundedSemaphore = java_class("io.jthreading.BoundedSemaphore")

from jthreading import _border, _fastpath
from jthreading._arguments import java_long, signature_of
from jthreading._pytime import FOREVER, deadline_timeout_ns
from jthreading._versions import STATE_IN_REPRS

_JavaSemaphoreType = _JavaSemaphore.__pytype__
_java = _JavaSemaphoreType.__dict__
_acquire = _java["acquire"]
_try_acquire = _java["tryAcquire"]
_release = _java["release"]
_value = _java["value"]
_state_address = _java["stateAddress"]


def _value_argument(self, value=1):
    return value


class Semaphore(_JavaSemaphoreType):
    """A counter that acquire() decrements (waiting at 0) and release(n) increments.
    Same object as Java's io.jthreading.Semaphore."""

    __slots__ = ("__weakref__", "_word")

    def __new__(cls, *args, **kwargs):
        value = cls._init_arguments(None, *args, **kwargs)
        if value < 0:  # CPython's check first (and its TypeError for non-numbers)
            value = -1  # whatever it was, Java refuses it with CPython's message
        try:
            return _fastpath.adopt(cls._java_class(java_long(value)), _state_address, "semaphore")
        except Exception as error:
            raise _border.python_error(error) from None

    def __init__(self, *args, **kwargs):
        pass

    _java_class = _JavaSemaphore
    _init_arguments = staticmethod(signature_of("Semaphore.__init__", _value_argument))
    __init_subclass__ = _border.refuse_subclass

    def acquire(self, blocking=True, timeout=None):
        blocking = not not blocking
        try:
            if timeout is None or not blocking:
                return _acquire(self, blocking, timeout is not None, FOREVER)
            if _try_acquire(self):
                return True  # CPython never reads the timeout when a permit is free
            return _acquire(self, True, True, deadline_timeout_ns(timeout))
        except Exception as error:
            raise _border.python_error(error) from None

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:  # CPython's check first (and its TypeError for non-numbers)
            n = 0  # whatever it was, Java refuses it with CPython's message
        try:
            _release(self, java_long(n))
        except Exception as error:
            raise _border.python_error(error) from None

    def __exit__(self, t, v, tb):
        self.release()

    @property
    def _value(self):
        return _value(self)

    def _to_python(self):
        return _fastpath.adopt(self, _state_address, "semaphore")

    def __repr__(self):
        return f"<jthreading.{type(self).__name__} at {id(self):#x}: value={_value(self)}>"

    if not STATE_IN_REPRS:  # 3.10's repr is object's, without the state
        __repr__ = object.__repr__
    __str__ = __repr__


_initial_value = _JavaBoundedSemaphore.__pytype__.__dict__["initialValue"]


def _shared_semaphore_methods():
    """Semaphore's façade methods, for BoundedSemaphore: Jep orders a Java subclass's type
    before any Python base, so the façade cannot simply inherit them."""
    names = ("__new__", "__init__", "acquire", "__enter__", "__exit__", "_value", "_to_python")
    methods = {name: Semaphore.__dict__[name] for name in names}
    # CPython's BoundedSemaphore defines its own release: its errors name it.
    methods["release"] = signature_of("BoundedSemaphore.release", Semaphore.release)
    return methods


class BoundedSemaphore(_JavaBoundedSemaphore.__pytype__):
    """A Semaphore that refuses to be released past its initial value.
    Same object as Java's io.jthreading.BoundedSemaphore."""

    __slots__ = ("__weakref__", "_word")
    locals().update(_shared_semaphore_methods())
    _java_class = _JavaBoundedSemaphore
    _init_arguments = staticmethod(signature_of("BoundedSemaphore.__init__", _value_argument))
    __init_subclass__ = _border.refuse_subclass

    @property
    def _initial_value(self):
        return _initial_value(self)

    def __repr__(self):
        return (f"<jthreading.BoundedSemaphore at {id(self):#x}: "
                f"value={_value(self)}/{_initial_value(self)}>")

    if not STATE_IN_REPRS:  # 3.10's repr is object's, without the state
        __repr__ = object.__repr__
    __str__ = __repr__


# Without arguments, these run in C on the permits Java shares (io.jthreading.internal.SemaphoreSync:
# C takes a free permit, and gives one back when no acquirer may be parked and the bound allows);
# everything else goes to the methods above. Each class gets its own: they are not related.
for _facade in (Semaphore, BoundedSemaphore):
    _fastpath.install(_facade, acquire="semaphore.acquire", __enter__="semaphore.acquire",
                      release="semaphore.release", __exit__="semaphore.__exit__")
Semaphore.__module__ = BoundedSemaphore.__module__ = "jthreading"
_border.install_facade("io.jthreading.Semaphore", Semaphore)
_border.install_facade("io.jthreading.BoundedSemaphore", BoundedSemaphore)
