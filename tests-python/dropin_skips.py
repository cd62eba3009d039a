"""CPython's suites that drop-in mode runs, and the tests in them that cannot apply, with why.

Each skip has a category (the README's counts table groups by it):
  FORK       the test forks (os.fork, ForkingMixIn, multiprocessing's fork): a forked child of a
             JVM has no working JVM
  SIGNAL     the test installs a signal handler (Jep refuses signal.signal) or relies on a
             signal reaching Python's main thread
  SUBINTERP  subinterpreters (Jep's own; CPython's _testinternalcapi ones do not see the patch)
  IDENT      threading.get_ident() is the Java thread id, _thread.get_ident() / C's the pthread id
  INTERNAL   the test checks CPython's implementation of threading itself (its _tstate_lock,
             _handle, the module functions Thread.start() calls), which jthreading replaces
  SCHEDULING the test relies on CPython keeping the GIL with a thread that notifies until it
             blocks; a Java call releases the GIL (Jep), so the woken thread may run first
  PROCESS    the test runs child processes that must be jthreading too (children are plain
             CPython)
Tests skipped by CPython itself (a resource, a platform) are listed in SELF_SKIPS: any other skip
fails the run.
"""

import fnmatch
import sys
import unittest

V = sys.version_info[:2]

#: key -> modules (under test.), class name patterns (None: all), seconds.
SUITES = {
    "test_threading": {
        "modules": ["test.test_threading"],
        "classes": ["ThreadTests", "ThreadingExceptionTests", "ExceptHookTests", "TimerTests",
                    "LockTests", "PyRLockTests", "CRLockTests", "EventTests",
                    "ConditionAsRLockTests", "ConditionTests", "SemaphoreTests",
                    "BoundedSemaphoreTests", "BarrierTests", "MiscTestCase", "AtexitTests",
                    "ThreadJoinOnShutdown", "SubinterpThreadingTests", "InterruptMainTests"],
        "timeout": 300,
    },
    "test_queue": {"modules": ["test.test_queue"], "timeout": 180},
    "test_thread": {"modules": ["test.test_thread"], "timeout": 120},
    "test_threading_local": {"modules": ["test.test_threading_local"], "timeout": 120},
    "test_concurrent_futures": {
        "modules": (["test.test_concurrent_futures"] if V < (3, 12) else
                    [f"test.test_concurrent_futures.{m}" for m in (
                        "test_thread_pool", "test_future", "test_wait", "test_as_completed",
                        "test_shutdown", "test_init")]),
        "classes": ["Thread*", "FutureTests"],
        "timeout": 240,
    },
    "test_socketserver": {"modules": ["test.test_socketserver"], "resources": ["network"],
                      "timeout": 180},
    "test_logging": {"modules": ["test.test_logging"], "resources": ["network"],
                 "timeout": 240},
    "test_sched": {"modules": ["test.test_sched"], "timeout": 120},
    "test_httpservers": {"modules": ["test.test_httpservers"], "resources": ["network"],
                     "timeout": 180},
    "test_asyncio.test_threads": {"modules": ["test.test_asyncio.test_threads"], "timeout": 120},
    "test_threadedtempfile": {"modules": ["test.test_threadedtempfile"], "timeout": 120},
    "test_xmlrpc": {"modules": ["test.test_xmlrpc"], "resources": ["network"], "timeout": 180},
    "test_urllib2_localnet": {"modules": ["test.test_urllib2_localnet"],
                              "resources": ["network"], "timeout": 180},
    "test_functools": {"modules": ["test.test_functools"], "timeout": 180},  # lru_cache threads
    "test_importlib.test_threaded_import": {
        "modules": ["test.test_importlib.test_threaded_import"], "timeout": 120},
    # multiprocessing's thread-backed half (multiprocessing.dummy): the WithThreads* classes
    "test_multiprocessing_spawn.test_threads": {
        "modules": (["test.test_multiprocessing_spawn"] if V < (3, 12) else
                    ["test.test_multiprocessing_spawn.test_threads"]),
        "classes": ["WithThreads*"],
        "timeout": 240,
    },
}

