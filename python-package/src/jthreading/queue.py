"""jthreading.queue: Python's ``queue`` over queues shared with Java (io.jthreading.queue).

``Queue``, ``LifoQueue`` and ``PriorityQueue`` *are* the Java objects (io.jthreading.queue.
SharedQueue, SharedLifoQueue, SharedPriorityQueue, all java.util.concurrent.BlockingQueues)
and subclass ``queue.Queue`` & co. too, so ``isinstance(q, queue.Queue)`` holds and Java code
given ``q`` gets the very BlockingQueue. The algorithm (CPython's) lives in Java, once; this
module only parses arguments as CPython does and raises CPython's exceptions (``Empty``,
``Full`` and ``ShutDown`` are the ``queue`` module's own classes).

Items: a Java object crosses as itself. A Python object is registered in ``_handles`` and the
queue keeps its key, so whichever thread gets it gets the very object; Java sees a
PythonObject handle. One Java call per put and per get: the put hands Java the key, the get
returns the key (the item itself only when it is a Java object or a handle Java has seen).
"""

import operator
import queue as _queue
import types
from time import monotonic as _time

from jthreading._embedding import inside_jep

if not inside_jep():
    raise ImportError("jthreading.queue needs the JVM: run the program with `jthreading run "
                      "SCRIPT` (or embed Python from Java with io.jthreading.python.EmbeddedPython)")

from jthreading import _border, _callbacks, _fastpath, _handles, _versions
from jthreading import _queue_entry
from jthreading._queue_entry import JAVA_TYPES as _JAVA_TYPES
from jthreading._arguments import no_arguments
from jthreading._embedding import java_class
from jthreading._pytime import FOREVER as _FOREVER, timeout_ns, wait_timeout_ns
from jthreading._queue_order import less as _less

_SharedQueue = java_class("io.jthreading.queue.SharedQueue")
_SharedLifoQueue = java_class("io.jthreading.queue.SharedLifoQueue")
_SharedPriorityQueue = java_class("io.jthreading.queue.SharedPriorityQueue")
_SharedSimpleQueue = java_class("io.jthreading.queue.SharedSimpleQueue")
java_class("io.jthreading.queue.PythonLess").install(_callbacks.register(_less))

Empty = _queue.Empty
Full = _queue.Full
if _versions.QUEUE_SHUTDOWN:
    ShutDown = _queue.ShutDown
else:
    class ShutDown(Exception):
        """Raised by put and get of a queue that Java shut down (Python 3.13's queue.ShutDown)."""

__all__ = list(_queue.__all__)

_java = _JAVA_TYPES["SharedQueue"].__dict__
_python_taken = _queue_entry.python_taken
_snapshot = _java["pythonSnapshot"]
_task_done = _java["taskDone"]
_join = _java["join"]
_size = _java["size"]
_is_full = _java["isFull"]
_is_shutdown = _java["isShutdown"]
_shutdown = _java["shutdown"]
_maxsize = _java["maxsize"]
_set_maxsize = _java["setMaxsize"]
_unfinished = _java["unfinishedTasks"]

_from_java = _handles.from_java
_failure = _less.failure  # the exception of the calling thread's last failed comparison

# The hot path inlines _handles.register (a function call costs as much as the rest): a new
# key, the object under it, and every 64th key the release of what Java has dropped.
_registry = _handles._registry
_keys = _handles._keys
_claim = _handles.claim
_release_collected = _handles.release_collected
_DRAIN_MASK = _handles.DRAIN_MASK
_JAVA_METATYPE = _handles._JAVA_METATYPE
_JAVA_ARRAY = _handles._JAVA_ARRAY

# Python results of the Java methods (SharedQueue.PUT_*, GET_*).
_PUT_DONE, _PUT_FULL, _PUT_SHUT_DOWN, _PUT_COMPARISON_FAILED, _PUT_BUSY = 0, 1, 2, 3, 4
_GET_TAKEN, _GET_EMPTY, _GET_SHUT_DOWN, _GET_COMPARISON_FAILED, _GET_BUSY = 0, -1, -2, -3, -4
_NO_WAIT = 0
#: Timeout types whose valid values (>= 0; NaN is not) raise nothing in CPython's timed put/get
#: before it looks at the queue.
_PLAIN_TIMEOUTS = (int, float)
_LONG_MAX = (1 << 63) - 1


