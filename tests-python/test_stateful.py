"""Stateful property tests: hypothesis RuleBasedStateMachines, one per primitive, that drive long
random sequences of calls with random argument values of random types on one jthreading
primitive and on CPython's counterpart stepped identically, from the main thread and from other
threads of both languages.

Each machine owns a pair of primitives (CPython's, the oracle, and jthreading's) and pairs of
threads: worker i of CPython (a threading.Thread) stands for worker i of jthreading, which is
either a jthreading.Thread (Python) or a plain Java thread (io.jthreading.testkit.StepWorkers).
A thread is the same thread for the whole run, so ownership (an RLock held by a worker, a
Condition's lock) carries over between steps, and CPython's single-threaded oracle still applies:
its worker does what ours does. Rules:
- a call from the main thread with any arguments (test_differential.py's strategies; the step
  and its checks are differential_support.py's): outcome, exception type and message, warnings,
  observable state and repr must match CPython's, and a call that would wait in CPython's state
  runs on neither side;
- a call from a Python worker with odd arguments, in forms that never wait (acquire(False, ...),
  release, set/clear/is_set, notify, reset/abort ...);
- a Java worker's operation (tryAcquire, release, set, notify ...): its outcome, Java exceptions
  mapped to the Python ones the façades raise, must be CPython's worker's.
After every step the observable state of both primitives must be equal.

Reproducible: derandomized examples, no example database (nothing written to the checkout).
"""

import queue

import jep
import pytest

import jthreading.queue as jthreading_queue
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from differential_support import (
    MISSING, SUBJECT_NAME, Op, Spec, Side, _check, capture, counts_as_ints, cpython, normalise_value, observe,
    step, subject, wait_loop_waits)
from test_differential import (
    ACQUIRE, ACTIONS, ANYTHING, BARRIER, BLOCKING, BOUNDED_SEMAPHORE, CONDITION, CONDITION_CONSTRUCTORS,
    COUNTS, EVENT, EXIT, INITIAL_VALUES, LOCK, PARTIES, PREDICATES, RLOCK, SEMAPHORE, TIMEOUTS,
    calls, plain)

pytestmark = pytest.mark.skipif(SUBJECT_NAME != "jthreading", reason="needs the JVM")

#: Bounded for CI (the whole file: well under a minute per pass on a loaded 2-core machine).
MACHINES = settings(max_examples=25, stateful_step_count=25, deadline=None, derandomize=True,
                    database=None, suppress_health_check=[HealthCheck.too_slow,
                                                          HealthCheck.filter_too_much])
WORKERS = 2  # of each language
STEP_TIMEOUT = 30

# --------------------------------------------------------------------------------------------
# Threads stepped from the main thread, one call at a time