#: (suite, "Class.test" or "Class" pattern, versions (lo, hi) inclusive or None, category, why)
SKIPS = [
    ("test_threading", "ThreadTests.test_PyThreadState_SetAsyncExc", None, "IDENT",
     "PyThreadState_SetAsyncExc takes the pthread id; threading.get_ident() gives the Java one"),
    ("test_threading", "ThreadTests.test_foreign_thread", None, "IDENT",
     "compares threading.get_ident() (Java's) with _thread.get_ident() (the pthread id)"),
    ("test_threading", "ThreadTests.test_ident_of_no_threading_threads", None, "IDENT",
     "compares threading.get_ident() (Java's) with _thread.get_ident() (the pthread id)"),
    ("test_threading", "ThreadTests.test_is_alive_after_fork", None, "FORK",
     "os.fork() of the JVM: the child has no working JVM"),
    ("test_threading", "ThreadJoinOnShutdown.test_reinit_tls_after_fork", None, "FORK",
     "os.fork() from threads of the JVM: the child hung once in CI (3.11)"),
    ("test_threading", "ThreadJoinOnShutdown.test_clear_threads_states_after_fork", None, "FORK",
     "os.fork() from threads of the JVM: the child has no working JVM"),
    ("test_thread", "TestForkInThread.test_forkinthread", None, "FORK",
     "os.fork() from a thread of the JVM: the child has no working JVM"),
    ("test_socketserver", "SocketServerTest.test_Forking*", None, "FORK",
     "ForkingMixIn forks the JVM for each request"),
    ("test_socketserver", "ErrorHandlerTest.test_forking_*", None, "FORK",
     "ForkingMixIn forks the JVM for each request"),
    ("test_threading", "InterruptMainTests.*", None, "SIGNAL",
     "_thread.interrupt_main() signals Jep's interpreter thread, not the script's; "
     "signal.signal() is refused"),
    ("test_threading", "MiscTestCase.test__all__", None, "INTERNAL",
     "checks each public name's __module__ is 'threading'; jthreading's are 'jthreading'"),
    ("test_threading", "ThreadTests.test_disallow_instantiation", None, "INTERNAL",
     "type(threading.Lock()) is the class jthreading.Lock, which makes locks (CPython's C "
     "lock type cannot be instantiated before 3.13)"),
    ("test_threading", "ThreadTests.test_limbo_cleanup", None, "INTERNAL",
     "replaces threading._start_new_thread; jthreading's Thread.start() starts a Java thread"),
    ("test_threading", "ThreadTests.test_tstate_lock", None, "INTERNAL",
     "checks Thread._tstate_lock, CPython's thread-state lock; jthreading's threads are Java's"),
    ("test_threading", "ThreadTests.test_shutdown_locks", None, "INTERNAL",
     "checks threading._shutdown_locks holds each Thread's _tstate_lock; Java waits instead"),
    ("test_threading", "SubinterpThreadingTests.test_threads_join*", ((3, 13), (3, 13)),
     "SUBINTERP", "3.13's Py_EndInterpreter finds the subinterpreter's thread still running "
     "inside Jep's process and aborts it (a fatal error, not a failure)"),
    ("test_socketserver", "SocketWriterTest.test_write", None, "SIGNAL",
     "installs a SIGUSR1 handler: Jep refuses signal.signal()"),
    ("test_concurrent_futures", "ThreadPoolExecutorTest.test_hang_global_shutdown_lock", None,
     "FORK", "starts ProcessPoolExecutors with multiprocessing's fork context"),
    ("test_concurrent_futures", "ThreadPoolShutdownTest.test_hang_gh94440", None, "SIGNAL",
     "bounds itself with signal.alarm and a SIGALRM handler: Jep refuses signal.signal()"),
    ("test_concurrent_futures", "ThreadPoolExecutorTest.test_idle_thread_reuse", None,
     "SCHEDULING", "expects the worker to re-arm the pool's idle semaphore after set_result() "
     "before the waiting thread submits again; Future's notify is a Java call, which lets the "
     "waiter run first, so the pool may start a second worker (correct, not CPython's timing)"),
    ("test_logging", "LogRecordTest.test_multiprocessing", None, "FORK",
     "multiprocessing's default start method forks the JVM"),
    ("test_logging", "ConfigDictTest.test_multiprocessing_queues", None, "FORK",
     "multiprocessing's Manager() starts its server process by forking the JVM"),
    ("test_logging", "HandlerTest.test_post_fork_child_no_deadlock", None, "FORK",
     "os.fork() while a thread holds logging's locks: the child's logging reinitialises its "
     "locks through a JVM that lost its threads in the fork, and can hang (CI, 3.12)"),
]

#: Skips CPython's own tests make for themselves: (regex-free substring of the reason, category).
SELF_SKIPS = [
    ("Condition does not expose _recursion_count()", "SELF"),  # lock_tests, also on CPython
    ("need debug build", "SELF"),
    ("requires a debug build", "SELF"),
    ("resource 'walltime' is not enabled", "RESOURCE"),
    ("resource 'cpu' is not enabled", "RESOURCE"),
    ("can't be run reliably as root", "SELF"),  # test_httpservers' permission tests
    ("win32evtlog", "SELF"),  # Windows only
    ("only makes sense with processes", "SELF"),  # _test_multiprocessing, for its threads type
    ("test not appropriate for threads", "SELF"),
]


def apply(suite, tests):
    """Turn the tests SKIPS names into skips; returns how many."""
    count = 0
    for test in tests:
        name = f"{type(test).__name__}.{test._testMethodName}"
        for skip_suite, pattern, versions, category, why in SKIPS:
            if skip_suite != suite or not fnmatch.fnmatchcase(name, pattern):
                continue
            if versions is not None and not versions[0] <= V <= versions[1]:
                continue
            method = getattr(test, test._testMethodName)
            setattr(test, test._testMethodName,
                    unittest.skip(f"{category}: {why}")(method))
            count += 1
            break
    return count


def category_of(reason):
    """The category of a skip reason: ours ("CAT: why"), or CPython's own from SELF_SKIPS."""
    head = reason.split(":", 1)[0]
    if head in ("FORK", "SIGNAL", "SUBINTERP", "IDENT", "INTERNAL", "SCHEDULING", "PROCESS"):
        return head
    for text, category in SELF_SKIPS:
        if text in reason:
            return category
    return None
