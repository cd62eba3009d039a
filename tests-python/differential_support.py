"""Machinery for test_differential.py: one sequence of operations applied side by side to a CPython
primitive (the oracle) and a jthreading primitive (the subject), in one thread.

Each operation's outcome (return value or exception type and message, plus any warnings) and the
observable state after it must be equal on both sides. What legitimately differs between any two
runs (addresses, thread idents) and the deliberate difference (2) of test_differential.py (module
names in reprs) are normalised here.

Outside the JVM jthreading has no primitives: the subject is then CPython's ``threading`` itself,
so the harness can be checked with a plain ``python -m pytest``.
"""

import _thread
import operator
import os
import re
import threading as cpython
import time
import warnings
from decimal import Decimal
from fractions import Fraction


def _load_subject():
    try:
        import jthreading
        jthreading.Lock  # ImportError outside the JVM
    except ImportError:
        return cpython
    return jthreading


subject = _load_subject()
SUBJECT_NAME = subject.__name__

#: The longest wait a generated operation may cause in CPython (seconds).
MAX_WAIT = 0.002

#: Java's long: the range of jthreading's counts (deliberate difference (1)).
LONG_MIN, LONG_MAX = -(1 << 63), (1 << 63) - 1

# --------------------------------------------------------------------------------------------
# Normalisation


_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
_MODULE_PREFIX = re.compile(r"\b(?:jthreading|threading|_thread)\.")
# The README: reprs name jthreading.Lock and jthreading.local for _thread.lock, _thread._local.
_CPYTHON_CLASSES = re.compile(r"\b_thread\.(?:lock|_local)\b")
_JTHREADING_CLASSES = {"_thread.lock": "jthreading.Lock", "_thread._local": "jthreading.local"}
_OWNER = re.compile(r"owner=(\d+)")
_OUR_MODULES = {"jthreading", "threading", "_thread"}


def own_ident(module):
    get_ident = getattr(module, "get_ident", None)
    return get_ident() if get_ident else None


def _owner(ident, module):
    if ident == 0:
        return "owner=0"
    return "owner=<me>" if ident == own_ident(module) else "owner=<other>"


#: Queues: queue.Queue, _queue.SimpleQueue and jthreading.queue.* are the same shape.
_QUEUE_MODULE = re.compile(r"\b(?:jthreading\.queue|_queue|queue)\.(?=(?:Lifo|Priority|Simple)?Queue\b)")


def normalise_repr(text, module):
    """A repr's shape: without addresses, module prefixes (deliberate difference (2)) and idents."""
    text = _ADDRESS.sub("0x?", text)
    text = _QUEUE_MODULE.sub("<queue module>.", text)
    text = _CPYTHON_CLASSES.sub(lambda match: _JTHREADING_CLASSES[match.group()], text)
    text = _MODULE_PREFIX.sub("<module>.", text)
    return _OWNER.sub(lambda match: _owner(int(match.group(1)), module), text)


def normalise_value(value, module):
    """A return value as comparable data: its type counts (True is not 1)."""
    if type(value) is tuple:
        return tuple(normalise_value(item, module) for item in value)
    if value is None or type(value) in (bool, int, float, str):
        return (type(value).__name__, repr(value))
    return ("object", normalise_repr(repr(value), module))


def normalise_saved_state(value, module):
    """RLock._release_save()'s (count, owner): the owner compared as "this thread or not"."""
    if type(value) is tuple and len(value) == 2 and type(value[1]) is int:
        count, owner = value
        return (normalise_value(count, module),
                "<me>" if owner == own_ident(module) else "<other>")
    return normalise_value(value, module)


def exception_name(error):
    cls = type(error)
    module = cls.__module__.split(".")[0]
    return f"{'<module>' if module in _OUR_MODULES else module}.{cls.__qualname__}"


def _warning(record):
    # The file a warning is attributed to checks stacklevel: it must be the caller's (this file).
    return ("warning", record.category.__name__, str(record.message),
            os.path.basename(record.filename))


def capture(call, module, normalise=normalise_value):
    """The outcome of ``call()`` and its raw return value (None if it raised).

    The outcome: ("ok", normalised value) or ("raise", type, message), then the warnings given.
    """
    value = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = call()
            result = ("ok", normalise(value, module))
        except Exception as error:
            message = _C_METHOD_NAME.sub(r"\1()", _ADDRESS.sub("0x?", str(error)))
            result = ("raise", exception_name(error), message)
    return result + tuple(_warning(record) for record in caught), value


#: CPython (3.11+) words one error two ways: a C ``__exit__`` or ``_acquire_restore`` called as
#: ``f(**kwargs)`` (as this harness calls) says "__exit__() takes no keyword arguments", called
#: directly "lock.__exit__() ...". jthreading words it as the direct call does; both sides are
#: normalised.
_C_METHOD_NAME = re.compile(r"\b(?:lock|RLock)\.(__exit__|_acquire_restore)\(\)")


def outcome(call, module):
    return capture(call, module)[0]


def raised(result, *names):
    return result[0] == "raise" and result[1] in names


