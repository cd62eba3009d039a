"""Drop-in mode: ``jthreading.patch()`` makes ``import threading`` give jthreading.

The standard library (and CPython's test suites) reach past ``threading``'s public names; this
module installs those private names on the jthreading module, backed by jthreading's own state
(io.jthreading.Threads), and only when patch() runs: an unpatched jthreading keeps its surface.
What each name means here, and why ``_thread`` stays CPython's: docs/design/python-ecosystem.md.
"""

import collections.abc
import sys
import warnings

from jthreading import _border, _subclassable, _threads
from jthreading._embedding import java_class
from jthreading._versions import SHUTDOWN_LOCKS, THREAD_START_FUNCTION

_Threads = java_class("io.jthreading.Threads")

_real = sys.modules["jthreading"]._cpython_threading
_state = {"patched": False, "late": (), "shutdown_done": False}
_atexits = []


def _register_atexit(func, *args, **kwargs):
    """CPython internal: call ``func`` in _shutdown(), before non-daemon threads are joined
    (concurrent.futures tells its workers to stop this way). Reverse order, as atexit."""
    if _module()._SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")
    _atexits.append(lambda: func(*args, **kwargs))


def _shutdown():
    """What CPython's interpreter exit calls: the registered atexit calls, then wait for every
    non-daemon thread, jthreading's (Java's) and then CPython's own threading's. Idempotent."""
    if _state["shutdown_done"]:
        return
    _state["shutdown_done"] = True
    _module()._SHUTTING_DOWN = True
    for call in reversed(_atexits):
        call()
    try:
        _Threads.awaitNonDaemonThreads()
    except Exception as error:
        raise _border.python_error(error) from None
    if _real.main_thread() is _real.current_thread():
        _real._shutdown()


def _after_fork(*args, **kwargs):
    """A forked child of a JVM has no working JVM: nothing jthreading could clean up."""


class _ThreadsByIdent(collections.abc.Mapping):
    """threading._active: the live threads by ident, read from Java's registry."""

    def _threads(self):
        return {thread.ident: thread for thread in _threads.enumerate()}

    def __getitem__(self, ident):
        return self._threads()[ident]

    def __iter__(self):
        return iter(self._threads())

    def __len__(self):
        return len(self._threads())

    def __repr__(self):
        return repr(self._threads())


class _NoThreads(collections.abc.Mapping):
    """threading._limbo: CPython lists a thread there only while its start() runs; jthreading's
    start() hands the thread to Java in one call, so no Python code ever sees one there."""

    def __getitem__(self, thread):
        raise KeyError(thread)

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


def _set_native_id(thread):
    """Thread._set_native_id(): a no-op, the native id is read from Java."""


def _counter():
    """The number in the next "Thread-N" name (Java's counter, shared with Java's names)."""
    return int(_Threads.newName(""))


def _private_names():
    import _thread

    names = {
        "_real_threading": _real,
        "_register_atexit": _register_atexit,
        "_shutdown": _shutdown,
        "_SHUTTING_DOWN": False,
        "_after_fork": _after_fork,
        "_HAVE_THREAD_NATIVE_ID": True,
        "_DummyThread": _threads._DummyThread,
        "_MainThread": _threads._MainThread,
        "_active": _ThreadsByIdent(),
        "_limbo": _NoThreads(),
        "_dangling": _threads._dangling,
        "_counter": _counter,
        "__excepthook__": _module().excepthook,
        # CPython's Thread.start() calls this; jthreading's threads start in Java, so only code
        # that calls it directly uses it: it is _thread's, as in CPython.
        THREAD_START_FUNCTION: getattr(_thread, THREAD_START_FUNCTION.lstrip("_")),
    }
    if SHUTDOWN_LOCKS:  # before 3.13: nothing is ever in it (Java waits for the threads)
        names["_shutdown_locks"] = set()
        names["_shutdown_locks_lock"] = _thread.allocate_lock()
        names["_maintain_shutdown_locks"] = lambda: None
    return names


def _module():
    return sys.modules["jthreading"]


def patch():
    """Make ``import threading`` give jthreading, for this program and everything it imports.

    Idempotent. Returns the names of modules that bound CPython's threading (or its classes)
    before the patch and so keep it (see patched_late()); warns once if there are any.
    """
    module = _module()
    if _state["patched"]:
        return list(_state["late"])
    _refuse_if_threading_threads_run()
    for name, value in _private_names().items():
        setattr(module, name, value)
    # multiprocessing calls it in child processes; the id is Java's (JThread.nativeId()).
    _threads.Thread._set_native_id = _set_native_id
    facades = _subclassable.facades(module)
    # threading's C RLock type (jthreading's RLock when called) and its pure-Python twin.
    module._CRLock = facades.pop("_RLock")
    module._PyRLock = _subclassable.python_rlock(module._CRLock)
    for name, facade in facades.items():
        setattr(module, name, facade)
    late = _modules_bound_to(_real)
    sys.modules["threading"] = module
    _state["late"] = tuple(late)
    _state["patched"] = True
    if late:
        warnings.warn("jthreading.patch(): these modules imported threading before the patch "
                      "and keep CPython's: " + ", ".join(late), RuntimeWarning, stacklevel=3)
    return list(late)


def patched_late():
    """The modules that bound CPython's threading before patch() ran (they keep using it)."""
    return list(_state["late"])


def is_patched():
    return _state["patched"]


def _refuse_if_threading_threads_run():
    """Threads CPython's threading already started would be waited for by a module nobody
    imports any more: patch before starting any."""
    running = [t.name for t in _real.enumerate()
               if not t.daemon and t is not _real.main_thread()
               and not isinstance(t, _real._DummyThread)]
    if running:
        raise RuntimeError("jthreading.patch() must run before threading starts non-daemon "
                           "threads; running: " + ", ".join(running))


#: Modules allowed to keep CPython's threading: jthreading itself (it builds on it) and the
#: import system's (importlib.util's lazy-module lock is an import-time detail).
_OWN_PREFIXES = ("jthreading", "importlib", "threading", "_threading_local")


def _modules_bound_to(real):
    bound_values = {id(real)}
    bound_values.update(id(value) for value in vars(real).values()
                        if isinstance(value, type) and value.__module__ == real.__name__)
    late = []
    for name, mod in list(sys.modules.items()):
        if mod is None or name.startswith(_OWN_PREFIXES) or name == "__main__":
            continue
        try:
            namespace = vars(mod)
        except TypeError:
            continue
        try:
            if any(id(value) in bound_values for value in list(namespace.values())):
                late.append(name)
        except Exception:  # a module whose namespace cannot be read (Jep's java packages)
            continue
    return sorted(late)
