"""jthreading.excepthook: what happens to an exception that escapes a Thread's run()."""

import _thread
import sys
import traceback

from jthreading._arguments import exactly_one_argument

#: CPython's structseq type, so hooks written for threading accept our arguments and ours.
ExceptHookArgs = _thread._ExceptHookArgs


def excepthook(*arguments, **kwargs):
    """excepthook(args): prints "Exception in thread NAME:" and the traceback; ignores
    SystemExit."""
    args = exactly_one_argument("_thread._excepthook", arguments, kwargs, "one argument")
    if type(args) is not ExceptHookArgs:
        raise TypeError("_thread.excepthook argument type must be ExceptHookArgs")
    if args.exc_type is SystemExit:
        return  # a thread may end itself with sys.exit() silently
    thread = args.thread
    stderr = sys.stderr
    if stderr is None:
        stderr = getattr(thread, "_stderr", None)
        if stderr is None:
            return
    name = getattr(thread, "name", None) if thread is not None else None
    if name is None:
        from jthreading._threads import get_ident
        name = get_ident()
    print(f"Exception in thread {name}:", file=stderr, flush=True)
    traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback, file=stderr)
    stderr.flush()


def invoke(thread):
    """Runs the module's current excepthook for the exception being handled in ``thread``;
    if the hook itself fails, reports that through sys.excepthook, as CPython does."""
    import jthreading

    args = None
    try:
        hook = getattr(jthreading, "excepthook", None) or excepthook
        args = ExceptHookArgs([*sys.exc_info(), thread])
        hook(args)
    except Exception as failure:
        failure.__suppress_context__ = True
        stderr = sys.stderr if sys.stderr is not None else thread._stderr
        print("Exception in threading.excepthook:", file=stderr, flush=True)
        (sys.excepthook or sys.__excepthook__)(*sys.exc_info())
    finally:
        args = None