class Worker:
    """A thread of ``module`` (CPython's threading or jthreading) that runs the calls it is
    given, one at a time, and hands back their outcomes (differential_support.capture)."""

    def __init__(self, module, name):
        self.module = module
        self.requests = queue.SimpleQueue()
        self.thread = module.Thread(target=self._serve, name=name, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            job = self.requests.get()
            if job is None:
                return
            call, answer = job
            answer.put(capture(call, self.module)[0])

    def run(self, call):
        answer = queue.SimpleQueue()
        self.requests.put((call, answer))
        try:
            return answer.get(timeout=STEP_TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"{self.thread.name}: no answer in {STEP_TIMEOUT} s") from None


_pool = {}


def workers(kind):
    """The process-wide pairs of workers (started once: threads outlive the examples)."""
    if kind not in _pool:
        if kind == "java":
            _pool[kind] = (jep.findClass("io.jthreading.testkit.StepWorkers".encode().decode())
                           (WORKERS),
                           [Worker(cpython, f"cpython-for-java-{i}") for i in range(WORKERS)])
        else:
            _pool[kind] = ([Worker(subject, f"jthreading-worker-{i}") for i in range(WORKERS)],
                           [Worker(cpython, f"cpython-for-python-{i}") for i in range(WORKERS)])
    return _pool[kind]


@pytest.fixture(scope="module", autouse=True)
def stop_workers():
    """The workers end with this file, so later files see only their own threads."""
    yield
    for kind, (ours, theirs) in list(_pool.items()):
        if kind == "java":
            ours.shutdown()
        else:
            theirs = ours + theirs
        for worker in theirs:
            worker.requests.put(None)
            worker.thread.join(STEP_TIMEOUT)
            assert not worker.thread.is_alive(), worker.thread.name
    _pool.clear()


#: Java exceptions as the façades raise them in Python (README: misuse throws the Java
#: exception that matches CPython's, with CPython's message).
JAVA_TO_PYTHON = {"java.lang.IllegalMonitorStateException": "builtins.RuntimeError",
                  "java.lang.IllegalStateException": "builtins.RuntimeError",
                  "java.lang.IllegalArgumentException": "builtins.ValueError"}


def java_outcome(text):
    """A StepWorkers outcome as differential_support.capture's."""
    kind, _, rest = str(text).partition(":")
    if kind == "ok":
        java_type, _, value = rest.partition(":")
        value = {"void": None, "bool": value == "true"}.get(java_type, value)
        if java_type == "long":
            value = int(value)
        return ("ok", normalise_value(value, subject))
    name, _, message = rest.partition(":")
    return ("raise", JAVA_TO_PYTHON.get(name, name), message)


# --------------------------------------------------------------------------------------------
# The machines


#: Java's operations and the Python call each stands for on CPython's worker.
JAVA_AS_PYTHON = {"acquire": Op("acquire", (False,)), "release": Op("release"),
                  "locked": Op("locked"), "set": Op("set"), "clear": Op("clear"),
                  "is_set": Op("is_set"), "notify": Op("notify"), "notify_all": Op("notify_all"),
                  "reset": Op("reset"), "abort": Op("abort")}
JAVA_READS = {"n_waiting", "broken"}  # properties, read by CPython's worker


class PrimitiveMachine(RuleBasedStateMachine):
    """One primitive of each side; subclasses (made by ``machine``) say which, with what."""

    spec = None
    modules = (cpython, subject)  # what the constructor is called on: threading's or queue's

    def __init__(self):
        super().__init__()
        self.oracle, self.tested = Side(self.modules[0]), Side(self.modules[1])
        self.history = []
        self.made = False

    def construct(self, constructor):
        self.made = step(self.spec, self.oracle, self.tested, constructor, self.history,
                         constructing=True) == "ok"

    def from_main(self, op):
        step(self.spec, self.oracle, self.tested, op, self.history)

    def from_python_worker(self, index, op):
        """``op`` (never waiting) on Python worker ``index`` of each side."""
        in_cpython = counts_as_ints(op.resolved(self.oracle))
        if self.spec.differs(self.oracle, in_cpython):
            return  # deliberate difference (1): test_differential.py checks those
        ours, theirs = workers("python")
        self.history.append(f"python worker {index}: {op!r}")
        expected = theirs[index].run(lambda: in_cpython.call(self.oracle.obj))
        got = ours[index].run(lambda: op.resolved(self.tested).call(self.tested.obj))
        _check("outcome", self.history, expected, got)
        self.compare_state()

    def from_java_worker(self, index, operation):
        java, theirs = workers("java")
        if operation not in JAVA_READS and self.spec.differs(self.oracle,
                                                             JAVA_AS_PYTHON[operation]):
            return  # deliberate difference (1), as for the Python workers
        self.history.append(f"java worker {index}: {operation}")
        if operation in JAVA_READS:
            expected = theirs[index].run(lambda: getattr(self.oracle.obj, operation))
        else:
            expected = theirs[index].run(lambda: JAVA_AS_PYTHON[operation].call(self.oracle.obj))
        got = java_outcome(java.step(index, self.tested.obj, operation))
        _check("outcome", self.history, expected, got)
        self.compare_state()

    def compare_state(self):
        _check("state", self.history, observe(self.spec, self.oracle),
               observe(self.spec, self.tested))

    def teardown(self):
        # Workers outlive the example: let go of anything they hold of it.
        self.oracle = self.tested = None


def machine(name, spec, constructors, main_ops, python_ops, java_ops, modules=None):
    """A PrimitiveMachine for one primitive, and its pytest TestCase."""
    worker = st.integers(0, WORKERS - 1)

    class Machine(PrimitiveMachine):
        @initialize(constructor=constructors)
        def make(self, constructor):
            self.construct(constructor)

        @precondition(lambda self: not self.made)
        @rule()
        def refused(self):
            pass  # CPython refused the constructor (and so did jthreading): nothing to step

        @precondition(lambda self: self.made)
        @rule(op=main_ops)
        def call_from_main(self, op):
            self.from_main(op)

        @precondition(lambda self: self.made)
        @rule(index=worker, op=python_ops)
        def call_from_python_thread(self, index, op):
            self.from_python_worker(index, op)

        if java_ops:
            @precondition(lambda self: self.made)
            @rule(index=worker, operation=st.sampled_from(java_ops))
            def call_from_java_thread(self, index, operation):
                self.from_java_worker(index, operation)

    Machine.spec = spec
    Machine.modules = modules or PrimitiveMachine.modules
    Machine.__name__ = Machine.__qualname__ = f"{name}Machine"
    case = Machine.TestCase
    case.settings = MACHINES
    case = pytest.mark.timeout(300)(case)
    return case


def ops(*strategies):
    return st.one_of(*strategies)


def quick_waits(timeouts):
    """wait(timeout) with a timeout that never waits (``calls`` may leave the timeout out)."""
    return st.builds(lambda t, by_name: Op("wait", (), {"timeout": t}.items()) if by_name
                     else Op("wait", (t,)), st.sampled_from(timeouts), st.booleans())


#: Calls that never wait, whatever the state, with odd arguments where they cannot make one
#: wait: blocking is False (a timeout then is CPython's ValueError, or -1), or nothing waits.
NO_WAIT_ACQUIRE = st.builds(
    lambda args: Op("acquire", args),
    st.one_of(st.just((False,)), st.tuples(st.just(False), TIMEOUTS), st.tuples(st.just(0))))
NO_WAIT_ACQUIRE_KW = st.builds(lambda t: Op("acquire", (), {"blocking": False, "timeout": t}.items()),
                               st.sampled_from([-1, 0, 1.5, "x", None]))

TestLock = machine(
    "Lock", LOCK, calls("Lock"),
    ops(plain("acquire", "release", "locked"), calls("acquire", *ACQUIRE), calls("release"),
        calls("__exit__", *EXIT), calls("locked"), calls("acquire_lock", *ACQUIRE)),
    ops(NO_WAIT_ACQUIRE, NO_WAIT_ACQUIRE_KW, calls("release"), calls("locked"),
        calls("__exit__", *EXIT)),
    ["acquire", "release", "locked"])

TestRLock = machine(
    "RLock", RLOCK, calls("RLock"),
    # Not _release_save: CPython's releases an RLock another thread holds (it checks only the
    # count), jthreading's raises "cannot release un-acquired lock" (see the report of issue 13).
    ops(plain("acquire", "release"), calls("acquire", *ACQUIRE), calls("release"),
        calls("__exit__", *EXIT), calls("_is_owned")),
    ops(NO_WAIT_ACQUIRE, NO_WAIT_ACQUIRE_KW, calls("release"), calls("_is_owned"),
        calls("__exit__", *EXIT)),
    ["acquire", "release"])

SEMAPHORE_MAIN = ops(plain("acquire", "release"), calls("acquire", ("blocking", st.booleans())),
                     calls("acquire", ("blocking", st.just(False)), ("timeout", TIMEOUTS)),
                     calls("release", ("n", COUNTS)), calls("__exit__", *EXIT))
SEMAPHORE_ELSEWHERE = ops(
    st.builds(lambda t: Op("acquire", (False, t)), st.sampled_from([None, 0, 1.5, "x", -1])),
    st.just(Op("acquire", (False,))), calls("release", ("n", st.integers(-1, 3))),
    calls("release"))

TestSemaphore = machine("Semaphore", SEMAPHORE, calls("Semaphore", ("value", INITIAL_VALUES)),
                        SEMAPHORE_MAIN, SEMAPHORE_ELSEWHERE, ["acquire", "release"])
TestBoundedSemaphore = machine(
    "BoundedSemaphore", BOUNDED_SEMAPHORE, calls("BoundedSemaphore", ("value", INITIAL_VALUES)),
    SEMAPHORE_MAIN, SEMAPHORE_ELSEWHERE, ["acquire", "release"])

EVENT_CALLS = ops(plain("set", "clear", "is_set"), calls("set"), calls("clear"), calls("is_set"),
                  calls("wait", ("timeout", TIMEOUTS)))
TestEvent = machine("Event", EVENT, calls("Event"), EVENT_CALLS,
                    ops(plain("set", "clear", "is_set"), calls("set"), calls("clear"),
                        quick_waits([0, 0.0, -1, "x", False])),
                    ["set", "clear", "is_set"])

TestCondition = machine(
    "Condition", CONDITION, st.one_of(st.just(Op("Condition")), CONDITION_CONSTRUCTORS),
    ops(plain("acquire", "release", "notify", "wait"), calls("acquire", *ACQUIRE),
        calls("release"), calls("__exit__", *EXIT), calls("wait", ("timeout", TIMEOUTS)),
        calls("wait_for", ("predicate", PREDICATES), ("timeout", TIMEOUTS)),
        calls("notify", ("n", COUNTS)), calls("notify_all"), calls("_is_owned")),
    ops(NO_WAIT_ACQUIRE, calls("release"), calls("notify", ("n", COUNTS)), calls("notify_all"),
        calls("_is_owned"), quick_waits([0, -1, "x"])),
    ["acquire", "release", "notify", "notify_all"])

TestBarrier = machine(
    "Barrier", BARRIER,
    calls("Barrier", ("parties", PARTIES), ("action", ACTIONS), ("timeout", TIMEOUTS)),
    ops(plain("wait", "reset", "abort"), calls("wait", ("timeout", TIMEOUTS)), calls("reset"),
        calls("abort")),
    ops(calls("reset"), calls("abort"), quick_waits([0, -1])),
    ["reset", "abort", "n_waiting", "broken"])

# --------------------------------------------------------------------------------------------
# Queues: jthreading.queue against CPython's queue (Python workers only: Java's side of the
# shared queue is test_shared_queue.py's).


def queue_blocks(oracle, op):
    """Would CPython's queue wait in this state? (put on a full queue, get on an empty one,
    join with unfinished tasks; SimpleQueue is never full.)"""
    q = oracle.obj
    if op.name in ("put", "get"):
        params = (("item", MISSING),) if op.name == "put" else ()
        bound = op.bind(*params, ("block", True), ("timeout", None))
        if bound is None:
            return False
        waits = (op.name == "put" and hasattr(q, "full") and q.full()) or (
            op.name == "get" and q.empty())
        try:
            blocking = bool(bound["block"])
        except Exception:
            return False
        return waits and blocking and wait_loop_waits(bound["timeout"])
    if op.name == "join":
        return op.bind() is not None and q.unfinished_tasks > 0
    return False


QUEUE = Spec({"qsize": lambda side: side.obj.qsize(), "empty": lambda side: side.obj.empty(),
              "full": lambda side: side.obj.full(),
              "unfinished": lambda side: side.obj.unfinished_tasks}, blocks=queue_blocks)
SIMPLE_QUEUE = Spec({"qsize": lambda side: side.obj.qsize(),
                     "empty": lambda side: side.obj.empty()}, blocks=queue_blocks)
QUEUE_MODULES = (queue, jthreading_queue)

ITEMS = st.one_of(st.integers(-3, 3), ANYTHING)
PRIORITY_ITEMS = st.one_of(st.integers(-3, 3), st.integers(-3, 3), ANYTHING)
#: An int or a float: other maxsizes are a documented difference (README, "Differences from
#: queue": CPython takes any object and fails at the first put that compares it).
MAXSIZES = st.one_of(st.integers(-1, 3), st.sampled_from([1.5, 0.5, True, 2**70, -(2**70)]))


def queue_ops(items, simple=False):
    main = [plain("get", "get_nowait", "qsize", "empty"),
            calls("put", ("item", items), ("block", BLOCKING), ("timeout", TIMEOUTS)),
            calls("put_nowait", ("item", items)),
            calls("get", ("block", BLOCKING), ("timeout", TIMEOUTS)), calls("get_nowait"),
            calls("qsize"), calls("empty")]
    elsewhere = [st.builds(lambda item: Op("put", (item, False)), items),
                 st.builds(lambda item: Op("put_nowait", (item,)), items),
                 st.just(Op("get", (False,))), st.just(Op("get_nowait")),
                 st.builds(lambda t: Op("get", (True, t)), st.sampled_from([0, -1, "x"]))]
    if not simple:
        main += [plain("task_done", "join", "full"), calls("task_done"), calls("join"),
                 calls("full")]
        elsewhere += [st.just(Op("task_done")), st.just(Op("full"))]
    return st.one_of(*main), st.one_of(*elsewhere)


for _name, _items in (("Queue", ITEMS), ("LifoQueue", ITEMS), ("PriorityQueue", PRIORITY_ITEMS)):
    globals()[f"Test{_name}"] = machine(
        _name, QUEUE, calls(_name, ("maxsize", MAXSIZES)), *queue_ops(_items), [],
        modules=QUEUE_MODULES)
TestSimpleQueue = machine("SimpleQueue", SIMPLE_QUEUE, calls("SimpleQueue"),
                          *queue_ops(ITEMS, simple=True), [], modules=QUEUE_MODULES)
