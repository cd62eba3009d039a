"""Entry points Java calls on its threads (io.jthreading.python.PythonRuntime attaches them).

EmbeddedPython puts these in its interpreter's globals under dunder names; Java threads attached
to it share those globals. Arguments and results cross as Jep converts them.
"""

from jthreading import _callbacks, _fastpath
from jthreading._dump import python_stacks  # noqa: F401  (Java's __jthreading_python_stacks__)


def attached():
    """First call on each thread PythonRuntime attaches. Jep's close of an attachment runs a full
    garbage collection (milliseconds: once per jthreading.Thread); CPython collects nothing when
    a thread ends, and neither do we (skip_collection_at_close in native-glue: why it is safe)."""
    if _fastpath.ENABLED:
        _fastpath.skip_collection_at_close()


def call(key, args):
    """A registered callable with Java's arguments (a Java Object[])."""
    return _callbacks.lookup(key)(*list(args))


def truth(key):
    return bool(_callbacks.lookup(key)())


def run_thread(key):
    """Runs the jthreading.Thread registered under ``key`` on the calling (Java) thread."""
    from jthreading._threads import run_started_thread

    run_started_thread(key)


def new_local():
    from jthreading._local import local

    return local()


def local_get(local, name):
    """``[value]`` of the calling thread's attribute, ``[]`` if it has none (a Java array)."""
    try:
        return [getattr(local, name)]
    except AttributeError:
        return []


def local_has(local, name):
    return hasattr(local, name)


def local_set(local, name, value):
    setattr(local, name, value)


def local_delete(local, name):
    try:
        delattr(local, name)
        return True
    except AttributeError:
        return False
