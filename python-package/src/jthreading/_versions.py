"""What differs between the CPython versions jthreading runs on (3.10 to 3.13), in one place.

jthreading is the ``threading`` module of the CPython it runs in. Where a version's threading
(or its C ``_thread``) behaves or words something differently, the façades ask here instead of
testing ``sys.version_info`` themselves, so each difference is named once and found by name.
Every fact below was observed on the real interpreter of each version (the differential and
conformance tests keep checking them, with the running CPython as the oracle).
"""

import sys

RUNNING = sys.version_info[:2]


def since(major_minor):
    """Is the running CPython ``major_minor`` (a tuple, e.g. ``(3, 12)``) or newer?"""
    return RUNNING >= major_minor


# -- lock.acquire(blocking, timeout): C argument parsing ---------------------------------------

#: 3.12 parses ``blocking`` as a truth value (PyArg "p": any object, bool(x)); before, it was a C
#: int (PyArg "i": __index__, OverflowError beyond 32 bits), so acquire(blocking=2**31) raised.
BLOCKING_IS_TRUTH_VALUE = since((3, 12))

#: 3.13's C argument parser words an unknown keyword as Python functions do.
UNKNOWN_KEYWORD = ("{function}() got an unexpected keyword argument '{name}'" if since((3, 13))
                   else "'{name}' is an invalid keyword argument for {function}()")

#: The name C's "takes no keyword arguments" gives some methods: 3.10 says "__exit__()" where
#: 3.11 says "lock.__exit__()" (lock.__exit__, RLock.__exit__, RLock._acquire_restore).
QUALIFIED_NO_KEYWORDS = since((3, 11))

#: threading.Lock: 3.13 made it the type _thread.lock (its errors name "lock"); before, it was
#: the function _thread.allocate_lock.
LOCK_IS_A_TYPE = since((3, 13))

# -- timeouts (_PyTime_FromSecondsObject and the lock's own checks) ----------------------------

#: A negative timeout other than -1.
NEGATIVE_TIMEOUT = ("timeout value must be a non-negative number" if since((3, 13))
                    else "timeout value must be positive")
#: An int timeout whose nanoseconds do not fit 64 bits (3.13 made _PyTime_t public: PyTime_t).
INT_TIMEOUT_OVERFLOW = ("timestamp too large to convert to C PyTime_t" if since((3, 13))
                        else "timestamp too large to convert to C _PyTime_t")
#: A float timeout whose nanoseconds do not fit 64 bits (3.10 worded it as for an int).
FLOAT_TIMEOUT_OVERFLOW = ("timestamp out of range for platform time_t" if since((3, 11))
                          else INT_TIMEOUT_OVERFLOW)
#: 3.10 refuses a lock timeout of exactly PY_TIMEOUT_MAX microseconds ("timeout value is too
#: large": ``>=``); 3.11 allows it (``>``).
TIMEOUT_MAX_MICROS_ALLOWED = since((3, 11))

# -- RLock -------------------------------------------------------------------------------------

#: RLock._recursion_count() (used by lock_tests) arrived in 3.11.
RLOCK_HAS_RECURSION_COUNT = since((3, 11))
#: 3.13's threading.RLock warns when given arguments (it always ignored them).
RLOCK_ARGUMENTS_DEPRECATED = since((3, 13))

# -- Barrier, reprs ----------------------------------------------------------------------------

#: 3.13's Barrier checks ``parties < 1`` first thing ("parties must be > 0"); before, any value
#: was taken (and a barrier of less than one party could only time out).
BARRIER_CHECKS_PARTIES = since((3, 13))

#: Semaphore, BoundedSemaphore, Event and Barrier show their state in their repr since 3.11;
#: 3.10's are object's default repr ("<threading.Event object at 0x...>").
STATE_IN_REPRS = since((3, 11))

# -- queue -------------------------------------------------------------------------------------

#: 3.13's queue.Queue has shutdown(immediate=False), is_shutdown and raises queue.ShutDown.
QUEUE_SHUTDOWN = since((3, 13))

# -- threads -----------------------------------------------------------------------------------

#: 3.13 raises RuntimeError where 3.12 asserted: joining a dummy thread, and (new) asking a
#: dummy thread that has ended whether it is alive.
DUMMY_THREAD_ERRORS_ARE_RUNTIME_ERRORS = since((3, 13))

#: The module global of threading that Thread.start() calls to start a thread: 3.13 builds
#: Thread on _thread.start_joinable_thread(function, handle=None, daemon=True) and its
#: _ThreadHandle; before, on _thread.start_new_thread(function, args, kwargs=None).
THREAD_START_FUNCTION = "_start_joinable_thread" if since((3, 13)) else "_start_new_thread"

#: 3.13's threading tracks its threads with _ThreadHandle objects (its main thread's handle is
#: made by _thread._make_thread_handle); before, with _tstate_lock locks, those of non-daemon
#: threads in _shutdown_locks, which threading._shutdown() waits for.
THREAD_HANDLES = since((3, 13))

#: Before 3.13 a Thread whose end join(), is_alive() or repr() has seen drops its thread-state
#: lock: a later join() returns at once and never converts its timeout (join(nan) is then
#: None). 3.13's join() always hands the timeout to its _ThreadHandle, which converts it.
JOIN_OF_AN_ENDED_THREAD_CONVERTS_TIMEOUT = since((3, 13))

#: 3.12's setprofile_all_threads / settrace_all_threads (and sys._setprofileallthreads).
HAS_ALL_THREADS_HOOKS = since((3, 12))

#: 3.13's excepthook prints the traceback as an uncaught exception is printed (in colour where
#: the terminal has it, to sys.stderr, or sys.__stderr__ when that is None; a value of None as
#: "NoneType: None"); only its first line goes to the file the hook chose. Before, C printed it
#: to that file, and any value that is not an exception as a TypeError line.
EXCEPTHOOK_TRACEBACK_AS_UNCAUGHT = since((3, 13))

#: threading before 3.13 keeps _shutdown_locks (and _shutdown_locks_lock,
#: _maintain_shutdown_locks), the _tstate_locks _shutdown() waits for; 3.13 has _ThreadHandles.
SHUTDOWN_LOCKS = not THREAD_HANDLES