class _JavaMethods:
    """The Java methods a façade's put and get call (SharedQueue's or SharedSimpleQueue's)."""

    def __init__(self, java_type):
        methods = java_type.__dict__
        self.put = methods["pythonPut"]  # (key): waits as long as it takes
        self.put_nowait = methods.get("pythonPutNowait", self.put)
        self.put_within = methods.get("pythonPutWithin")
        self.put_java = methods["pythonPutJava"]
        self.get = methods["pythonGet"]
        self.get_nowait = methods["pythonGetNowait"]
        self.get_within = methods["pythonGetWithin"]


def _put_java(q, methods, item, wait):
    """Puts a Java object (it crosses as itself), waiting as decided."""
    try:
        status = methods.put_java(q, item, wait)
    except Exception as error:
        raise _border.python_error(error) from None
    if status:
        _raise_put(status)


def _put_within(q, item, wait):
    """A Queue's put with the wait decided (0 or a positive time)."""
    if type(type(item)) is _JAVA_METATYPE or type(item) is _JAVA_ARRAY:
        return _put_java(q, _QUEUE, item, wait)
    key = _handles.register(item)
    try:
        status = _QUEUE.put_within(q, key, wait)
    except Exception as error:
        _claim(key, None)
        raise _border.python_error(error) from None
    if status:
        _put_failed(key, status)


def _put_failed(key, status):
    if status != _PUT_COMPARISON_FAILED:
        _claim(key, None)  # not stored: the registration is ours to drop
    _raise_put(status)


def _raise_put(status):
    if status == _PUT_FULL:
        raise Full
    if status == _PUT_SHUT_DOWN:
        raise ShutDown
    raise _failure()


def _got(result):
    """What a get returns (or raises) for a Java result that is no key."""
    if result == _GET_TAKEN:
        return _from_java(_python_taken())
    if result == _GET_EMPTY:
        raise Empty
    if result == _GET_SHUT_DOWN:
        raise ShutDown
    raise _failure()


def _get_within(q, methods, wait):
    try:
        result = methods.get_within(q, wait)
    except Exception as error:
        raise _border.python_error(error) from None
    return _claim(result) if result > 0 else _got(result)


def _remaining_ns(timeout):
    """CPython's timed wait: ``endtime = time() + timeout``, then a Condition wait of
    ``endtime - time()``, which converts and checks it as a lock timeout. Returns
    (nanoseconds, error): the error (an overflow) is what the wait raises, so CPython raises it
    only if it has to wait. NaN never reaches its deadline: CPython polls forever, we wait."""
    endtime = _time() + timeout
    remaining = endtime - _time()
    if remaining != remaining:
        return _FOREVER, None
    if remaining <= 0:
        return _NO_WAIT, None
    try:
        return wait_timeout_ns(remaining), None
    except (OverflowError, ValueError) as error:
        return _NO_WAIT, error


_QUEUE = _JavaMethods(_JAVA_TYPES["SharedQueue"])
_put_forever = _QUEUE.put
_put_nowait = _QUEUE.put_nowait
_get_forever = _QUEUE.get
_get_nowait = _QUEUE.get_nowait


