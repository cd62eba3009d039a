"""jthreading.distributed.Semaphore and BoundedSemaphore: the Python faces of DistributedSemaphore.

One Java class serves both (DistributedSemaphore.isBounded()); a bounded one enters Python as a
BoundedSemaphore, a subclass of Semaphore as in CPython.
"""

from jthreading import _border
from jthreading._arguments import signature_of
from jthreading._pytime import deadline_timeout_ns
from jthreading.distributed._java import PACKAGE, distributed_class
from jthreading.distributed._errors import python_error
from jthreading.distributed._methods import java_call, java_int, made_by_coordinator

_JavaSemaphore = distributed_class("DistributedSemaphore")
_java = _JavaSemaphore.__pytype__.__dict__
_acquire_within = _java["acquireWithin"]
_release = _java["release"]
_value = _java["value"]
_is_bounded = _java["isBounded"]
_initial_value = _java["initialValue"]
_name = _java["name"]
_fencing_token = _java["fencingToken"]


class Semaphore(_JavaSemaphore.__pytype__):
    """A counter shared by every process that uses its name: acquire() takes a permit (waiting
    while there is none), release(n) gives permits back; a process that dies gives its permits
    back. Same object as Java's io.jthreading.distributed.DistributedSemaphore."""

    __slots__ = ("__weakref__",)
    __new__ = made_by_coordinator("Semaphore")
    __init_subclass__ = _border.refuse_subclass

    def acquire(self, blocking=True, timeout=None):
        blocking = not not blocking  # its truth value read once, as CPython does
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        try:
            if not blocking:
                return _acquire_within(self, 0)
            try:
                nanos = deadline_timeout_ns(timeout)
            except Exception:
                # CPython reads the timeout only when it has to wait: a free permit is taken.
                if _acquire_within(self, 0):
                    return True
                raise
            return _acquire_within(self, nanos)
        except Exception as error:
            raise python_error(error) from None

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:  # CPython's check first (and its TypeError for non-numbers)
            raise ValueError("n must be one or more")
        java_call(_release, self, java_int(n, "n"))

    def __exit__(self, t, v, tb):
        self.release()

    @property
    def _value(self):
        """Permits free now, in all processes (a snapshot)."""
        return java_call(_value, self)

    @property
    def name(self):
        return _name(self)

    @property
    def fencing_token(self):
        """The token of this process's most recent permit: it grows with every permit taken, in
        any process (the ZooKeeper transaction id that created the lease). RuntimeError when no
        permit is held here, SessionLostError when the lease was lost."""
        return java_call(_fencing_token, self)

    def _to_python(self):
        # Jep calls this on every DistributedSemaphore it wraps: a bounded one is a
        # BoundedSemaphore (the same object layout, so only the class changes).
        if type(self) is Semaphore and _is_bounded(self):
            self.__class__ = BoundedSemaphore
        return self

    def __repr__(self):
        return f"<jthreading.distributed.{type(self).__name__} {self.name!r} at {id(self):#x}>"

    __str__ = __repr__


class BoundedSemaphore(Semaphore):
    """A Semaphore that refuses to be released past its initial value ("Semaphore released too
    many times"): a release gives back only permits this process holds."""

    __slots__ = ()
    __new__ = made_by_coordinator("BoundedSemaphore")
    # CPython's BoundedSemaphore defines its own release: its errors name it.
    release = signature_of("BoundedSemaphore.release", Semaphore.release)

    @property
    def _initial_value(self):
        return _initial_value(self)


Semaphore.__module__ = BoundedSemaphore.__module__ = "jthreading.distributed"
_border.install_facade(PACKAGE + "DistributedSemaphore", Semaphore)