# --------------------------------------------------------------------------------------------
# Operations and their arguments


class PerSide:
    """An argument each side makes for itself: its own module's Lock, its own saved RLock state."""

    def __init__(self, label, make):
        self.label = label
        self.make = make

    def __repr__(self):
        return self.label


class Returns:
    """A predicate or barrier action returning a fixed value, with a readable repr."""

    def __init__(self, value):
        self.value = value

    def __call__(self):
        return self.value

    def __repr__(self):
        return f"Returns({self.value!r})"


class Raises:
    def __init__(self, error):
        self.error = error

    def __call__(self):
        raise self.error

    def __repr__(self):
        return f"Raises({self.error!r})"


MISSING = object()


class Op:
    """A call: method ``name`` of the primitive (or, to construct it, of the module)."""

    def __init__(self, name, args=(), kwargs=()):
        self.name = name
        self.args = tuple(args)
        self.kwargs = tuple(dict(kwargs).items())  # (keyword, value) pairs: each keyword once

    def __repr__(self):
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs]
        return f"{self.name}({', '.join(parts)})"

    def resolved(self, side):
        return Op(self.name, (side.resolve(a) for a in self.args),
                  ((k, side.resolve(v)) for k, v in self.kwargs))

    def call(self, target):
        return getattr(target, self.name)(*self.args, **dict(self.kwargs))

    def bind(self, *params):
        """Arguments by parameter name, defaults filled in; None if Python rejects the call.

        ``params`` are (name, default) pairs; a default of MISSING marks a required parameter.
        """
        names = [name for name, _ in params]
        if len(self.args) > len(names):
            return None
        bound = dict(zip(names, self.args))
        for keyword, value in self.kwargs:
            if keyword not in names or keyword in bound:
                return None
            bound[keyword] = value
        for name, default in params:
            bound.setdefault(name, default)
        return None if MISSING in bound.values() else bound


class Side:
    """One module's half of a case: its primitive and what earlier operations left behind."""

    def __init__(self, module):
        self.module = module
        self.obj = None
        self.saved = None  # the last RLock._release_save() result, for _acquire_restore
        self.made = []  # locks made for this side's constructor arguments
        self.actions = 0  # calls of a recording barrier action

    def resolve(self, value):
        return value.make(self) if isinstance(value, PerSide) else value

    def record_action(self):
        self.actions += 1

    def construct(self, op):
        """Calls ``op`` (resolved for this side) on the module; the result is the primitive."""
        result, self.obj = capture(lambda: op.call(self.module), self.module)
        return result

    def apply(self, op):
        """Calls ``op`` (resolved for this side) on the primitive."""
        if op.name != "_release_save":
            return capture(lambda: op.call(self.obj), self.module)[0]
        result, value = capture(lambda: op.call(self.obj), self.module, normalise_saved_state)
        if result[0] == "ok":
            self.saved = value
        return result


# Arguments each side makes for itself.
NEW_LOCK = PerSide("NEW_LOCK", lambda side: side.made.append(side.module.Lock()) or side.made[-1])
NEW_RLOCK = PerSide("NEW_RLOCK",
                    lambda side: side.made.append(side.module.RLock()) or side.made[-1])
SAVED_STATE = PerSide("SAVED_STATE", lambda side: side.saved)
RECORDING_ACTION = PerSide("RECORDING_ACTION", lambda side: side.record_action)


# --------------------------------------------------------------------------------------------
# The runner


def counts_as_ints(op):
    """Deliberate difference (3): a bool count (Semaphore value, Barrier parties) is kept as an
    int in Java, so jthreading with True must behave as CPython with 1."""
    if op.name not in ("Semaphore", "BoundedSemaphore", "Barrier"):
        return op
    args = tuple(int(a) if i == 0 and type(a) is bool else a for i, a in enumerate(op.args))
    kwargs = tuple((k, int(v) if k in ("value", "parties") and type(v) is bool else v)
                   for k, v in op.kwargs)
    return Op(op.name, args, kwargs)


class Spec:
    """What the runner needs to know of a primitive.

    ``state``: name -> function of a Side, read after every operation (the repr is always read).
    ``blocks(oracle, op)``: True if ``op`` could wait longer than MAX_WAIT in CPython's current
    state; such an operation is applied to neither side (one thread cannot wake itself).
    ``differs(oracle, op)``: True for deliberate difference (1): only the subject runs ``op``, it
    must raise TypeError or OverflowError, and CPython's untouched state is the reference.
    """

    def __init__(self, state, blocks=None, differs=None):
        self.state = state
        self.blocks = blocks or (lambda oracle, op: False)
        self.differs = differs or (lambda oracle, op: False)


def observe(spec, side):
    state = {name: outcome(lambda: read(side), side.module) for name, read in spec.state.items()}
    state["repr"] = outcome(lambda: normalise_repr(repr(side.obj), side.module), side.module)
    return state


class Mismatch(AssertionError):
    pass


