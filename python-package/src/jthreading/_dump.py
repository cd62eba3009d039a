"""Seeing inside a mixed program: the thread dump of both languages and the deadlock finder.

The work is Java's (io.jthreading.Threads.dump and findDeadlocks, over the waits jthreading's
primitives record when a thread parks). This module gives Java Python's half of the dump,
``python_stacks()``, and the Python API: ``dump_threads``, ``find_deadlocks``, ``watchdog``.
"""

import collections
import sys
import _thread
import traceback

from jthreading import _callbacks, _fastpath
from jthreading._embedding import java_class

_Threads = java_class("io.jthreading.Threads")
_Duration = java_class("java.time.Duration")

#: One thread of a deadlock: the jthreading Thread (None for a thread jthreading has no object
#: for), its ident and name, the primitive it waits on (a jthreading object), how it waits
#: ("acquire", "wait", "join") and for how many seconds it has.
WaitLink = collections.namedtuple("WaitLink", "thread ident name waits_on operation seconds")

# CPython ident -> OS thread id, recorded by threads themselves (their first current_thread(),
# the start of a jthreading.Thread, the launcher's main): CPython's thread states say it too from
# 3.11, which the native glue reads when it is on.
_native_ids_seen = {}
_NEEDS_RECORDS = _fastpath.thread_native_ids is None or sys.version_info < (3, 11)
_prune_at = [64]  # prune ended threads' records when there are this many (then twice the live)


def remember_native_id():
    """Records the calling thread's OS thread id for the dump, where C cannot read it; records
    of ended threads go when they outnumber the live ones (CPython reuses idents)."""
    if _NEEDS_RECORDS:
        _native_ids_seen[_thread.get_ident()] = _thread.get_native_id()
        if len(_native_ids_seen) >= _prune_at[0]:
            _forget_ended(sys._current_frames())
            _prune_at[0] = max(64, 2 * len(_native_ids_seen))


def _forget_ended(live):
    for gone in set(_native_ids_seen) - set(live):
        _native_ids_seen.pop(gone, None)


def _native_ids():
    ids = dict(_native_ids_seen)
    if _fastpath.thread_native_ids is not None:
        ids.update(_fastpath.thread_native_ids())
    return ids


def _entered_from_java(code):
    """Frames Java calls into: jthreading's entry points, and the launcher's run of the script."""
    return code.co_filename.endswith(("_java_entry.py", "_runner.py")) and code.co_name in (
        "attached", "call", "truth", "run_thread", "new_local", "local_get", "local_has",
        "local_set", "local_delete", "python_stacks", "main")


def _frames(frame):
    """[[text, entered_from_java], ...] outermost first."""
    summaries = traceback.extract_stack(frame)
    codes = []
    while frame is not None:
        codes.append(frame.f_code)
        frame = frame.f_back
    codes.reverse()
    return [["".join(traceback.format_list([summary])).rstrip("\n"), _entered_from_java(code)]
            for summary, code in zip(summaries, codes)]


def python_stacks():
    """Java's PythonThreadStacks: [[native id, ident, name, frames], ...] for every Python thread
    but the calling one (the dump's own helper)."""
    me = _thread.get_ident()
    frames = sys._current_frames()
    _forget_ended(frames)
    native_ids = _native_ids()
    names = _python_thread_names()
    return [[native_ids.get(ident, 0), ident, names.get(ident, f"Python thread {ident}"),
             _frames(frame)]
            for ident, frame in frames.items() if ident != me]


def _python_thread_names():
    """Names of the threads CPython's own threading module knows (jthreading's are Java's)."""
    threading = sys.modules.get("threading")
    active = getattr(threading, "_active", None)
    try:
        return {ident: thread.name for ident, thread in dict(active or {}).items()}
    except Exception:  # threading replaced by jthreading (drop-in mode): no CPython names
        return {}


def dump_threads(file=None):
    """Writes the thread dump of both languages to ``file`` (default: ``sys.stderr``): every
    live thread's name, ident, native id, daemon flag and languages, the jthreading primitive it
    waits on and who holds it, its Java and Python frames interleaved, then the deadlocks."""
    if file is None:
        file = sys.stderr
    file.write(str(_Threads.dump()))
    flush = getattr(file, "flush", None)
    if flush is not None:
        flush()


def find_deadlocks():
    """The cycles of threads, Java and Python alike, each waiting on a jthreading primitive that
    the next one holds: a list of cycles, each a list of WaitLink, each cycle once, starting at
    its smallest ident. A Lock's holder is its last acquirer (a plain lock has no owner)."""
    return [_cycle(deadlock) for deadlock in _Threads.findDeadlocks()]


def _cycle(deadlock):
    from jthreading._threads import _thread_for_ident

    return [WaitLink(_thread_for_ident(link.ident()), link.ident(), str(link.threadName()),
                     link.waitsOn(), str(link.operation()), link.waitingNanos() / 1e9)
            for link in deadlock.links()]


class Watchdog:
    """A running watchdog (``watchdog()``): ``stop()`` ends it; also a context manager."""

    __slots__ = ("_java",)

    def __init__(self, java):
        self._java = java

    def stop(self):
        self._java.close()

    @property
    def running(self):
        return bool(self._java.isRunning())

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def _report_to_stderr(deadlock):
    """The default hook: the cycle, then the whole dump, on Python's stderr."""
    sys.stderr.write(f"jthreading watchdog: deadlock: {deadlock}\n")
    dump_threads(sys.stderr)


def watchdog(interval=5.0, hook=None):
    """Starts a daemon thread that looks for deadlocks every ``interval`` seconds and calls
    ``hook(cycle)`` (a list of WaitLink) once per new one; by default it writes the cycle and the
    thread dump to ``sys.stderr``. Off unless started; returns a Watchdog to stop it."""
    if isinstance(interval, bool) or not isinstance(interval, (int, float)):
        raise TypeError(f"interval must be a number, not {type(interval).__name__}")
    if not interval > 0:
        raise ValueError("interval must be positive")
    java_hook = _callbacks.register(
        _report_to_stderr if hook is None else lambda deadlock: hook(_cycle(deadlock)))
    seconds = int(interval)
    nanos = int(round((interval - seconds) * 1e9))
    return Watchdog(_Threads.startWatchdog(_Duration.ofSeconds(seconds, nanos), java_hook))
