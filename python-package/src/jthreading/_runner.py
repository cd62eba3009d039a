"""Runs the program given to ``jthreading run`` the way ``python`` would (inside the JVM)."""

import os
import runpy
import sys


def main(java_args):
    args = [str(a) for a in java_args]
    try:
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
        sys.excepthook(type(error), error, error.__traceback__)
        status = 1
    _await_non_daemon_threads()
    _flush()
    return status


def _await_non_daemon_threads():
    """As CPython does before it exits: non-daemon threads jthreading started run to their end."""
    if "jthreading._threads" in sys.modules:
        from jthreading._embedding import java_class

        java_class("io.jthreading.Threads").awaitNonDaemonThreads()


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