def _check(what, history, expected, got):
    if expected != got:
        steps = "".join(f"\n    {step!r}" for step in history)
        raise Mismatch(f"{what} differs after:{steps}\n"
                       f"  cpython:    {expected!r}\n  {SUBJECT_NAME}: {got!r}")


def _check_deliberate(history, got):
    if not raised(got, "builtins.TypeError", "builtins.OverflowError"):
        _check("deliberate difference (1): outcome", history,
               "TypeError or OverflowError (CPython not run)", got)


#: Checking the harness with CPython on both sides: the deliberate differences are skipped.
CHECK_DELIBERATE = subject is not cpython


def run_case(spec, constructor, ops):
    """Construct on both sides, then apply ``ops`` in order, comparing after each step."""
    oracle, tested = Side(cpython), Side(subject)
    history = []
    if _step(spec, oracle, tested, constructor, history, constructing=True) == "ok":
        for op in ops:
            _step(spec, oracle, tested, op, history)


def step(spec, oracle, tested, op, history, constructing=False):
    """One operation on both sides, compared: run_case's step, for test_stateful.py's machines,
    which interleave such steps with calls from other threads."""
    return _step(spec, oracle, tested, op, history, constructing)


def _step(spec, oracle, tested, op, history, constructing=False):
    """Runs ``op`` on both sides and compares; returns CPython's outcome kind ("ok", "raise"),
    or None if CPython did not run it.

    ``op`` is resolved once per side (resolving may make a lock); CPython's resolved op is the one
    the checks look at.
    """
    run = Side.construct if constructing else Side.apply
    in_cpython = counts_as_ints(op.resolved(oracle))
    if spec.differs(oracle, in_cpython):
        if not CHECK_DELIBERATE:
            return None
        history.append(op)
        _check_deliberate(history, run(tested, op.resolved(tested)))
        kind = None
    elif not constructing and spec.blocks(oracle, in_cpython):
        return None  # applied to neither side
    else:
        history.append(op)
        expected = run(oracle, in_cpython)
        _check("outcome", history, expected, run(tested, op.resolved(tested)))
        kind = expected[0]
    if oracle.obj is not None:
        _check("state", history, observe(spec, oracle), observe(spec, tested))
    return kind


def compare_calls(ops, oracle_target=cpython, subject_target=subject, restore=None):
    """Module-level functions: the outcomes of ``ops``, in order, called on CPython's target and
    then on the subject's (one after the other: the two may share state, e.g. the stack size).
    ``restore(target)`` runs after each side's calls."""
    _check("outcomes", ops, _run_calls(ops, oracle_target, cpython, restore),
           _run_calls(ops, subject_target, subject, restore))


def _run_calls(ops, target, module, restore):
    try:
        return [outcome(lambda: op.call(target), module) for op in ops]
    finally:
        if restore is not None:
            restore(target)


# --------------------------------------------------------------------------------------------
# How long CPython waits. Every blocking path of threading ends in a C lock's acquire, a
# Condition.wait, or a loop around Condition.wait (Semaphore.acquire, Condition.wait_for,
# Barrier.wait); these model those three on an object this thread cannot take.


def lock_acquire_waits(op):
    """C lock/RLock ``acquire(blocking, timeout)`` on a lock held by another owner."""
    try:  # a free lock shows whether CPython accepts the arguments; checks come before waiting
        op.call(_thread.allocate_lock())
    except Exception:
        return False
    bound = op.bind(("blocking", True), ("timeout", -1))
    # Accepted: blocking is an int, and a negative timeout can only be -1 (forever).
    return bool(bound["blocking"]) and not 0 <= bound["timeout"] <= MAX_WAIT


def condition_wait_waits(timeout):
    """``Condition.wait(timeout)`` by its owner, with nobody to notify it."""
    if timeout is None:
        return True
    try:
        positive = timeout > 0
    except Exception:
        return False  # CPython raises TypeError
    return bool(positive) and lock_acquire_waits(Op("acquire", (True, timeout)))


def wait_loop_waits(timeout):
    """CPython's ``endtime = _time() + timeout`` loop around Condition.wait, never satisfied."""
    if timeout is None:
        return True
    try:
        endtime = time.monotonic() + timeout
    except Exception:
        return False  # CPython raises TypeError or OverflowError
    if endtime != endtime:
        return True  # NaN: each wait returns at once and the remaining time stays NaN: spins
    return condition_wait_waits(timeout)


def held_elsewhere(lock):
    """Whether this thread would have to wait to acquire a CPython Lock or RLock."""
    if isinstance(lock, _thread.RLock):
        return not lock._is_owned() and not repr(lock).startswith("<unlocked")
    return lock.locked()


# --------------------------------------------------------------------------------------------
# Deliberate difference (1): jthreading's counts are Java longs, taken with operator.index.


def not_an_integer(value):
    """A number CPython's Semaphore compares and adds but jthreading rejects with TypeError."""
    return isinstance(value, (float, Fraction, Decimal))


def index_or_none(value):
    try:
        return operator.index(value)
    except TypeError:
        return None


def beyond_long(value):
    number = index_or_none(value)
    return number is not None and not LONG_MIN <= number <= LONG_MAX
