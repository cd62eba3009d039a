"""What excepthook prints, against CPython's own hook: the same arguments, the same text.

CPython's hook is C, and what it prints changed with the versions: 3.13 prints the traceback as
an uncaught exception (to sys.stderr, or sys.__stderr__ when that is None; "NoneType: None" for
a value of None), earlier versions print it to the hook's file (sys.stderr, else the thread's
saved _stderr) and complain about any value that is not an exception.
"""

import io
import re
import sys
import threading

import pytest

import jthreading


def _raised(error):
    try:
        raise error
    except BaseException as caught:
        return caught


def _other_traceback():
    return _raised(KeyError("elsewhere")).__traceback__


class Named:
    """A thread-like object: a name, and the stderr a Thread saves when it is made."""

    def __init__(self, name, stderr=None):
        self.name = name
        self._stderr = stderr


class Nameless:
    pass


#: (label, ExceptHookArgs items but the thread, thread maker, sys.stderr is None?)
CASES = [
    ("exception and its own traceback", lambda: _with_own(ValueError("v")), "named", False),
    ("another traceback than the value's", lambda: _with_own(ValueError("v"), other=True),
     "named", False),
    ("a value without a traceback", lambda: (ValueError, ValueError("t"), _other_traceback()),
     "named", False),
    ("no traceback at all", lambda: (ValueError, ValueError("n"), None), "named", False),
    ("value None", lambda: (ValueError, None, None), "named", False),
    ("value not an exception", lambda: (ValueError, "text", None), "named", False),
    ("value of a class of ours", lambda: (ValueError, Nameless(), None), "named", False),
    ("thread named None", lambda: _with_own(ValueError("v")), "named None", False),
    ("thread without a name", lambda: _with_own(ValueError("v")), "nameless", False),
    ("no thread", lambda: _with_own(ValueError("v")), "none", False),
    ("SystemExit", lambda: _with_own(SystemExit(3)), "named", False),
    ("no sys.stderr: the thread's", lambda: _with_own(ValueError("v")), "named", True),
    ("no sys.stderr, value None", lambda: (ValueError, None, None), "named", True),
    ("no sys.stderr and none saved", lambda: _with_own(ValueError("v")), "named no stderr",
     True),
    ("no sys.stderr, no _stderr", lambda: _with_own(ValueError("v")), "nameless", True),
    ("no sys.stderr, no thread", lambda: _with_own(ValueError("v")), "none", True),
]


def _with_own(error, other=False):
    error = _raised(error)
    return (type(error), error, _other_traceback() if other else error.__traceback__)


def _thread(kind, saved):
    return {"named": lambda: Named("worker", saved), "named None": lambda: Named(None, saved),
            "named no stderr": lambda: Named("worker", None), "nameless": Nameless,
            "none": lambda: None}[kind]()


def _run(hook, items, thread_kind, no_stderr, capfd):
    """(outcome, what went to sys.stderr, to the thread's saved stderr, to the process's fd 2)"""
    shown, saved = io.StringIO(), io.StringIO()
    args = threading.ExceptHookArgs([*items, _thread(thread_kind, saved)])
    capfd.readouterr()
    previous = sys.stderr
    sys.stderr = None if no_stderr else shown
    try:
        hook(args)
        result = "ok"
    except Exception as error:
        result = f"{type(error).__name__}: {error}"
    finally:
        sys.stderr = previous
        args = None
    return result, _same_shape(shown.getvalue()), _same_shape(saved.getvalue()), \
        _same_shape(capfd.readouterr().err)


def _same_shape(text):
    # A nameless thread is named by its ident, which differs between the two modules.
    return re.sub(r"Exception in thread \d+:", "Exception in thread <ident>:", text)


@pytest.mark.parametrize("label, items, thread_kind, no_stderr", CASES,
                         ids=[case[0] for case in CASES])
def test_excepthook_prints_what_cpythons_prints(label, items, thread_kind, no_stderr, capfd):
    arguments = items()  # one exception, one traceback, for both hooks
    theirs = _run(threading.__excepthook__, arguments, thread_kind, no_stderr, capfd)
    ours = _run(jthreading.__excepthook__, arguments, thread_kind, no_stderr, capfd)
    assert ours == theirs
