"""jthreading.excepthook: what happens to an exception that escapes a Thread's run()."""

import _thread
import sys
import traceback
import types

from jthreading._arguments import exactly_one_argument
from jthreading._versions import EXCEPTHOOK_TRACEBACK_AS_UNCAUGHT

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
        if thread is None:
            return
        stderr = thread._stderr  # CPython's AttributeError if the thread has none
        if stderr is None:
            return
    name = getattr(thread, "name", _NO_NAME) if thread is not None else _NO_NAME
    if name is _NO_NAME:  # CPython then names the thread by its ident (a name of None is "None")
        from jthreading._threads import get_ident
        name = get_ident()
    print(f"Exception in thread {name}:", file=stderr, flush=True)
    _print_traceback(args.exc_value, args.exc_traceback, stderr)
    stderr.flush()


_NO_NAME = object()


def _print_traceback(value, tb, file):
    """What CPython's C hook prints after the first line (_PyErr_Display): ``value`` with its own
    traceback, ``tb`` only if it has none; the type CPython is given is not used."""
    if isinstance(value, BaseException) and isinstance(tb, types.TracebackType) \
            and value.__traceback__ is None:
        value.__traceback__ = tb
    if EXCEPTHOOK_TRACEBACK_AS_UNCAUGHT:
        # 3.13 prints it as an uncaught exception (colour, sys.stderr); if that fails (a value
        # that is no exception), C prints it to the hook's file itself, as below.
        try:
            traceback._print_exception_bltin(value)
            return
        except Exception:
            pass
    if isinstance(value, BaseException):
        traceback.print_exception(type(value), value, value.__traceback__, file=file)
    else:
        print("TypeError: print_exception(): Exception expected for value, "
              f"{_c_type_name(type(value))} found", file=file)


def _c_type_name(cls):
    """The name C gives a type (tp_name): a class made in Python by its name alone, a type
    written in C (not a builtin) with its module."""
    if cls.__flags__ & _HEAP_TYPE or cls.__module__ == "builtins":
        return cls.__name__
    return f"{cls.__module__}.{cls.__qualname__}"


_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE


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


def report_escaped(thread, error):
    """What CPython's C thread bootstrap does with an exception escaping ``_bootstrap`` (the
    excepthook failed, then sys.excepthook too): sys.unraisablehook, "Exception ignored in thread
    started by"; SystemExit silently. For threads on Java threads, which have no such C frame."""
    if isinstance(error, SystemExit):
        return
    from jthreading._fastpath import _native

    if _native is not None:
        _native.write_unraisable_in_thread(error, thread._bootstrap)
        return
    # No native glue: what the default unraisablehook prints.
    stderr = sys.stderr if sys.stderr is not None else thread._stderr
    if stderr is not None:
        print(f"Exception ignored in thread started by: {thread._bootstrap!r}", file=stderr)
        traceback.print_exception(type(error), error, error.__traceback__, file=stderr)
        stderr.flush()
