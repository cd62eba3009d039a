"""Python's threading module, implemented in Java and shared with Java code (io.jthreading).

The primitives exist only inside a JVM that embeds CPython through Jep: start programs with
``jthreading run script.py`` (or embed Python from Java with io.jthreading.python.EmbeddedPython).
In a plain ``python`` only the launcher (``python -m jthreading``) is available.
"""

import threading as _cpython_threading

from jthreading._embedding import inside_jep

# jthreading is the running CPython's threading: its public names are that version's, in its
# order (3.12 added setprofile_all_threads and settrace_all_threads before get_native_id).
# tests-python/test_module_surface.py checks that each one is defined here.
__all__ = list(_cpython_threading.__all__)

if inside_jep():
    from jthreading._lock import Lock
    from jthreading._rlock import RLock
    from jthreading._condition import Condition
    from jthreading._semaphore import Semaphore, BoundedSemaphore
    from jthreading._event import Event
    from jthreading._barrier import Barrier
    from jthreading._border import BrokenBarrierError
    from jthreading._pytime import TIMEOUT_MAX
    from jthreading._local import local
    from jthreading._excepthook import ExceptHookArgs, excepthook
    from jthreading._threads import (
        Thread, Timer, active_count, activeCount, current_thread, currentThread, enumerate,
        get_ident, get_native_id, getprofile, gettrace, main_thread, setprofile, settrace,
        stack_size)
    from jthreading._versions import HAS_ALL_THREADS_HOOKS
    if HAS_ALL_THREADS_HOOKS:
        from jthreading._threads import setprofile_all_threads, settrace_all_threads

    ThreadError = RuntimeError
    __excepthook__ = excepthook
    # Seeing inside a mixed program (not in CPython's threading): see jthreading._dump.
    from jthreading._dump import WaitLink, Watchdog, dump_threads, find_deadlocks, watchdog
    from jthreading import _thread_exit; _thread_exit.install()  # ended threads leave the JVM
    from jthreading import _queue_entry; _queue_entry.install()  # Java-made queues: façades

    def patch():
        """Drop-in mode: make ``import threading`` give jthreading, for this program and every
        module it imports from now on (standard library and third-party alike), as
        ``jthreading run --patch`` does. Call it before anything imports threading's names;
        idempotent. Returns the modules that already bound CPython's threading and keep it
        (see patched_late()), and warns once if there are any. _thread stays CPython's."""
        from jthreading._dropin import patch
        return patch()

    def patched_late():
        """The modules that had bound CPython's threading before patch() (they keep it)."""
        from jthreading._dropin import patched_late
        return patched_late()
else:
    def __getattr__(name):
        if name.startswith("_"):  # private names and submodules: the normal import path
            raise AttributeError(name)
        raise ImportError(
            f"jthreading.{name} needs the JVM: run the program with `jthreading run SCRIPT` "
            "(or embed Python from Java with io.jthreading.python.EmbeddedPython)")
