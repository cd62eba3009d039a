"""jthreading.Thread, Timer and the module's thread functions, over io.jthreading.JThread.

Thread is a plain Python class (CPython's Thread is subclassed with run(), which a Java object
cannot be) holding a JThread, where the lifecycle lives: NEW, STARTING, RUNNING, STOPPED, the
name, the daemon flag, the ident, and joins.

A Python target runs on a Java thread: the JThread's target is a PythonThreadBody, which runs
this Thread (found by its key) attached to Python, so Java and Python start it the same way
(JThread.start()). Only if no Python runtime is registered for Java threads (a host that did
not use EmbeddedPython) does the Thread start on a thread of _thread's instead, and tell Java
through JThread.bootstrap() and finish().
"""

import _thread
import functools
import itertools
import operator
import sys
import types
import warnings
import weakref

from jthreading._embedding import java_class

_JThread = java_class("io.jthreading.JThread")
_JavaTimer = java_class("io.jthreading.Timer")
_Threads = java_class("io.jthreading.Threads")
_PythonRuntime = java_class("io.jthreading.python.PythonRuntime")
_PythonThreadBody = java_class("io.jthreading.python.PythonThreadBody")

from jthreading import _border, _dump, _excepthook, _fastpath, _thread_exit
from jthreading._arguments import no_arguments
from jthreading._pytime import join_timeout_ns, wait_timeout_ns
from jthreading._versions import (DUMMY_THREAD_ERRORS_ARE_RUNTIME_ERRORS, HAS_ALL_THREADS_HOOKS,
                                  JOIN_OF_AN_ENDED_THREAD_CONVERTS_TIMEOUT)

_get_ident = _Threads.getIdent

#: Per Python thread state (so it goes with the thread, and a Java thread's next attachment to
#: Python starts afresh): the thread's ident and Python Thread object, once asked. A thread keeps
#: both for its life; C's get_ident and current_thread read the same cache.
_this_thread = _thread._local()


def get_ident(*args, **kwargs):
    """The calling thread's ident: its Java thread id, the same number in Java."""
    if args or kwargs:
        no_arguments("_thread.get_ident", args, kwargs)
    try:
        return _this_thread.ident
    except AttributeError:
        ident = _this_thread.ident = _get_ident()
        return ident

get_native_id = _thread.get_native_id  # the OS thread id, as Java's JThread.nativeId()

_trace_hook = None
_profile_hook = None

#: jthreading Threads by JThread id (current_thread(), enumerate()).
_threads_by_handle = weakref.WeakValueDictionary()
#: Records of threads jthreading did not start (main, dummies, Java-started), by JThread id,
#: until enumerate() sees their thread gone.
_records = {}
#: Threads by the key their PythonThreadBody carries, held from creation until their run ends:
#: Java code may start a Thread whose Python object nobody else holds (a plugin hands its
#: JThread to the host). The price: a Thread that is never started stays here.
_threads_by_key = {}
_keys = itertools.count(1)
#: Every Thread made and not yet collected: CPython's threading._dangling, which test.support
#: compares before and after a test (drop-in mode exports it).
_dangling = weakref.WeakSet()


def _call(java_method, *args):
    try:
        return java_method(*args)
    except Exception as error:
        raise _border.python_error(error) from None