class Queue(_JAVA_TYPES["SharedQueue"], _queue.Queue):
    """Create a queue object with a given maximum size.

    If maxsize is <= 0, the queue size is infinite. Same object as Java's
    io.jthreading.queue.SharedQueue (a java.util.concurrent.BlockingQueue).
    """

    _java_class = _SharedQueue

    def __new__(cls, *args, **kwargs):
        self = _border.canonical(cls._java_class())
        if type(self) is not cls:
            self.__class__ = cls  # a Python subclass
        return self

    def __init__(self, maxsize=0):
        self.maxsize = maxsize

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__module__ == __name__:
            return
        for name in ("_init", "_qsize", "_put", "_get"):
            if name in cls.__dict__:
                raise TypeError(
                    f"{cls.__name__} overrides {name}(): the storage of a jthreading.queue "
                    "queue lives in Java; subclass queue.Queue for a storage of your own")

    # -- state --------------------------------------------------------------------------------

    @property
    def maxsize(self):
        python = self.__dict__.get("_maxsize")
        return _maxsize(self) if python is None else python

    @maxsize.setter
    def maxsize(self, value):
        # Java keeps a long: an int as itself, a float rounded up (CPython's "0 < maxsize <=
        # qsize" is "qsize >= ceil(maxsize)"); the Python value is kept to be shown as given.
        if isinstance(value, float):
            bound = (_LONG_MAX if value > _LONG_MAX else -1 if value != value
                     else int(-(-value // 1)))
        else:
            try:
                bound = max(min(operator.index(value), _LONG_MAX), -_LONG_MAX)
            except TypeError:
                raise TypeError(f"'>' not supported between instances of "
                                f"'{type(value).__name__}' and 'int'") from None
        _set_maxsize(self, bound)
        if type(value) is int and value == bound:
            self.__dict__.pop("_maxsize", None)
        else:
            self.__dict__["_maxsize"] = value

    @property
    def mutex(self):
        return self.__class__._mutex(self)

    @property
    def not_empty(self):
        return self.__class__._not_empty(self)

    @property
    def not_full(self):
        return self.__class__._not_full(self)

    @property
    def all_tasks_done(self):
        return self.__class__._all_tasks_done(self)

    _mutex = _java["mutex"]
    _not_empty = _java["notEmpty"]
    _not_full = _java["notFull"]
    _all_tasks_done = _java["allTasksDone"]

    @property
    def unfinished_tasks(self):
        return _unfinished(self)

    @property
    def queue(self):
        """A snapshot (a list, in CPython's storage order): changing it changes nothing."""
        return [_from_java(item) for item in _snapshot(self)]

    if _versions.QUEUE_SHUTDOWN:
        @property
        def is_shutdown(self):
            return _is_shutdown(self)

    # -- CPython's methods --------------------------------------------------------------------

    def task_done(self):
        try:
            _task_done(self)
        except Exception as error:
            error = _border.python_error(error)
            if isinstance(error, RuntimeError):  # Java's IllegalStateException
                raise ValueError(str(error)) from None
            raise error from None

    def join(self):
        try:
            _join(self)
        except Exception as error:
            raise _border.python_error(error) from None

    def qsize(self):
        return _size(self)

    def empty(self):
        return not _size(self)

    def full(self):
        return _is_full(self)

    def put(self, item, block=True, timeout=None):
        if type(type(item)) is _JAVA_METATYPE or type(item) is _JAVA_ARRAY:
            if block and timeout is not None:
                return self._timed_put(item, timeout)
            return _put_java(self, _QUEUE, item, _FOREVER if block else _NO_WAIT)
        if block:
            if timeout is not None:
                return self._timed_put(item, timeout)
            key = next(_keys)
            _registry[key] = item
            if not key & _DRAIN_MASK:
                _release_collected()
            status = _PUT_BUSY if _try_put is None else _try_put(self, key)
            if status is None or status == _PUT_BUSY:
                try:
                    status = _put_forever(self, key)
                except Exception as error:
                    _claim(key, None)
                    raise _border.python_error(error) from None
        else:
            key = next(_keys)
            _registry[key] = item
            if not key & _DRAIN_MASK:
                _release_collected()
            status = _put_nowait(self, key)
        if status:
            _put_failed(key, status)

    def _timed_put(self, item, timeout):
        if type(timeout) in _PLAIN_TIMEOUTS and timeout >= 0:
            # A valid timeout: CPython raises nothing before it looks for room, and waits only
            # when there is none. One Java call when there is.
            try:
                return _put_within(self, item, _NO_WAIT)
            except Full:
                pass
        if _maxsize(self) <= 0 or _versions.QUEUE_SHUTDOWN and _is_shutdown(self):
            return _put_within(self, item, _NO_WAIT)  # CPython looks at nothing else
        if timeout < 0:  # TypeError for non-numbers, as in CPython
            raise ValueError("'timeout' must be a non-negative number")
        wait, error = _remaining_ns(timeout)
        if error is None:
            return _put_within(self, item, wait)
        try:
            _put_within(self, item, _NO_WAIT)
        except Full:
            raise error from None  # CPython's wait raises it

    def get(self, block=True, timeout=None):
        if block:
            if timeout is not None:
                return self._timed_get(timeout)
            result = _GET_BUSY if _try_get is None else _try_get(self)
            if result is None or result == _GET_BUSY:
                try:
                    result = _get_forever(self)
                except Exception as error:
                    raise _border.python_error(error) from None
        else:
            result = _get_nowait(self)
        return _claim(result) if result > 0 else _got(result)

    def _timed_get(self, timeout):
        if type(timeout) in _PLAIN_TIMEOUTS and timeout >= 0:
            try:  # as _timed_put: an item there is taken at once
                return _get_within(self, _QUEUE, _NO_WAIT)
            except Empty:
                pass
        try:
            negative = timeout < 0
        except TypeError:
            self._raise_if_closed()
            raise
        if negative:
            self._raise_if_closed()
            raise ValueError("'timeout' must be a non-negative number")
        wait, error = _remaining_ns(timeout)
        if error is None:
            return _get_within(self, _QUEUE, wait)
        try:
            return _get_within(self, _QUEUE, _NO_WAIT)
        except Empty:
            raise error from None

    def _raise_if_closed(self):
        """CPython's get looks at shutdown (3.13) before it looks at the timeout."""
        if _versions.QUEUE_SHUTDOWN and _is_shutdown(self) and not _size(self):
            raise ShutDown

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    if _versions.QUEUE_SHUTDOWN:
        def shutdown(self, immediate=False):
            _shutdown(self, True if immediate else False)

    # -- what the Java type would otherwise add ------------------------------------------------

    def __bool__(self):
        return True  # CPython's queues have no len(): always true

    def __len__(self):
        raise TypeError(f"object of type '{type(self).__name__}' has no len()")

    __iter__ = None  # not iterable, as CPython's

    def __contains__(self, item):
        raise TypeError(f"argument of type '{type(self).__name__}' is not iterable")

    def __repr__(self):
        return f"<{type(self).__module__}.{type(self).__qualname__} object at {hex(id(self))}>"

    __str__ = __repr__
    __class_getitem__ = classmethod(types.GenericAlias)

    def _to_python(self):
        return _border.canonical(self)


class PriorityQueue(Queue, _JAVA_TYPES["SharedPriorityQueue"], _queue.PriorityQueue):
    """Variant of Queue that retrieves open entries in priority order (lowest first).

    Entries are typically tuples of the form:  (priority number, data). Same object as Java's
    io.jthreading.queue.SharedPriorityQueue.
    """

    _java_class = _SharedPriorityQueue


class LifoQueue(Queue, _JAVA_TYPES["SharedLifoQueue"], _queue.LifoQueue):
    """Variant of Queue that retrieves most recently added entries first. Same object as
    Java's io.jthreading.queue.SharedLifoQueue."""

    _java_class = _SharedLifoQueue


_simple = _JAVA_TYPES["SharedSimpleQueue"].__dict__
_simple_size = _simple["size"]
_SIMPLE = _JavaMethods(_JAVA_TYPES["SharedSimpleQueue"])
_simple_put = _SIMPLE.put
_simple_get = _SIMPLE.get
_simple_get_nowait = _SIMPLE.get_nowait


class SimpleQueue(_JAVA_TYPES["SharedSimpleQueue"]):
    """Simple, unbounded FIFO queue. Same object as Java's io.jthreading.queue.SharedSimpleQueue.

    Not a subclass of queue.SimpleQueue (a C type whose layout cannot be combined with a Java
    object's)."""

    def __new__(cls, *args, **kwargs):
        if args:
            raise TypeError("SimpleQueue() takes no positional arguments")
        if kwargs:
            raise TypeError("SimpleQueue() takes no keyword arguments")
        self = _border.canonical(_SharedSimpleQueue())
        if type(self) is not cls:
            self.__class__ = cls
        return self

    def __init__(self, *args, **kwargs):
        pass

    def put(self, *args, **kwargs):
        if len(args) != 1 or kwargs:
            item = _c_arguments("put", ("item", "block", "timeout"), 1, args, kwargs)[0]
        else:
            item = args[0]
        if type(type(item)) is _JAVA_METATYPE or type(item) is _JAVA_ARRAY:
            return _put_java(self, _SIMPLE, item, _NO_WAIT)
        key = next(_keys)
        _registry[key] = item
        if not key & _DRAIN_MASK:
            _release_collected()
        _simple_put(self, key)  # unbounded, never shut down: always stored

    def put_nowait(self, *args, **kwargs):
        if len(args) != 1 or kwargs:
            args = _c_arguments("put_nowait", ("item",), 1, args, kwargs)
        self.put(args[0])

    def get(self, *args, **kwargs):
        if kwargs or len(args) > 2:
            block, timeout = _c_arguments("get", ("block", "timeout"), 0, args, kwargs)
        else:
            block = args[0] if args else True
            timeout = args[1] if len(args) > 1 else None
        if not block:
            result = _simple_get_nowait(self)
        elif timeout is None:
            try:
                result = _simple_get(self)
            except Exception as error:
                raise _border.python_error(error) from None
        else:
            return _get_within(self, _SIMPLE, _simple_timeout_ns(timeout))
        return _claim(result) if result > 0 else _got(result)

    def get_nowait(self, *args, **kwargs):
        if args or kwargs:
            raise TypeError("get_nowait() takes no arguments")  # C's words for this method
        result = _simple_get_nowait(self)
        return _claim(result) if result > 0 else _got(result)

    def empty(self, *args, **kwargs):
        if args or kwargs:
            no_arguments("SimpleQueue.empty", args, kwargs)
        return not _simple_size(self)

    def qsize(self, *args, **kwargs):
        if args or kwargs:
            no_arguments("SimpleQueue.qsize", args, kwargs)
        return _simple_size(self)

    @property
    def _queue(self):
        """A snapshot of the items, first out first (a list)."""
        return [_from_java(item) for item in _simple["pythonSnapshot"](self)]

    __bool__ = Queue.__bool__
    __len__ = Queue.__len__
    __iter__ = None
    __contains__ = Queue.__contains__
    __repr__ = __str__ = Queue.__repr__
    __class_getitem__ = classmethod(types.GenericAlias)
    _to_python = Queue._to_python


def _simple_timeout_ns(timeout):
    """C SimpleQueue.get's timeout: converted first (_PyTime_FromSecondsObject's errors), then
    checked: negative, then beyond PY_TIMEOUT_MAX microseconds."""
    nanos = timeout_ns(timeout)
    if nanos == -1 and isinstance(timeout, float) and timeout * 1e9 > -1.0:
        # C rounds this timeout toward +inf (_PyTime_ROUND_CEILING), a lock's away from 0:
        # less than a nanosecond below 0 is 0 here, not negative.
        nanos = 0
    if nanos < 0:
        raise ValueError("'timeout' must be a non-negative number")
    if nanos == 0:
        return _NO_WAIT
    return wait_timeout_ns(nanos / 1e9) if nanos >= (1 << 62) else nanos


_C_DEFAULTS = {"block": True, "timeout": None}


def _c_arguments(function, names, required, args, kwargs):
    """SimpleQueue's parameters parsed as C's argument parser parses them (its checks, their
    order, its words): the values of ``names`` (defaults filled in), or its TypeError."""
    given = len(args) + len(kwargs)
    if given > len(names):
        plural = "s" if len(names) > 1 else ""
        kind = "" if args else "keyword "
        raise TypeError(f"{function}() takes at most {len(names)} {kind}argument{plural} "
                        f"({given} given)")
    values = list(args)
    for position, name in enumerate(names[len(args):], start=len(args)):
        if name in kwargs:
            values.append(kwargs[name])
        elif position < required:
            raise TypeError(f"{function}() missing required argument '{name}' (pos {position + 1})")
        else:
            values.append(_C_DEFAULTS[name])
    for name in kwargs:
        if name in names[:len(args)]:
            raise TypeError(f"argument for {function}() given by name ('{name}') and position "
                            f"({names.index(name) + 1})")
        if name not in names:
            raise TypeError(_versions.UNKNOWN_KEYWORD.format(function=function, name=name))
    return values


# Puts and gets that need not wait, called with the GIL held (see SharedQueue.pythonTryPut):
# a Jep call would give the GIL up and wait for it again, each time.
_try_put = _fastpath.java_call(_SharedQueue(), "pythonTryPut", "(J)I", _JAVA_TYPES["SharedQueue"])
_try_get = _fastpath.java_call(_SharedQueue(), "pythonTryGet", "()J", _JAVA_TYPES["SharedQueue"])

for _facade, _name in ((Queue, "SharedQueue"), (LifoQueue, "SharedLifoQueue"),
                       (PriorityQueue, "SharedPriorityQueue"),
                       (SimpleQueue, "SharedSimpleQueue")):
    _facade.__module__ = __name__
    _border.install_facade("io.jthreading.queue." + _name, _facade)
del _facade, _name
