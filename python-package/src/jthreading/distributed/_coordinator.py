"""jthreading.distributed.Coordinator: the Python face of io.jthreading.distributed.Coordinator.

One process's connection to a ZooKeeper ensemble, and the factory of the named primitives, with
threading's names: ``coord.Lock("jobs/db")`` in one process and in another are the same lock.
"""

from jthreading import _border
from jthreading._pytime import timeout_ns
from jthreading.distributed import _barrier, _condition, _event, _locks, _semaphore
from jthreading.distributed._errors import python_error
from jthreading.distributed._java import PACKAGE, distributed_class
from jthreading.distributed._methods import java_call, java_int
from jthreading._embedding import java_class

_JavaCoordinator = distributed_class("Coordinator")
_Duration = java_class("java.time.Duration")
_java = _JavaCoordinator.__pytype__.__dict__
_connect = _JavaCoordinator.connect
_lock = _java["lock"]
_rlock = _java["rLock"]
_semaphore_of = _java["semaphore"]
_bounded_semaphore_of = _java["boundedSemaphore"]
_event_of = _java["event"]
_barrier_of = _java["barrier"]
_condition_of = _java["condition"]
_state = _java["state"]
_session_id = _java["sessionId"]
_hosts = _java["hosts"]
_is_closed = _java["isClosed"]
_close = _java["close"]


def _duration(seconds, what):
    """A timeout in seconds (int or float) as a java.time.Duration; must be positive."""
    if not seconds > 0:  # TypeError for non-numbers; NaN is refused too
        raise ValueError(f"{what} must be a positive number of seconds")
    return _Duration.ofNanos(timeout_ns(seconds))


def _checked_name(name):
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {type(name).__name__}")
    return name


class Coordinator(_JavaCoordinator.__pytype__):
    """A connection to the ZooKeeper ensemble ``hosts`` ("host:port,host:port/chroot"; None: a
    single-node ZooKeeper of its own in this process, stopped at close()). What its primitives
    hold belongs to its ZooKeeper session: closing it, or the process's death, releases it (after
    session_timeout for a death). Same object as Java's io.jthreading.distributed.Coordinator."""

    __slots__ = ("__weakref__",)
    __init_subclass__ = _border.refuse_subclass

    def __new__(cls, hosts=None, *, session_timeout=10.0, connection_timeout=10.0):
        if hosts is not None and not isinstance(hosts, str):
            raise TypeError(f"hosts must be a str or None, not {type(hosts).__name__}")
        session = _duration(session_timeout, "session_timeout")
        connection = _duration(connection_timeout, "connection_timeout")
        return java_call(_connect, hosts, session, connection)

    # No __init__: object's accepts the arguments __new__ took (its override tells it to).

    # -- the primitives, named as threading's classes -----------------------------------------

    def Lock(self, name):
        """The Lock called ``name``; any thread of the holding process may release it."""
        return java_call(_lock, self, _checked_name(name))

    def RLock(self, name):
        """The RLock called ``name``: reentrant, owned by the thread that acquired it."""
        return java_call(_rlock, self, _checked_name(name))

    def Semaphore(self, name, value=1):
        """The Semaphore called ``name``; every process must give it the same value."""
        return java_call(_semaphore_of, self, _checked_name(name), _initial_value(value))

    def BoundedSemaphore(self, name, value=1):
        """The BoundedSemaphore called ``name``; every process must give it the same value."""
        return java_call(_bounded_semaphore_of, self, _checked_name(name), _initial_value(value))

    def Event(self, name):
        """The Event called ``name``."""
        return java_call(_event_of, self, _checked_name(name))

    def Barrier(self, name, parties, action=None, timeout=None):
        """The Barrier called ``name``; every process must give it the same parties. The action
        (run by the last arrival, when it arrives in this process) and the default timeout are
        this object's own."""
        barrier = java_call(_barrier_of, self, _checked_name(name), java_int(parties, "parties"))
        barrier._action = action
        barrier._timeout = timeout  # CPython checks it when a wait uses it
        return barrier

    def Condition(self, name, lock=None):
        """The Condition called ``name``, over ``lock`` (a Lock or RLock of this coordinator;
        None: an RLock of its own, as in CPython)."""
        name = _checked_name(name)
        if lock is None:
            return java_call(_condition_of, self, name)
        if not isinstance(lock, (_locks.Lock, _locks.RLock)):
            raise TypeError("lock must be a jthreading.distributed Lock or RLock, not "
                            f"{type(lock).__name__}")
        condition = java_call(_condition_of, self, name, lock)
        condition._lock = lock
        return condition

    # -- the session ----------------------------------------------------------------------------

    @property
    def hosts(self):
        """The connect string: as given, or the embedded server's (for other coordinators)."""
        return _hosts(self)

    @property
    def state(self):
        """The connection as Curator sees it: "CONNECTED", "SUSPENDED" (no server reachable),
        "RECONNECTED", "LOST" (the session ended: what was held is gone), "READ_ONLY"."""
        return _state(self)

    @property
    def session_id(self):
        """The ZooKeeper session id (it changes when a lost session is replaced)."""
        return java_call(_session_id, self)

    @property
    def closed(self):
        return _is_closed(self)

    def close(self):
        """Ends the session (ZooKeeper releases at once what it held) and an embedded server."""
        java_call(_close, self)

    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        self.close()

    def __repr__(self):
        state = "closed" if _is_closed(self) else _state(self)
        return f"<jthreading.distributed.Coordinator {_hosts(self)!r} {state} at {id(self):#x}>"

    __str__ = __repr__


def _initial_value(value):
    if value < 0:  # CPython's check first (and its TypeError for non-numbers)
        raise ValueError("semaphore initial value must be >= 0")
    return java_int(value, "value")


Coordinator.__module__ = "jthreading.distributed"
_border.install_facade(PACKAGE + "Coordinator", Coordinator)