class Thread:
    """A thread of control: CPython's threading.Thread, with its state kept in Java."""

    _initialized = False
    #: Has join(), is_alive() or repr() seen this thread ended? (see join)
    _end_seen = False
    #: What never changes once known, asked from Java once: the ident and native id (once
    #: started), the daemon flag (fixed at start).
    _known_ident = None
    _known_native_id = None
    _daemon_when_started = None
    #: The name as last read, and Java's rename count when it was read (see name).
    _name = None
    _name_read_at = None
    _rename_count = None

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        unnamed_suffix = ""
        if name:
            name = str(name)
        else:
            name = None  # CPython's "Thread-N (target)": N from Java's counter, in the handle's call
            if target is not None:
                try:
                    unnamed_suffix = f" ({target.__name__})"
                except AttributeError:
                    pass
            counter = _counter_override()
            if counter is not None:
                name = f"Thread-{counter()}{unnamed_suffix}"
        self._target = target
        self._args = args
        self._kwargs = kwargs
        if daemon is None:
            daemon = current_thread().daemon  # CPython's default (and it records this thread)
        self._key = next(_keys)
        self._on_java_thread = _python_runtime_available()
        self._handle = self._new_handle(name, unnamed_suffix, bool(daemon))
        self._stderr = sys.stderr
        self._initialized = True
        _threads_by_key[self._key] = self
        _threads_by_handle[self._handle.id()] = self
        _dangling.add(self)

    def _new_handle(self, name, unnamed_suffix, daemon):
        if self._on_java_thread:
            return _PythonThreadBody.newThread(self._key, name, unnamed_suffix, daemon)
        return _JThread(None, _default_name(name, unnamed_suffix), daemon)

    def start(self):
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._on_java_thread:
            _call(self._handle.start)  # a Java thread, attached to Python, runs it
        else:
            self._start_on_a_python_thread()

    def _start_on_a_python_thread(self):
        handle = self._handle
        _call(handle.markStarting)
        try:
            _thread.start_new_thread(self._bootstrap, ())
        except BaseException:
            handle.abortStart()
            raise
        handle.awaitStarted()

    def _bootstrap(self):
        handle = self._handle
        _thread_exit.register_current_thread()  # leave the JVM when this thread ends
        try:
            handle.bootstrap()
            self._run_here()
        finally:
            handle.finish()
            _threads_by_key.pop(self._key, None)

    def _run_here(self):
        """What CPython's _bootstrap_inner does around run(): hooks, and the excepthook."""
        if _trace_hook is not None:
            sys.settrace(_trace_hook)
        if _profile_hook is not None:
            sys.setprofile(_profile_hook)
        try:
            self.run()
        except BaseException:
            _excepthook.invoke(self)

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            # Break reference cycles through the target and its arguments (as CPython does).
            del self._target, self._args, self._kwargs

    def join(self, timeout=None):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        handle = self._handle
        _call(handle.checkJoinable)
        if self._end_seen and not JOIN_OF_AN_ENDED_THREAD_CONVERTS_TIMEOUT:
            if timeout is not None:
                max(timeout, 0)  # before 3.13 only this reads the timeout (a TypeError)
            return
        if _call(handle.joinNanos, join_timeout_ns(timeout)):
            self._end_seen = True

    def is_alive(self):
        assert self._initialized, "Thread.__init__() not called"
        if self._end_seen:
            return False
        alive = self._handle.isAlive()
        if not alive and not self._end_seen:
            self._end_seen = str(self._handle.status()) == "stopped"
        return alive

    @property
    def name(self):
        assert self._initialized, "Thread.__init__() not called"
        # Java may rename the thread too: with the fast path the name is read again only when
        # Java's rename count (shared memory, read in C) has moved since the last read.
        count = self._rename_count
        if count is not None:
            renames = count()
            if renames == self._name_read_at:
                return self._name
        elif _fastpath.ENABLED:
            self._rename_count = functools.partial(_fastpath.load,
                                                   self._handle.renameCountAddress())
            renames = self._rename_count()
        else:
            renames = None
        name = self._name = str(self._handle.getName())
        self._name_read_at = renames  # read before the name: a rename in between shows next time
        return name

    @name.setter
    def name(self, name):
        assert self._initialized, "Thread.__init__() not called"
        self._handle.setName(str(name))

    @property
    def ident(self):
        assert self._initialized, "Thread.__init__() not called"
        ident = self._known_ident
        if ident is None:
            ident = self._known_ident = self._handle.ident()
        return ident

    @property
    def native_id(self):
        assert self._initialized, "Thread.__init__() not called"
        native_id = self._known_native_id
        if native_id is None:
            native_id = self._known_native_id = self._handle.nativeId()
        return native_id

    @property
    def daemon(self):
        assert self._initialized, "Thread.__init__() not called"
        daemon = self._daemon_when_started
        if daemon is None:
            daemon = self._handle.isDaemon()
            if self.ident is not None:  # started: the flag can no longer change
                self._daemon_when_started = daemon
        return daemon

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        _call(self._handle.setDaemon, bool(daemonic))

    def isDaemon(self):
        warnings.warn("isDaemon() is deprecated, get the daemon attribute instead",
                      DeprecationWarning, stacklevel=2)
        return self.daemon

    def setDaemon(self, daemonic):
        warnings.warn("setDaemon() is deprecated, set the daemon attribute instead",
                      DeprecationWarning, stacklevel=2)
        self.daemon = daemonic

    def getName(self):
        warnings.warn("getName() is deprecated, get the name attribute instead",
                      DeprecationWarning, stacklevel=2)
        return self.name

    def setName(self, name):
        warnings.warn("setName() is deprecated, set the name attribute instead",
                      DeprecationWarning, stacklevel=2)
        self.name = name

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        handle = self._handle
        status = str(handle.status())
        if status == "stopped":
            self._end_seen = True  # CPython's repr asks is_alive()
        if handle.isDaemon():
            status += " daemon"
        ident = handle.ident()
        if ident is not None:
            status += f" {ident}"
        return f"<{type(self).__name__}({handle.getName()}, {status})>"


