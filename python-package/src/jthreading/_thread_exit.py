"""Detach the threads Python starts from the JVM when they end.

Why: inside Jep, a thread that Python started (``threading.Thread``, ``_thread.start_new_thread``)
is attached to the JVM as a daemon Java thread on its first Java call (any jthreading primitive
makes one), and Jep never detaches it: there is no hook for it in Jep. Each such thread therefore
leaves a live ``java.lang.Thread`` behind when it ends; 10,000 short threads leave 10,000.

The fix is native (``jthreading._native.detach_at_thread_exit``): the calling thread is put in a
pthread key whose destructor runs when the OS thread ends, after CPython deleted its thread
state, and calls JNI ``DetachCurrentThread`` if the thread is attached. The invariants that make
it safe are documented in ``native-glue/src/jthreading_native.c``; the one that concerns callers:
register only threads that Python started, never a Java thread (one Java started, or one with a
Jep interpreter; the native side refuses the latter).

``install()`` wraps the module global CPython's ``Thread.start()`` calls
(``threading._start_new_thread``, or 3.13's ``threading._start_joinable_thread``: see
jthreading._versions), so every new ``threading.Thread`` registers itself first, joins the JVM
under its threading name and daemon flag (so both languages see one identity from the start),
and then runs its function. jthreading's own paths that start a thread with ``_thread`` call
``register_current_thread()`` on the new thread.

Without ``jthreading._native`` (or without a JVM) both are no-ops.
"""

import _thread
import threading

from jthreading._versions import THREAD_START_FUNCTION

try:
    from jthreading import _native
except ImportError:  # no native glue: nothing to do
    _native = None

_detach_at_thread_exit = getattr(_native, "detach_at_thread_exit", None)
_attach_named = getattr(_native, "attach_named", None)
_install_lock = _thread.allocate_lock()


def register_current_thread():
    """Detach the calling thread from the JVM when it ends (call it on a thread Python started).

    Returns True if registered, False if there is nothing to do (no native glue, no JVM, or the
    thread has a Jep interpreter). Registering twice is harmless.
    """
    if _detach_at_thread_exit is None:
        return False
    return _detach_at_thread_exit()


class _RegisterThenRun:
    """The function a wrapped start runs on the new thread: register, then the original."""

    __slots__ = ("function",)

    def __init__(self, function):
        self.function = function

    def __call__(self, *args, **kwargs):
        _detach_at_thread_exit()
        started = getattr(self.function, "__self__", None)  # threading.Thread._bootstrap's
        if isinstance(started, threading.Thread) and _attach_named is not None:
            # Join the JVM now, under threading's name and daemon flag, so that Java sees this
            # thread as Python's threading named it even before Python asks (about 0.1 ms).
            _attach_named(started.name, started.daemon)
        return self.function(*args, **kwargs)

    def __repr__(self):
        # _thread reports an exception escaping the function "in thread started by <repr>".
        return repr(self.function)


def _wrap(start):
    def start_detached_at_exit(*args, **kwargs):
        # Arguments are checked by the original, on this thread, exactly as before: only a
        # callable function is wrapped (a non-callable one gets the original's TypeError).
        # Both starts take the function first; 3.13's also takes it by keyword.
        if args and callable(args[0]):
            args = (_RegisterThenRun(args[0]),) + args[1:]
        elif not args and callable(kwargs.get("function")):
            kwargs["function"] = _RegisterThenRun(kwargs["function"])
        return start(*args, **kwargs)

    start_detached_at_exit.__wrapped__ = start
    start_detached_at_exit._jthreading_detach_at_exit = True
    return start_detached_at_exit


def install():
    """Make every threading.Thread started from now on detach from the JVM when it ends.

    Idempotent; does nothing without jthreading._native. Returns whether the hook is in place.
    """
    if _detach_at_thread_exit is None:
        return False
    with _install_lock:
        current = getattr(threading, THREAD_START_FUNCTION)
        if not getattr(current, "_jthreading_detach_at_exit", False):
            setattr(threading, THREAD_START_FUNCTION, _wrap(current))
    return True


def installed():
    """Is threading.Thread.start wrapped?"""
    return getattr(getattr(threading, THREAD_START_FUNCTION), "_jthreading_detach_at_exit", False)
