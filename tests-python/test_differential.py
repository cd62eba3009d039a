"""Differential tests: jthreading against CPython's threading as the oracle.

Hypothesis generates sequences of operations with valid and invalid arguments (negative, NaN,
infinite, huge and wrong-typed timeouts and counts, None, bools, floats, extra and unknown
arguments). Each sequence runs on a CPython primitive and a jthreading primitive side by side in
one thread; return values, exception types and messages, warnings, observable state and the
repr's shape must match after every operation (machinery: differential_support.py).

An operation that would make CPython wait longer than MAX_WAIT in its current state is applied to
neither side (one thread cannot wake itself): huge and infinite timeouts run only where CPython
rejects them or returns at once.

Deliberate differences (the README's "Differences from CPython"); anything else that differs is a
bug:
 (1) Counts are Java longs taken with operator.index: Semaphore/BoundedSemaphore values and
     release counts that are not integers (float, Fraction, Decimal) or do not fit a long, releases
     that would take a Semaphore's value beyond it, and Barrier parties without __index__ or
     beyond a long. CPython accepts them (Barrier checks nothing before 3.13, then only that
     parties is not below 1) and may then misbehave:
     Semaphore(1).release(2.5) adds 2.5, then raises TypeError from range(). jthreading raises
     TypeError, or OverflowError beyond 2**63-1: only that is checked for these.
 (2) repr module prefixes (_thread., threading. vs jthreading.), and the class names of
     _thread.lock and _thread._local (jthreading.Lock, jthreading.local): normalised away.

Outside the JVM jthreading has no primitives and the subject is CPython itself (a harness check).
"""

import math
import os
import types
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from differential_support import (
    LONG_MAX, MAX_WAIT, MISSING, NEW_LOCK, NEW_RLOCK, RECORDING_ACTION, SAVED_STATE, Op, Raises,
    Returns, Spec, beyond_long, compare_calls, condition_wait_waits, cpython, held_elsewhere,
    index_or_none, lock_acquire_waits, normalise_repr, not_an_integer, outcome, run_case,
    subject, wait_loop_waits)