def _counter_override():
    """The module's _counter when drop-in mode exports it (tests replace it, as CPython's): it
    then numbers the "Thread-N" names instead of Java's counter (shared with Java's and dummy
    threads' names)."""
    return getattr(sys.modules.get("jthreading"), "_counter", None)


def _default_name(name, unnamed_suffix):
    return name if name is not None else f"Thread-{int(_Threads.newName(''))}{unnamed_suffix}"


def run_started_thread(key):
    """Java's PythonThreadBody: runs the Thread with ``key`` on the calling Java thread."""
    _dump.remember_native_id()
    thread = _threads_by_key[key]
    try:
        thread._run_here()
    except BaseException as error:  # the excepthook's own report failed: not Java's business
        _excepthook.report_escaped(thread, error)
    finally:
        del _threads_by_key[key]


class Timer(Thread):
    """Calls a function after a number of seconds, unless cancelled: CPython's Timer."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = self._handle.finished()

    def _new_handle(self, name, unnamed_suffix, daemon):
        if self._on_java_thread:
            return _PythonThreadBody.newTimer(self._key, name, unnamed_suffix, daemon)
        return _JavaTimer(None, _default_name(name, unnamed_suffix), daemon)

    def cancel(self):
        self._handle.cancel()

    def run(self):
        if _call(self._handle.awaitDue, wait_timeout_ns(self.interval)):
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _ThreadRecord(Thread):
    """A thread jthreading did not start (main, dummy, Java-started): a view of its JThread."""

    def __init__(self, handle):
        self._handle = handle
        self._target = None
        self._stderr = sys.stderr
        self._initialized = True

    def start(self):
        raise RuntimeError("threads can only be started once")


class _MainThread(_ThreadRecord):
    pass


class _DummyThread(_ThreadRecord):
    def join(self, timeout=None):
        if DUMMY_THREAD_ERRORS_ARE_RUNTIME_ERRORS:
            raise RuntimeError("cannot join a dummy thread")
        raise AssertionError("cannot join a dummy thread")


class _JavaThread(_ThreadRecord):
    """A JThread that Java made and started (a Java Runnable, say): joinable like any Thread."""


_runtime_seen = []


def _python_runtime_available():
    """Can a Java thread run Python (a PythonRuntime registered)? Once it could, it can: the
    runtime goes only with the interpreter."""
    if not _runtime_seen and _PythonRuntime.isAvailable():
        _runtime_seen.append(True)
    return bool(_runtime_seen)


def _python_thread(handle):
    key = handle.id()
    thread = _threads_by_handle.get(key) or _records.get(key)
    if thread is None:
        if key == _Threads.mainThread().id():
            thread = _MainThread(handle)
        elif handle.isStartedByJthreading():
            thread = _JavaThread(handle)
        else:
            thread = _DummyThread(handle)
        thread = _records.setdefault(key, thread)
    return thread


def _thread_for_ident(ident):
    """The Thread object of a live thread jthreading has a record of, else None."""
    handle = _Threads.recordOf(ident)
    return None if handle is None else _python_thread(handle)


def current_thread():
    try:
        return _this_thread.thread
    except AttributeError:
        pass
    _dump.remember_native_id()
    handle = _Threads.currentIfKnown()
    if handle is None:
        handle = _record_current_thread()
    thread = _this_thread.thread = _python_thread(handle)
    return thread


def _record_current_thread():
    """First sight of a thread jthreading did not start: if CPython's threading started it, it
    keeps the name and daemon flag threading gave it, in both languages."""
    from jthreading import _cpython_threading as threading  # CPython's, even in drop-in mode

    theirs = threading._active.get(threading.get_ident())
    if theirs is not None and not isinstance(theirs, threading._DummyThread):
        return _Threads.adoptCurrent(theirs.name, theirs.daemon)
    return _Threads.current()


#: The main thread's Python object, once asked (C's main_thread reads it too).
_main = types.SimpleNamespace()


def main_thread():
    try:
        return _main.thread
    except AttributeError:
        thread = _main.thread = _python_thread(_Threads.mainThread())
        return thread


def enumerate():
    # Java names the live threads by id; only a thread this side has no object for yet makes
    # the JThreads cross (once: the object is kept from then on).
    live_keys = list(_Threads.enumerateIds())
    alive = []
    for key in live_keys:
        thread = _threads_by_handle.get(key) or _records.get(key)
        if thread is None:
            return _enumerate_by_handles()
        alive.append(thread)
    if len(_records) > len(live_keys) or not _records.keys() <= set(live_keys):
        _forget_ended_records(live_keys)
    return alive


def _enumerate_by_handles():
    alive = [_python_thread(handle) for handle in _Threads.enumerate()]
    _forget_ended_records([thread._handle.id() for thread in alive])
    return alive


def _forget_ended_records(live_keys):
    live_keys = set(live_keys)
    for key in list(_records):
        if key not in live_keys:
            del _records[key]  # the record's thread has ended


def active_count():
    return _Threads.activeCount()  # a Java int: Jep gives a Python int


def currentThread():
    warnings.warn("currentThread() is deprecated, use current_thread() instead",
                  DeprecationWarning, stacklevel=2)
    return current_thread()


def activeCount():
    warnings.warn("activeCount() is deprecated, use active_count() instead",
                  DeprecationWarning, stacklevel=2)
    return active_count()


def settrace(func):
    """Trace function for threads jthreading starts from now on."""
    global _trace_hook
    _trace_hook = func


def gettrace():
    return _trace_hook


def setprofile(func):
    """Profile function for threads jthreading starts from now on."""
    global _profile_hook
    _profile_hook = func


def getprofile():
    return _profile_hook


if HAS_ALL_THREADS_HOOKS:
    def settrace_all_threads(func):
        """Trace function for threads jthreading starts from now on and for every Python thread
        running now: jthreading's threads run attached to this interpreter, so they are among
        them (as in CPython 3.12, the second half is sys._settraceallthreads)."""
        settrace(func)
        sys._settraceallthreads(func)

    def setprofile_all_threads(func):
        """Profile function for threads jthreading starts from now on and for every Python
        thread running now (see settrace_all_threads)."""
        setprofile(func)
        sys._setprofileallthreads(func)


def stack_size(*size, **kwargs):
    """stack_size([size]): sets the stack size for new threads in both languages (0, also when
    no size is given: the platform's); returns the old one."""
    if kwargs:
        no_arguments("stack_size", (), kwargs)
    if len(size) > 1:
        raise TypeError(f"stack_size() takes at most 1 argument ({len(size)} given)")
    requested = operator.index(size[0]) if size else 0
    if not -(1 << 63) <= requested < (1 << 63):
        raise OverflowError("Python int too large to convert to C ssize_t")
    old = _call(_Threads.stackSize, requested)
    _thread.stack_size(requested)  # threads started with _thread (Python targets) use it too
    return int(old)


# With the fast path, these answer in C from the caches above (or, for get_ident, from the Java
# thread id C caches per thread); the Python versions fill the caches and answer the rest.
get_ident = _fastpath.function(get_ident, "get_ident")
current_thread = _fastpath.function(current_thread, "cached", (_this_thread, "thread"))
main_thread = _fastpath.function(main_thread, "cached", (_main, "thread"))
