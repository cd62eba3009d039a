"""Interrupts in Python callers: Ctrl-C as KeyboardInterrupt, Java's Thread.interrupt() as
InterruptedError.

Under ``jthreading run`` the JVM receives SIGINT, and io.jthreading.python.SigintDelivery
delivers it to the script's thread (the one CPython would call main): if that thread is blocked
in a jthreading wait, Java interrupts the wait and :func:`interrupted` below makes the
``InterruptedException`` a ``KeyboardInterrupt``; if it runs Python code, Java calls
:func:`queue_keyboard_interrupt`, and the exception is raised at the next bytecode check, as
CPython raises it from its signal handler. A SIGINT raises one KeyboardInterrupt.

A Java interrupt of any other kind (``Thread.interrupt()``) of a thread blocked in a jthreading
wait called from Python raises ``InterruptedError`` there (CPython has no such thing; it is the
one exception a wait can raise that CPython's does not), and clears the interrupt status: the
next wait waits. Java callers of the same waits get Java's ``InterruptedException``.
"""

import _thread
import os
import sys

from jthreading._embedding import java_class

_Delivery = java_class("io.jthreading.python.SigintDelivery")

#: CPython's ident (pthread id) of the thread running the script, once it runs.
_script_ident = None


class _QueuedKeyboardInterrupt(KeyboardInterrupt):
    """What Java queues in the script thread (an asynchronous exception must be a class).

    Python creates the exception when it raises it; at that moment the pending SIGINT is taken,
    and what is made is a plain ``KeyboardInterrupt``: ``except KeyboardInterrupt as e`` gets
    ``type(e) is KeyboardInterrupt``, and tracebacks print ``KeyboardInterrupt``.
    """

    def __new__(cls, *args):
        _Delivery.keyboardInterruptRaised()
        return KeyboardInterrupt(*args)


def start():
    """On the script's thread, before the script: from now on Ctrl-C is KeyboardInterrupt."""
    global _script_ident
    _script_ident = _thread.get_ident()
    if _Delivery.takePending():  # Ctrl-C came while Python was starting
        _set_async_exc(_script_ident, None)  # in case Java queued it meanwhile
        raise KeyboardInterrupt


def finish():
    """On the script's thread, after the script and its threads: no more KeyboardInterrupt."""
    global _script_ident
    try:
        _Delivery.scriptFinished()
        if _script_ident is not None:
            _set_async_exc(_script_ident, None)  # one Java queued before it was told
    except KeyboardInterrupt:
        pass  # that one, raised before it could be cancelled
    _script_ident = None


def interrupted(message):
    """The exception for an ``InterruptedException`` that ended a wait of the calling thread."""
    if _Delivery.interruptSurfaced():
        # The SIGINT is taken; Java may also have queued it as an asynchronous exception.
        _set_async_exc(_thread.get_ident(), None)
        return KeyboardInterrupt()
    return InterruptedError(message) if message is not None else InterruptedError()


def queue_keyboard_interrupt():
    """Called by Java (holding the GIL, on its own thread): KeyboardInterrupt in the script
    thread at its next bytecode check. False if there is no script thread yet, or if it is in
    jthreading's own Python code now (Java asks again a few milliseconds later).

    Why not there: an asynchronous exception raised inside a façade method can land between the
    Java call that took a lock and the method's return (``with lock:`` then never releases it),
    or before ``__exit__`` releases; CPython's C locks have no such point. Holding the GIL, this
    sees where the script thread stands: if it is in other code, waiting for the GIL at a
    bytecode check, the exception is raised right there; if it is in a C or Java call made from
    other code, at that frame's next check, after the call returns (found by issue 13's fault
    tests: a Ctrl-C flood over ``with lock:`` left a Lock held 2 times in 30 with the fast path
    off, never with CPython's threading)."""
    if _script_ident is None:
        return False
    frame = sys._current_frames().get(_script_ident)
    if frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        return False
    return _set_async_exc(_script_ident, _QueuedKeyboardInterrupt) == 1


#: Where jthreading's own Python code lives (its frames' co_filename).
_PACKAGE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "")


_prototypes = {}


def prepare_queueing():
    """Called by Java once, when its delivery thread starts: ctypes and ``PyThreadState_SetAsyncExc``, through
    prototypes of our own so that ``ctypes.pythonapi.PyThreadState_SetAsyncExc``'s argtypes,
    shared with user code, stay as they are. A ``pythonapi`` function keeps the GIL, as the
    call requires."""
    import ctypes

    name = ("PyThreadState_SetAsyncExc", ctypes.pythonapi)
    _prototypes[False] = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(name)
    _prototypes[True] = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(name)


def _set_async_exc(ident, exception_type):
    """``PyThreadState_SetAsyncExc``; None cancels. Nothing was queued if Java did not prepare."""
    if not _prototypes:
        return 0
    if exception_type is None:
        return _prototypes[False](ident, None)
    return _prototypes[True](ident, exception_type)