#: JTHREADING_DIFFERENTIAL_EXAMPLES=N: a deep sweep of N examples per test with random seeds;
#: unset, the usual 200 derandomized (the same examples every run).
_SWEEP = os.environ.get("JTHREADING_DIFFERENTIAL_EXAMPLES")
EXAMPLES = int(_SWEEP) if _SWEEP else 200
CASES = settings(max_examples=EXAMPLES, deadline=None, derandomize=not _SWEEP, database=None,
                 suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------------------------
# Argument values

NAN, INF = math.nan, math.inf
TIMEOUT_MAX = cpython.TIMEOUT_MAX

QUICK_TIMEOUTS = [0, 0.0, -0.0, 1e-4, 0.001, MAX_WAIT, False]
ODD_TIMEOUTS = [
    -1, -1.0, -1.5, -2, -0.5, -1e-10, -1.0000000001, NAN, INF, -INF,
    TIMEOUT_MAX, TIMEOUT_MAX + 1, 1e100, 1e9, 5, True,
    LONG_MAX, LONG_MAX + 1, 2**64, -(2**63), -(2**63) - 1, 2**1100,
    None, "x", "0.001", b"1", [], [0.001], Fraction(1, 1000), Decimal("0.001"), 1j,
]
TIMEOUTS = st.one_of(st.sampled_from(QUICK_TIMEOUTS), st.sampled_from(ODD_TIMEOUTS),
                     st.floats(0, MAX_WAIT), st.floats(), st.integers(-(2**70), 2**70))

BLOCKING = st.one_of(
    st.booleans(),
    st.sampled_from([0, 1, -1, 2, 2**31 - 1, 2**31, -(2**31), -(2**31) - 1, LONG_MAX + 1, 2**64,
                     None, 0.0, 1.0, 0.5, NAN, "", "x", [], [0]]),
    st.integers())

COUNTS = st.one_of(
    st.integers(-2, 4),
    st.sampled_from([True, False, 2**31, 2**62, LONG_MAX, LONG_MAX + 1, 2**64, -(2**63),
                     -(2**63) - 1, 0.0, 0.5, 1.0, 2.5, NAN, INF, -INF, None, "1", "x", [],
                     Fraction(1, 1), Fraction(3, 2), Decimal(2), 1j]),
    st.integers(),
    st.floats())

ANYTHING = st.one_of(
    st.sampled_from([None, True, 0, 1, -1, 2.5, NAN, "x", "", (), (1, 2), [1, 2, 3, 4],
                     (1, 2, 3, 4), {}, ValueError("e"), ValueError, object]),
    st.integers())

PREDICATES = st.sampled_from([Returns(True), Returns(False), Returns(0), Returns(7), Returns([]),
                              Raises(ValueError("boom")), 5, None])
ACTIONS = st.sampled_from([None, RECORDING_ACTION, RECORDING_ACTION, Returns(None),
                           Raises(ValueError("boom")), 5, 0, ""])


@st.composite
def calls(draw, name, *params):
    """Calls of method (or module function) ``name``, with arguments in positional and keyword
    forms, sometimes malformed.

    ``params``: (name, strategy) pairs in signature order. A prefix is passed by position, some
    of the rest by keyword; rarely an extra argument, an unknown keyword or one given twice.
    """
    positional = draw(st.integers(0, len(params)))
    args = [draw(strategy) for _, strategy in params[:positional]]
    kwargs = {keyword: draw(strategy) for keyword, strategy in params[positional:]
              if draw(st.booleans())}
    mistake = draw(st.sampled_from([None] * 17 + ["extra", "unknown", "twice"]))
    if mistake == "extra":
        args.append(draw(ANYTHING))
    elif mistake == "unknown":
        kwargs["foo"] = 1
    elif mistake == "twice" and args:
        keyword, strategy = params[0]
        kwargs.setdefault(keyword, draw(strategy))
    return Op(name, args, kwargs.items())


@st.composite
def positional_calls(draw, name, args):
    return Op(name, draw(args))


def plain(*names):
    """Well-formed argument-less calls, so that sequences also reach the interesting states."""
    return st.sampled_from([Op(name) for name in names])


def sequences(*ops):
    return st.lists(st.one_of(*ops), max_size=12)


ACQUIRE = (("blocking", BLOCKING), ("timeout", TIMEOUTS))
EXIT = (("t", ANYTHING), ("v", ANYTHING), ("tb", ANYTHING))

# --------------------------------------------------------------------------------------------
# Lock


def lock_blocks(oracle, op):
    return (op.name in ("acquire", "acquire_lock", "__enter__") and oracle.obj.locked()
            and lock_acquire_waits(op))


LOCK = Spec({"locked": lambda side: side.obj.locked()}, blocks=lock_blocks)


@CASES
@given(constructor=calls("Lock"),
       ops=sequences(plain("acquire", "release", "locked"),
                     calls("acquire", *ACQUIRE), calls("acquire_lock", *ACQUIRE),
                     calls("__enter__", *ACQUIRE), calls("release"), calls("release_lock"),
                     calls("__exit__", *EXIT), calls("locked"), calls("locked_lock"),
                     calls("_at_fork_reinit")))
def test_lock(constructor, ops):
    run_case(LOCK, constructor, ops)


# --------------------------------------------------------------------------------------------
# RLock


def rlock_blocks(oracle, op):
    rlock = oracle.obj
    if op.name in ("acquire", "__enter__"):
        return held_elsewhere(rlock) and lock_acquire_waits(op)
    if op.name == "_acquire_restore":  # takes the lock without looking at who holds it
        return not repr(rlock).startswith("<unlocked") and _restore_accepted(op)
    return False


def _restore_accepted(op):
    try:
        op.call(cpython.RLock())
    except Exception:
        return False
    return True


#: RLock._recursion_count() is 3.11's: on 3.10 neither side has it (test_rlock_methods).
HAS_RECURSION_COUNT = hasattr(cpython.RLock(), "_recursion_count")

RLOCK = Spec({"owned": lambda side: side.obj._is_owned(),
              **({"count": lambda side: side.obj._recursion_count()}
                 if HAS_RECURSION_COUNT else {})},
             blocks=rlock_blocks)

RESTORE = st.sampled_from([
    Op("_acquire_restore", (SAVED_STATE,)), Op("_acquire_restore", (SAVED_STATE,)),
    Op("_acquire_restore", ()), Op("_acquire_restore", (5,)), Op("_acquire_restore", (None,)),
    Op("_acquire_restore", ((1,),)), Op("_acquire_restore", ((1, 2, 3),)),
    Op("_acquire_restore", ("ab",)), Op("_acquire_restore", ((1.5, 1),)),
    Op("_acquire_restore", ((1, "x"),)), Op("_acquire_restore", (SAVED_STATE, 1)),
    Op("_acquire_restore", (), {"state": SAVED_STATE}.items()),
])


@CASES
@given(constructor=calls("RLock"),
       ops=sequences(plain("acquire", "release", "_release_save"), plain("acquire", "release"),
                     st.just(Op("_acquire_restore", (SAVED_STATE,))),
                     calls("acquire", *ACQUIRE), calls("__enter__", *ACQUIRE), calls("release"),
                     calls("__exit__", *EXIT), calls("_is_owned"),
                     *([calls("_recursion_count")] if HAS_RECURSION_COUNT else []),
                     calls("_release_save"), RESTORE, calls("_at_fork_reinit")))
def test_rlock(constructor, ops):
    run_case(RLOCK, constructor, ops)


def test_rlock_methods():
    """The same private methods as the running CPython's RLock (3.10 has no _recursion_count)."""
    private = {"_is_owned", "_release_save", "_acquire_restore", "_recursion_count",
               "_at_fork_reinit", "locked"}
    assert ({name for name in private if hasattr(subject.RLock(), name)}
            == {name for name in private if hasattr(cpython.RLock(), name)})


# --------------------------------------------------------------------------------------------
# Condition


def _satisfied(predicate):
    try:
        return bool(predicate())
    except Exception:
        return True  # CPython raises: no wait


def condition_blocks(oracle, op):
    condition = oracle.obj
    lock = condition._lock
    if op.name == "acquire":
        return held_elsewhere(lock) and lock_acquire_waits(op)
    if op.name == "__enter__":
        return op.bind() is not None and held_elsewhere(lock)
    if op.name == "wait":
        bound = op.bind(("timeout", None))
        return (bound is not None and condition._is_owned()
                and condition_wait_waits(bound["timeout"]))
    if op.name == "wait_for":
        bound = op.bind(("predicate", MISSING), ("timeout", None))
        return (bound is not None and not _satisfied(bound["predicate"])
                and condition._is_owned() and wait_loop_waits(bound["timeout"]))
    return False


CONDITION = Spec(
    {"owned": lambda side: side.obj._is_owned(),
     "made locks": lambda side: tuple(normalise_repr(repr(lock), side.module)
                                      for lock in side.made)},
    blocks=condition_blocks)

CONDITION_OPS = sequences(
    plain("acquire", "release", "notify", "wait"), plain("acquire", "release", "__enter__"),
    calls("acquire", *ACQUIRE), calls("release"), calls("__enter__"),
    calls("__exit__", *EXIT), calls("wait", ("timeout", TIMEOUTS)),
    calls("wait_for", ("predicate", PREDICATES), ("timeout", TIMEOUTS)),
    calls("notify", ("n", COUNTS)), calls("notify_all"), calls("notifyAll"), calls("_is_owned"))


@CASES
@given(ops=CONDITION_OPS)
def test_condition_over_default_rlock(ops):
    run_case(CONDITION, Op("Condition"), ops)


@CASES
@given(ops=CONDITION_OPS)
def test_condition_over_lock(ops):
    run_case(CONDITION, Op("Condition", (NEW_LOCK,)), ops)


CONDITION_CONSTRUCTORS = st.sampled_from([
    Op("Condition", (NEW_RLOCK,)), Op("Condition", (), {"lock": NEW_LOCK}.items()),
    Op("Condition", (None,)), Op("Condition", (5,)), Op("Condition", ("x",)),
    Op("Condition", (NEW_LOCK, 1)), Op("Condition", (), {"foo": 1}.items()),
])


@CASES
@given(constructor=CONDITION_CONSTRUCTORS, ops=CONDITION_OPS)
def test_condition_constructors(constructor, ops):
    run_case(CONDITION, constructor, ops)


# --------------------------------------------------------------------------------------------
# Semaphore, BoundedSemaphore

#: CPython's release(n) notifies n times, one at a time: larger counts take too long to run.
RELEASE_LOOP_LIMIT = 1000


def not_a_long(value):
    return not_an_integer(value) or beyond_long(value)


def semaphore_differs(oracle, op):
    """Deliberate difference (1)."""
    if op.name in ("Semaphore", "BoundedSemaphore"):
        bound = op.bind(("value", 1))
        # A negative value gets CPython's ValueError whatever its type: not a difference.
        return bound is not None and not_a_long(bound["value"]) and not bound["value"] < 0
    if op.name in ("release", "__exit__"):
        # __exit__ is release(1): past a long it meets the same deliberate difference.
        bound = op.bind(("n", 1)) if op.name == "release" else (
            {"n": 1} if op.bind(("t", None), ("v", None), ("tb", None)) is not None else None)
        if bound is None:
            return False
        if not_a_long(bound["n"]):
            return not bound["n"] < 1  # below 1: CPython's ValueError on both sides
        n = index_or_none(bound["n"])
        semaphore = oracle.obj
        bounded = hasattr(semaphore, "_initial_value")
        return not bounded and n is not None and n >= 1 and semaphore._value + n > LONG_MAX
    return False


def semaphore_blocks(oracle, op):
    semaphore = oracle.obj
    if op.name in ("acquire", "__enter__"):
        bound = op.bind(("blocking", True), ("timeout", None))
        return (bound is not None and semaphore._value == 0 and bool(bound["blocking"])
                and wait_loop_waits(bound["timeout"]))
    if op.name == "release":
        bound = op.bind(("n", 1))
        n = None if bound is None else index_or_none(bound["n"])
        if n is None or n <= RELEASE_LOOP_LIMIT:
            return False
        bounded = hasattr(semaphore, "_initial_value")
        return not (bounded and semaphore._value + n > semaphore._initial_value)
    return False


SEMAPHORE = Spec({"value": lambda side: side.obj._value},
                 blocks=semaphore_blocks, differs=semaphore_differs)
BOUNDED_SEMAPHORE = Spec({"value": lambda side: side.obj._value,
                          "initial": lambda side: side.obj._initial_value},
                         blocks=semaphore_blocks, differs=semaphore_differs)

INITIAL_VALUES = st.one_of(st.integers(0, 3), COUNTS)
SEMAPHORE_OPS = sequences(
    plain("acquire", "release", "__enter__"),
    calls("acquire", ("blocking", BLOCKING), ("timeout", TIMEOUTS)),
    calls("acquire", ("blocking", st.booleans())), calls("__enter__", *ACQUIRE),
    calls("release", ("n", COUNTS)), calls("release"), calls("__exit__", *EXIT))


@CASES
@given(constructor=calls("Semaphore", ("value", INITIAL_VALUES)), ops=SEMAPHORE_OPS)
def test_semaphore(constructor, ops):
    run_case(SEMAPHORE, constructor, ops)


@CASES
@given(constructor=calls("BoundedSemaphore", ("value", INITIAL_VALUES)), ops=SEMAPHORE_OPS)
def test_bounded_semaphore(constructor, ops):
    run_case(BOUNDED_SEMAPHORE, constructor, ops)


# --------------------------------------------------------------------------------------------
# Event


def event_blocks(oracle, op):
    if op.name != "wait":
        return False
    bound = op.bind(("timeout", None))
    return (bound is not None and not oracle.obj.is_set()
            and condition_wait_waits(bound["timeout"]))


EVENT = Spec({"is_set": lambda side: side.obj.is_set()}, blocks=event_blocks)


@CASES
@given(constructor=calls("Event"),
       ops=sequences(plain("set", "clear", "is_set", "wait"),
                     calls("set"), calls("clear"), calls("is_set"), calls("isSet"),
                     calls("wait", ("timeout", TIMEOUTS)), calls("_at_fork_reinit")))
def test_event(constructor, ops):
    run_case(EVENT, constructor, ops)


# --------------------------------------------------------------------------------------------
# Barrier


def barrier_blocks(oracle, op):
    barrier = oracle.obj
    if op.name != "wait":
        return False
    bound = op.bind(("timeout", None))
    if bound is None or barrier.broken or 1 == barrier.parties:  # 1 == parties: trips at once
        return False
    timeout = bound["timeout"]
    return wait_loop_waits(barrier._timeout if timeout is None else timeout)


def barrier_differs(oracle, op):
    """Deliberate difference (1): parties must be an integer that fits a long. What CPython
    refuses itself (3.13: ``parties < 1``, a ValueError or the comparison's TypeError) is no
    difference: both sides must raise the same."""
    if op.name != "Barrier":
        return False
    bound = op.bind(("parties", MISSING), ("action", None), ("timeout", None))
    return (bound is not None
            and (index_or_none(bound["parties"]) is None or beyond_long(bound["parties"]))
            and not _refused_by_cpython(bound["parties"]))


def _refused_by_cpython(parties):
    try:
        cpython.Barrier(parties)
    except (TypeError, ValueError):
        return True
    return False


BARRIER = Spec({"parties": lambda side: side.obj.parties,
                "n_waiting": lambda side: side.obj.n_waiting,
                "broken": lambda side: side.obj.broken,
                "action calls": lambda side: side.actions},
               blocks=barrier_blocks, differs=barrier_differs)

PARTIES = st.one_of(st.sampled_from([1, 1, 2, 3]), COUNTS)


@CASES
@given(constructor=calls("Barrier", ("parties", PARTIES), ("action", ACTIONS),
                         ("timeout", TIMEOUTS)),
       ops=sequences(plain("wait", "reset", "abort"), calls("wait", ("timeout", TIMEOUTS)),
                     calls("wait"), calls("reset"), calls("abort")))
def test_barrier(constructor, ops):
    run_case(BARRIER, constructor, ops)


# --------------------------------------------------------------------------------------------
# Module level

STACK_SIZES = st.one_of(
    st.sampled_from([0, 32768, 32767, 65536, 1 << 20, 2**40, LONG_MAX, LONG_MAX + 1, 2**64, -1,
                     -(2**63) - 1, 100, 1, True, False, 32768.0, 1.5, None, "x", []]),
    st.integers(-(2**70), 2**70))


def _restore_stack_size(module):
    # A stack size left set would apply to every thread started later.
    module.stack_size(0)


@CASES
@given(ops=st.lists(calls("stack_size", ("size", STACK_SIZES)), min_size=1, max_size=4))
def test_stack_size(ops):
    compare_calls(ops, restore=_restore_stack_size)


def test_timeout_max():
    assert type(subject.TIMEOUT_MAX) is float
    assert subject.TIMEOUT_MAX == cpython.TIMEOUT_MAX


def test_get_ident_is_a_stable_positive_int():
    ident = subject.get_ident()
    assert type(ident) is int and ident > 0
    assert subject.get_ident() == ident


@CASES
@given(args=st.lists(ANYTHING, min_size=1, max_size=3))
def test_get_ident_rejects_arguments(args):
    compare_calls([Op("get_ident", args)])


@CASES
@given(ops=st.lists(
    st.one_of(positional_calls("excepthook", st.lists(ANYTHING, max_size=3)),
              calls("excepthook", ("args", ANYTHING))),
    min_size=1, max_size=3))
def test_excepthook_rejects_bad_arguments(ops):
    compare_calls(ops, _original_excepthook(cpython), _original_excepthook(subject))


def _original_excepthook(module):
    # pytest replaces threading.excepthook during each test; __excepthook__ is the original.
    return types.SimpleNamespace(excepthook=getattr(module, "__excepthook__", module.excepthook))


SEQUENCES = st.one_of(st.lists(ANYTHING, max_size=6).map(tuple), st.lists(ANYTHING, max_size=6))


@CASES
@given(args=st.one_of(
    st.tuples(st.one_of(SEQUENCES, ANYTHING)),
    st.tuples(SEQUENCES, st.one_of(st.just({}), st.just({"x": 1}), ANYTHING)),
    st.lists(ANYTHING, max_size=3)))
def test_except_hook_args(args):
    compare_calls([Op("ExceptHookArgs", args)])


@CASES
@given(args=st.lists(ANYTHING, max_size=2),
       kwargs=st.dictionaries(st.sampled_from(["x", "foo", "args"]), ANYTHING, max_size=2))
def test_local_rejects_arguments(args, kwargs):
    compare_calls([Op("local", args, kwargs.items())])


def test_exception_types():
    assert subject.ThreadError is RuntimeError
    assert subject.BrokenBarrierError.__name__ == "BrokenBarrierError"
    assert issubclass(subject.BrokenBarrierError, RuntimeError)
    assert outcome(subject.BrokenBarrierError, subject) == outcome(
        cpython.BrokenBarrierError, cpython)
