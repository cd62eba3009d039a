"""Runs the program given to ``jthreading run`` the way ``python`` would (inside the JVM)."""

import os
import runpy
import signal
import sys

from jthreading import _dump, _sigint
from jthreading._versions import THREAD_HANDLES

#: main()'s status after an uncaught KeyboardInterrupt: the launcher (io.jthreading.python.
#: Launcher) then ends the process by SIGINT, as CPython does: a parent sees it killed by it.
DIED_OF_SIGINT = -signal.SIGINT


def main(java_args):
    args = [str(a) for a in java_args]
    drop_in = args[0] == "--patch" or os.environ.get("JTHREADING_PATCH") == "1"
    if args[0] == "--patch":
        del args[0]
    try:
        _dump.remember_native_id()
        _sigint.start()  # Ctrl-C is KeyboardInterrupt in this thread from here on
        _become_threadings_main_thread()
        if drop_in:
            import jthreading
            jthreading.patch()  # after the line above: patch() sees threading's main thread
        if args[0] == "-m":
            sys.argv = [args[1], *args[2:]]  # runpy puts the module's path in argv[0]
            sys.path.insert(0, os.getcwd())
            runpy.run_module(args[1], run_name="__main__", alter_sys=True)
        else:
            if not os.path.exists(args[0]):
                print(f"{sys.executable}: can't open file {os.path.abspath(args[0])!r}: "
                      f"[Errno 2] No such file or directory", file=sys.stderr)
                return 2
            sys.argv = list(args)
            sys.path.insert(0, os.path.dirname(os.path.abspath(args[0])))
            runpy.run_path(args[0], run_name="__main__")
        status = 0
    except SystemExit as stop:
        status = _exit_status(stop.code)
    except BaseException as error:
        # The hook prints the exception's own __traceback__, so trim that one.
        error.__traceback__ = _user_frames(error.__traceback__)
        status = DIED_OF_SIGINT if isinstance(error, KeyboardInterrupt) else 1
        try:
            sys.excepthook(type(error), error, error.__traceback__)
        except KeyboardInterrupt:
            pass  # a second Ctrl-C while printing the first
    try:
        _await_non_daemon_threads()
    except KeyboardInterrupt as error:
        # CPython: Ctrl-C in threading._shutdown is reported, then the process exits anyway.
        _report_ignored(error, sys.modules["jthreading"])
    _run_atexit_calls()
    _sigint.finish()
    _flush()
    return status


def _become_threadings_main_thread():
    """Make CPython's own threading take the script's thread for its main thread, as under
    ``python``. Jep imported threading on an internal thread of its own, which threading calls
    main; the script's thread would be a dummy thread, a daemon, and a threading.Thread made
    here would be a daemon too, and nobody would wait for non-daemon ones at exit."""
    from jthreading import _cpython_threading as threading  # even in drop-in mode

    jeps = threading.main_thread()
    if threading.current_thread() is jeps:
        return
    me = threading.get_ident()
    main = threading._MainThread()  # registers itself in threading._active
    with threading._active_limbo_lock:
        if main.ident != me:
            # 3.13's _MainThread takes the ident of the thread that initialised Python (Jep's)
            # and a handle for it: give it this thread's, as it would have under ``python``.
            threading._active.pop(main.ident, None)
            main._ident = me
            main._handle = threading._make_thread_handle(me)
        # Jep's thread is no longer threading's business: not listed, not waited for at exit.
        if threading._active.get(jeps.ident) is jeps:
            del threading._active[jeps.ident]
        threading._active[me] = main
    threading._main_thread = main
    if not THREAD_HANDLES:
        # Before 3.13, _shutdown() waits for the _tstate_lock of every non-daemon thread.
        with threading._shutdown_locks_lock:
            threading._shutdown_locks.discard(jeps._tstate_lock)


def _await_non_daemon_threads():
    """As CPython does before it exits: non-daemon threads run to their end, those of CPython's
    threading (its _shutdown, which also runs threading's atexit calls) and jthreading's. In
    drop-in mode jthreading's _shutdown does both, after the atexit calls registered with it
    (concurrent.futures stops its workers so)."""
    from jthreading import _cpython_threading as threading  # even in drop-in mode

    dropin = sys.modules.get("jthreading._dropin")
    if dropin is not None and dropin.is_patched():
        sys.modules["jthreading"]._shutdown()
        return
    if threading.main_thread() is threading.current_thread():
        threading._shutdown()
    if "jthreading._threads" in sys.modules:
        from jthreading import _border
        from jthreading._embedding import java_class

        try:
            java_class("io.jthreading.Threads").awaitNonDaemonThreads()
        except Exception as error:
            raise _border.python_error(error) from None


def _run_atexit_calls():
    """Python's atexit calls (logging.shutdown flushes handlers so), after the threads, as
    CPython's exit does: the JVM exits without finalizing Python, which would run them."""
    import atexit

    try:
        atexit._run_exitfuncs()  # it reports a failing call and goes on, as at exit
    except KeyboardInterrupt:
        pass


def _report_ignored(error, where):
    """What CPython's PyErr_WriteUnraisable prints for an exception it cannot raise."""
    import traceback

    try:
        print(f"Exception ignored in: {where!r}", file=sys.stderr)
        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    except KeyboardInterrupt:
        pass


def _user_frames(tb):
    """The traceback without the launcher's own frames, as python would print it."""
    ours = {os.path.normcase(runpy.__file__), os.path.normcase(__file__), "<frozen runpy>"}
    while tb is not None and os.path.normcase(tb.tb_frame.f_code.co_filename) in ours:
        tb = tb.tb_next
    return tb


def _exit_status(code):
    """What CPython's exit does with a SystemExit code."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
