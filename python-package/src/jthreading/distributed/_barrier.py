"""jthreading.distributed.Barrier: the Python face of DistributedBarrier.

A Python action is a Python callable, so it runs here: Java's arriveNanos tells the last arrival
(a negative result, -(round + 1)); the façade runs the action and reports back (finishRound).
The action and the default timeout belong to the Python object, as each process gives its own.
"""

from jthreading import _border
from jthreading._pytime import deadline_timeout_ns
from jthreading.distributed._java import PACKAGE, distributed_class
from jthreading.distributed._errors import python_error
from jthreading.distributed._methods import java_call, made_by_coordinator

_JavaBarrier = distributed_class("DistributedBarrier")
_java = _JavaBarrier.__pytype__.__dict__
_arrive_nanos = _java["arriveNanos"]
_finish_round = _java["finishRound"]
_reset = _java["reset"]
_abort = _java["abort"]
_parties = _java["parties"]
_waiting = _java["waiting"]
_is_broken = _java["isBroken"]
_java_action = _java["action"]
_default_timeout_nanos = _java["defaultTimeoutNanos"]
_name = _java["name"]

_NO_DEFAULT = object()


class Barrier(_JavaBarrier.__pytype__):
    """parties callers of wait(), in any processes, pass together; the last to arrive runs the
    action first. Same object as Java's io.jthreading.distributed.DistributedBarrier."""

    # _action, _timeout: what Coordinator.Barrier was given (unset for an object made in Java)
    __slots__ = ("__weakref__", "_action", "_timeout")
    __new__ = made_by_coordinator("Barrier")
    __init_subclass__ = _border.refuse_subclass

    def wait(self, timeout=None):
        if timeout is None:
            timeout = getattr(self, "_timeout", _NO_DEFAULT)
        try:
            # Checked before arriving: CPython's last arrival never reads it (a difference).
            nanos = (_default_timeout_nanos(self) if timeout is _NO_DEFAULT
                     else deadline_timeout_ns(timeout))
            arrival = _arrive_nanos(self, nanos)
        except Exception as error:
            raise python_error(error) from None
        if arrival >= 0:
            return arrival
        self._run_action(-arrival - 1)
        return _parties(self) - 1

    def _run_action(self, round_):
        # This process's Python action; else Java's, if the barrier was made in Java with one.
        action = getattr(self, "_action", None) or _java_action(self)
        try:
            if action:  # CPython runs it only if it is true
                action() if callable(action) else action.run()
        except BaseException:
            java_call(_finish_round, self, round_, False)  # breaks the barrier, as in CPython
            raise
        java_call(_finish_round, self, round_, True)

    def reset(self):
        java_call(_reset, self)

    def abort(self):
        java_call(_abort, self)

    @property
    def parties(self):
        return _parties(self)

    @property
    def n_waiting(self):
        """Callers waiting in the current round, in all processes (a snapshot)."""
        return java_call(_waiting, self)

    @property
    def broken(self):
        return java_call(_is_broken, self)

    @property
    def name(self):
        return _name(self)

    def __repr__(self):
        return f"<jthreading.distributed.Barrier {self.name!r} at {id(self):#x}>"

    __str__ = __repr__


Barrier.__module__ = "jthreading.distributed"
_border.install_facade(PACKAGE + "DistributedBarrier", Barrier)
