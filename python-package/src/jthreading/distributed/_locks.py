"""jthreading.distributed.Lock and RLock: the Python faces of DistributedLock and DistributedRLock.

Lock: not owned by a thread (any thread of the holding process may release it), as CPython's.
RLock: reentrant and owned by the thread that acquired it. Both have CPython's acquire(blocking,
timeout), with its argument errors, plus a fencing token and check() for a holder that must know
it still holds.
"""

from jthreading import _border
from jthreading._lock_methods import exit_method
from jthreading.distributed._java import PACKAGE, distributed_class
from jthreading.distributed._methods import (acquire_method, java_call, made_by_coordinator,
                                             no_argument_method)

_JavaLock = distributed_class("DistributedLock")
_JavaRLock = distributed_class("DistributedRLock")


def _shared_methods(java_class, kind, c_kind):
    """What Lock and RLock share (Jep orders a Java type before any Python base, so they cannot
    inherit it from a Python mixin); ``c_kind`` names the methods in CPython's messages."""
    java = java_class.__pytype__.__dict__
    name = java["name"]
    fencing_token = java["fencingToken"]
    release = no_argument_method(java["release"], f"{c_kind}.release")

    def repr_(self):
        return f"<jthreading.distributed.{kind} {str(name(self))!r} at {id(self):#x}>"

    return {
        "__new__": made_by_coordinator(kind),
        "acquire": acquire_method(java["acquireNanos"]),
        "__enter__": acquire_method(java["acquireNanos"]),
        "release": release,
        "__exit__": exit_method(release, f"{c_kind}.__exit__"),
        "locked": no_argument_method(java["locked"], f"{c_kind}.locked"),
        "_is_owned": no_argument_method(java["isOwned"], f"{c_kind}._is_owned"),
        "check": no_argument_method(java["check"], f"{c_kind}.check"),
        "name": property(lambda self: str(name(self)), doc="The name given to the Coordinator."),
        "fencing_token": property(lambda self: java_call(fencing_token, self), doc=(
            "A number that grows with every holding of this lock, in any process (the ZooKeeper "
            "transaction id that created the holding): give it to the guarded resource so that "
            "it can refuse a holder whose holding was lost. RuntimeError when not held here, "
            "SessionLostError when the holding was lost.")),
        "__repr__": repr_,
        "__str__": repr_,
    }


class Lock(_JavaLock.__pytype__):
    """A lock shared by every process that uses its name; any thread of the holding process
    may release it. Same object as Java's io.jthreading.distributed.DistributedLock."""

    __slots__ = ("__weakref__",)
    __init_subclass__ = _border.refuse_subclass
    locals().update(_shared_methods(_JavaLock, "Lock", "lock"))


class RLock(_JavaRLock.__pytype__):
    """A reentrant lock shared by every process that uses its name, owned by the thread that
    acquired it. Same object as Java's io.jthreading.distributed.DistributedRLock."""

    __slots__ = ("__weakref__",)
    __init_subclass__ = _border.refuse_subclass
    locals().update(_shared_methods(_JavaRLock, "RLock", "RLock"))
    _recursion_count = no_argument_method(_JavaRLock.__pytype__.__dict__["holdCount"],
                                          "RLock._recursion_count")


Lock.__module__ = RLock.__module__ = "jthreading.distributed"
_border.install_facade(PACKAGE + "DistributedLock", Lock)
_border.install_facade(PACKAGE + "DistributedRLock", RLock)
