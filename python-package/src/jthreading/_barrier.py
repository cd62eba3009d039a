"""jthreading.Barrier: the Python face of io.jthreading.Barrier.

A Python action is a Python callable, so it runs here: Java tells the last arriver
(``ACTION_DUE``), the façade runs the action and reports back (``actionDone``)."""

from jthreading._embedding import java_class

_JavaBarrier = java_class("io.jthreading.Barrier")

from jthreading import _border, _callbacks, _fastpath
from jthreading._arguments import java_long, signature_of
from jthreading._pytime import deadline_timeout_ns
from jthreading._versions import BARRIER_CHECKS_PARTIES, STATE_IN_REPRS

_JavaBarrierType = _JavaBarrier.__pytype__
_java = _JavaBarrierType.__dict__
_arrive = _java["arrive"]
_action_done = _java["actionDone"]
_reset = _java["reset"]
_abort = _java["abort"]
_parties = _java["parties"]
_n_waiting = _java["nWaiting"]
_is_broken = _java["isBroken"]
_default_timeout_nanos = _java["defaultTimeoutNanos"]
_java_action = _java["action"]
_state_address = _java["stateAddress"]
_ACTION_DUE = _JavaBarrier.ACTION_DUE
_TIMEOUT_REJECTED = _JavaBarrier.TIMEOUT_REJECTED

_NO_DEFAULT = object()


def _init_arguments(self, parties, action=None, timeout=None):
    return parties, action, timeout


_init_arguments = signature_of("Barrier.__init__", _init_arguments)  # errors name __init__


class Barrier(_JavaBarrierType):
    """parties threads meet; the last one runs the action. Same object as Java's
    io.jthreading.Barrier."""

    # _parties: fixed for the barrier's life, so asked from Java at most once; _word: the
    # address of Java's mirror of n_waiting and broken (see io.jthreading.Barrier.publish)
    __slots__ = ("__weakref__", "_action", "_timeout", "_parties", "_word")

    def __new__(cls, *args, **kwargs):
        parties, action, timeout = _init_arguments(None, *args, **kwargs)
        if BARRIER_CHECKS_PARTIES and parties < 1:  # 3.13 (TypeError for a non-number)
            raise ValueError("parties must be > 0")
        try:
            # CPython runs the action only if it is true (``if self._action:``). Java gets it
            # too, for Java threads that arrive last.
            java_action = _callbacks.register(action) if action else None
            parties = java_long(parties)  # as Java keeps it: an int
            self = _fastpath.adopt(_JavaBarrier.forPython(parties, java_action), _state_address,
                                   "barrier")
        except Exception as error:
            raise _border.python_error(error) from None
        self._action = action
        self._timeout = timeout  # CPython checks it when a wait uses it
        self._parties = parties
        return self

    def __init__(self, *args, **kwargs):
        pass

    __init_subclass__ = _border.refuse_subclass

    def wait(self, timeout=None):
        if timeout is None:
            timeout = getattr(self, "_timeout", _NO_DEFAULT)
        try:
            if timeout is _NO_DEFAULT:  # made in Java: Java's default timeout
                nanos, bad_timeout = _default_timeout_nanos(self), None
            else:
                nanos, bad_timeout = deadline_timeout_ns(timeout), None
        except Exception as error:
            # CPython first uses the timeout once it has to wait: the last arriver never does.
            nanos, bad_timeout = 0, error
        try:
            index = _arrive(self, nanos, bad_timeout is None)
        except Exception as error:
            raise _border.python_error(error) from None
        if index == _TIMEOUT_REJECTED:
            raise bad_timeout
        if index == _ACTION_DUE:
            self._run_action()
            return self.parties - 1
        return index

    def _run_action(self):
        # Made in Python: its Python action; made in Java: Java's action, callable from Python.
        action = getattr(self, "_action", None) or _java_action(self).run
        try:
            action()
        except BaseException:
            _action_done(self, False)
            raise
        _action_done(self, True)

    def reset(self):
        _reset(self)

    def abort(self):
        _abort(self)

    @property
    def parties(self):
        try:
            return self._parties
        except AttributeError:  # made in Java
            parties = self._parties = _parties(self)
            return parties

    # With the fast path, read from Java's mirror in shared memory: -1 broken, else n_waiting.

    # _load takes an int as an address too: only the PeerRef adopt put in `_word` is read (a
    # `_word` deleted or set to anything else, e.g. an int, would read arbitrary memory).

    @property
    def n_waiting(self):
        word = getattr(self, "_word", None)
        if type(word) is not _PeerRef:
            return _n_waiting(self)
        mirror = _load(word)
        return mirror if mirror > 0 else 0

    @property
    def broken(self):
        word = getattr(self, "_word", None)
        if type(word) is not _PeerRef:
            return _is_broken(self)
        return _load(word) < 0

    def _to_python(self):
        return _fastpath.adopt(self, _state_address, "barrier")

    def __repr__(self):
        if _is_broken(self):
            return f"<jthreading.Barrier at {id(self):#x}: broken>"
        return (f"<jthreading.Barrier at {id(self):#x}: "
                f"waiters={_n_waiting(self)}/{_parties(self)}>")

    if not STATE_IN_REPRS:  # 3.10's repr is object's, without the state
        __repr__ = object.__repr__
    __str__ = __repr__


_load = _fastpath.load if _fastpath.ENABLED else None
_PeerRef = _fastpath.PeerRef if _fastpath.ENABLED else None
Barrier.__module__ = "jthreading"
_border.install_facade("io.jthreading.Barrier", Barrier)
