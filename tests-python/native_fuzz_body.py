"""The body of test_native_fuzz.py, run in a launcher subprocess so that a crash fails one test.

Usage: jthreading run native_fuzz_body.py GROUP SEED CALLS
(FUZZ_DEBUG=1 prints each call to stderr before making it: the last one printed crashed.)

Each group makes CALLS seeded random calls of one kind of entry point with wrong types, counts,
keywords, a wrong ``self``, objects made without their Java object, with their ``_word`` slot
deleted or replaced, stale PeerRefs and foreign Jep objects. Every call must return or raise a
proper Python exception (``ALLOWED``); anything else (SystemError, a Java exception's text, a
crash) is reported. Prints one line ``RESULT {json}`` and exits 0 when every call was proper.

Not fuzzed, by design: the raw addresses that ``_native.load(int)`` reads and ``_native.adopt``
links (like ctypes, they trust their caller: jthreading passes Java's stateAddress()), and a
FastNew whose kind names another primitive's layout than its façade's (also trusted; called by
jthreading once per façade at import). Both are fuzzed with every other kind of bad argument.
"""

import gc
import json
import math
import queue as cpython_queue
import random
import sys
import threading as cpython
import warnings
import weakref

import jep

import jthreading
import jthreading.queue
from jthreading import _fastpath

_native = _fastpath._native if _fastpath.ENABLED else None

#: Proper answers to bad input. RuntimeError includes Jep's "Instantiate this class before
#: calling an object method." (an object made by object.__new__) and BrokenBarrierError.
ALLOWED = (TypeError, ValueError, AttributeError, RuntimeError, OverflowError,
           cpython_queue.Empty, cpython_queue.Full)
#: Never proper: C code that forgot to set an exception, or a Java exception's text leaking.
IMPROPER_TEXT = ("java.lang.", "io.jthreading.", "Exception:")
#: Jep's hash and == of an object made by object.__new__ (no Java object): Jep's own answer to
#: an object CPython would not have let be made (object.__new__(_thread.lock) is a TypeError).
JEP_UNBORN = "java.lang.NullPointerException"
UNBORN = set()  # ids of such objects in the pool (they live as long as the pool)

DEBUG = bool(__import__("os").environ.get("FUZZ_DEBUG"))
ArrayList = jep.findClass("java.util.ArrayList")
PRIMITIVES = (jthreading.Lock, jthreading.RLock, jthreading.Event, jthreading.Semaphore,
              jthreading.BoundedSemaphore, jthreading.Condition)


class Stats:
    def __init__(self):
        self.calls = 0
        self.outcomes = {}
        self.improper = []

    def call(self, label, function, *args, **kwargs):
        """function(*args, **kwargs); its outcome counted; None if it raised."""
        self.calls += 1
        if DEBUG: print("CALL", label, args, kwargs, file=sys.stderr, flush=True)
        try:
            result = function(*args, **kwargs)
        except ALLOWED as error:
            name = type(error).__name__
            if (any(text in str(error) for text in IMPROPER_TEXT)
                    and not (label.endswith("(unborn)") and str(error) == JEP_UNBORN)):
                self.improper.append(f"{label}: {name}: {error}")
            self.outcomes[name] = self.outcomes.get(name, 0) + 1
            return None
        except BaseException as error:  # SystemError and the like
            self.improper.append(f"{label}: {type(error).__name__}: {error}")
            return None
        self.outcomes["ok"] = self.outcomes.get("ok", 0) + 1
        return result


def values(rng):
    """A pool of odd values, fresh per draw where it matters (objects of both languages)."""
    pool = [None, True, False, 0, 1, -1, 2**31, 2**63, -(2**63) - 1, 2**100, 0.0, -0.0, 1.5,
            math.nan, math.inf, -math.inf, "", "x", "\ud800", "lock", "condition", "semaphore",
            "lock.acquire", "cached", "get_ident", "(J)I", "()J", b"x", (), (1, 2), (None, "x"),
            [], {}, object(), object, int, type, dict, print, lambda *a, **k: None,
            cpython.Lock(), cpython.RLock(), cpython.Event(), ArrayList(),
            jep.findClass("java.lang.Object"), *[cls for cls in PRIMITIVES]]
    return pool + odd_objects(rng)


def odd_objects(rng):
    """Façade objects in every bad state C might meet."""
    made = [cls() for cls in PRIMITIVES] + [jthreading.Barrier(2), jthreading.queue.Queue()]
    unborn = [object.__new__(cls) for cls in PRIMITIVES]  # no Java object, no _word
    UNBORN.update(id(obj) for obj in unborn)
    wordless = [cls() for cls in PRIMITIVES]
    for obj in wordless:
        if hasattr(obj, "_word"):  # without the fast path it is never set
            del obj._word
    swapped = [cls() for cls in PRIMITIVES]  # each holds another object's _word
    donors = [rng.choice(PRIMITIVES)() for _ in swapped]
    for obj, donor in zip(swapped, donors):
        obj._word = getattr(donor, "_word", None)
    junk = [cls() for cls in PRIMITIVES]
    for obj in junk:
        obj._word = rng.choice([12345, -1, 0, None, "x", 1.5, object()])
    stale = stale_peer_refs()
    staled = [cls() for cls in PRIMITIVES]
    for obj, ref in zip(staled, stale):
        obj._word = ref
    return made + unborn + wordless + swapped + donors + junk + stale + staled


def stale_peer_refs():
    """PeerRefs that outlived their façade (and its Java primitive's state, once collected)."""
    refs = []
    for cls in PRIMITIVES:
        obj = cls()
        word = getattr(obj, "_word", None)
        dead = weakref.ref(obj)
        del obj
        gc.collect()
        assert dead() is None, cls
        refs.append(word)
    return refs


def args_for(rng, pool, most=4):
    return [rng.choice(pool) for _ in range(rng.randint(0, most))]


def kwargs_for(rng, pool):
    names = ["blocking", "timeout", "n", "foo", "self", "kind", "address"]
    return {rng.choice(names): rng.choice(pool) for _ in range(rng.choice([0, 0, 0, 1, 2]))}


# --------------------------------------------------------------------------------------------
# Groups


def fast_methods(rng, stats, calls):
    """Every FastMethod of every façade, called with any self and any arguments (never one that
    could block: the fast path never waits, but its fallback would)."""
    methods = [(cls, name, value) for cls in PRIMITIVES for name, value in vars(cls).items()
               if type(value) is _native.FastMethod]
    assert len(methods) >= 20, methods
    safe_args = [(False,), (False, -1), (), (1, 2, 3), (None, None, None), (False, 0.001),
                 ("x",), (0,), (-1,), (2**100,), (math.nan,)]
    pool = values(rng)
    for _ in range(calls):
        if rng.random() < 0.02:
            pool = values(rng)  # fresh objects: some states are one-way (stale, locked ...)
        cls, name, method = rng.choice(methods)
        own = [v for v in pool if isinstance(v, cls)]  # of its class, in every odd state
        self = rng.choice(own if rng.random() < 0.7 else pool)
        args = list(rng.choice(safe_args))
        kwargs = {}
        if rng.random() < 0.2:
            kwargs = {"blocking": False} if rng.random() < 0.5 else {"foo": rng.choice(pool)}
        if not could_block(cls, name, self, args, kwargs):
            stats.call(f"{cls.__name__}.{name}", method, self, *args, **kwargs)
            stats.call(f"{cls.__name__}.{name} unbound", method)
        # Bound the state: give everything back that may have been taken.
        if rng.random() < 0.1:
            release_all(pool)


def could_block(cls, name, self, args, kwargs):
    """acquire/__enter__ with blocking left True on something taken: the fallback would wait.
    Anything blocks for a moment at most with blocking=False, so only that case is avoided."""
    if name not in ("acquire", "__enter__", "acquire_lock"):
        return False
    if kwargs.get("blocking") is False or (args and args[0] is False):
        return False
    return True


def release_all(pool):
    for obj in pool:
        for _ in range(3):
            try:
                obj.release()
            except BaseException:
                break


def native_functions(rng, stats, calls):
    """The module's functions and types, with any arguments."""
    pool = values(rng)
    live = [cls() for cls in PRIMITIVES]
    words = [obj._word for obj in live] + stale_peer_refs()
    no_address = [v for v in pool if not isinstance(v, int) or v in (0, 2**100, -(2**63) - 1)]
    entries = {
        # load: a PeerRef, 0, no int at all; never a random address (see the top).
        "load": lambda: _native.load(*rng.choice([[rng.choice(words)], [rng.choice(no_address)],
                                                  args_for(rng, no_address)])),
        "adopt": lambda: _native.adopt(*adopt_args(rng, pool, no_address, live)),
        "detach_at_thread_exit": lambda: _native.detach_at_thread_exit(*args_for(rng, pool, 2)),
        "attach_named": lambda: _native.attach_named(*args_for(rng, pool, 3)),
        "thread_exit_stats": lambda: _native.thread_exit_stats(*args_for(rng, pool, 1)),
        "attachment_close_stats": lambda: _native.attachment_close_stats(*args_for(rng, pool, 1)),
        "skip_collection_at_close": lambda: _native.skip_collection_at_close(
            *(args_for(rng, pool, 2) or [None])),  # arguments only: never arm this thread
        "PeerRef": lambda: peer_ref(rng, pool, stats),
        "FastMethod": lambda: fast_method(rng, pool, stats),
        "FastFunction": lambda: fast_function(rng, pool, stats),
        "JavaCall": lambda: java_call(rng, pool, stats),
        "FastNew": lambda: fast_new(rng, pool, stats, live),
    }
    # Module functions added later (not named above) get arguments too, never an int (one of
    # them might be an address).
    for name in dir(_native):
        function = getattr(_native, name)
        if name not in entries and not name.startswith("_") and not isinstance(function, type):
            entries[name] = (lambda function: lambda: function(
                *args_for(rng, [v for v in no_address if not isinstance(v, int)], 3)))(function)
    names = sorted(entries)
    for i in range(calls):
        name = names[i % len(names)] if i < len(names) else rng.choice(names)
        stats.call(name, entries[name])
        if rng.random() < 0.05:
            release_all(live)
    # A Python-started thread (no Jep interpreter) may register and be attached by name.
    done = []
    thread = cpython.Thread(target=lambda: done.append(
        (stats.call("thread detach", _native.detach_at_thread_exit),
         stats.call("thread attach", _native.attach_named, "fuzz\ud800", True),
         stats.call("thread attach", _native.attach_named, "fuzz-thread", 0),
         stats.call("thread skip", _native.skip_collection_at_close))))
    thread.start()
    thread.join(30)
    assert done, "the thread did not finish"


def adopt_args(rng, pool, no_address, live):
    args = _adopt_args(rng, pool, no_address, live)
    if DEBUG: print("ADOPT", args, file=sys.stderr, flush=True)
    return args


def _adopt_args(rng, pool, no_address, live):
    choice = rng.random()
    if choice < 0.4:  # any count, but never an address (the second argument) that is an int
        args = args_for(rng, pool, 4)
        return args[:1] + [rng.choice(no_address)] + args[2:] if len(args) > 1 else args
    if choice < 0.7:  # no address, with anything else
        return [rng.choice(pool), rng.choice(no_address), rng.choice(pool)]
    # A real block and its own object, with a kind that is no kind.
    obj = rng.choice(live)
    return [obj, int(obj._word) or 0, rng.choice(["", "x", "\ud800", None, 5, "Lock", "lock\0"])]


def peer_ref(rng, pool, stats):
    ref = _native.PeerRef(*args_for(rng, pool, 3))
    stats.call("int(PeerRef)", int, ref)
    stats.call("load(PeerRef)", _native.load, ref)
    stats.call("PeerRef()", ref)
    return ref


OPERATIONS = ["lock.acquire", "lock.release", "lock.__exit__", "lock.locked", "event.is_set",
              "rlock.acquire", "rlock.release", "rlock.__exit__", "semaphore.acquire",
              "semaphore.release", "semaphore.__exit__", "condition.acquire",
              "condition.release", "condition.__exit__", "condition.notify",
              "condition.notify_all", "nope", ""]


def fast_method(rng, pool, stats):
    """A FastMethod over any owner (a façade, a class with a `_word` slot, a builtin), then
    called with any self; the fallback records its calls instead of waiting."""
    class Slotted:
        __slots__ = ("_word", "__weakref__")
    owner = rng.choice([*PRIMITIVES, Slotted, int, object, dict, type, rng.choice(pool)])
    args = [rng.choice(OPERATIONS + [rng.choice(pool)]), owner, rng.choice(["acquire", 5]),
            rng.choice([lambda *a, **k: "fallback", print, None, 5])]
    if rng.random() < 0.2:
        args = args_for(rng, pool, 5)
    method = _native.FastMethod(*args)
    for _ in range(4):
        self = rng.choice(pool + [Slotted(), slotted_with(rng.choice(pool))])
        stats.call("FastMethod()", method, self, *args_for(rng, pool, 2))
    stats.call("FastMethod repr", repr, method)
    stats.call("FastMethod reduce", method.__reduce__)
    stats.call("FastMethod get", method.__get__, rng.choice(pool), rng.choice(pool))
    return method


def slotted_with(word):
    class Slotted:
        __slots__ = ("_word",)
    obj = Slotted()
    obj._word = word
    return obj


def fast_function(rng, pool, stats):
    args = [rng.choice(["get_ident", "cached", "x", 5]), rng.choice(pool),
            rng.choice([None, (object(), "x"), (jthreading, "Lock"), (1,), "ab", rng.choice(pool)])]
    if rng.random() < 0.2:
        args = args_for(rng, pool, 4)
    function = _native.FastFunction(*args)
    stats.call("FastFunction()", function, *args_for(rng, pool, 2))
    stats.call("FastFunction attr", getattr, function, rng.choice(["__name__", "__doc__", "x"]))
    stats.call("FastFunction reduce", function.__reduce__)
    return function


def java_call(rng, pool, stats):
    queue_type = type(jthreading.queue.Queue()).__mro__[1]
    sample = rng.choice([jthreading.queue.Queue(), ArrayList(), rng.choice(pool)])
    receiver_type = rng.choice([queue_type, type(sample), object, dict, jthreading.Lock,
                                rng.choice(pool)])
    args = [sample, rng.choice(["pythonTryPut", "pythonTryGet", "size", "x", rng.choice(pool)]),
            rng.choice(["(J)I", "()J", "()I", "(JJJJJ)I", "(I)I", "", "(J)", rng.choice(pool)]),
            receiver_type]
    if rng.random() < 0.2:
        args = args_for(rng, pool, 5)
    call = _native.JavaCall(*args)
    for _ in range(4):
        receiver = rng.choice(pool + [object.__new__(jthreading.queue.Queue),
                                      reclassed(queue_type)])
        stats.call("JavaCall()", call, receiver, *args_for(rng, pool, 2))
    return call


def reclassed(jep_type):
    """A foreign Java object whose Python class was set to another Jep type (Python allows it:
    same layout): C must not call that type's Java methods on it."""
    obj = ArrayList()
    obj.__class__ = jep_type
    return obj


FAST_NEW_KINDS = {jthreading.Lock: "lock", jthreading.RLock: "rlock", jthreading.Event: "event",
                  jthreading.Condition: "condition"}


def fast_new(rng, pool, stats, live):
    facade = rng.choice([*FAST_NEW_KINDS, jthreading.Semaphore, int, dict, rng.choice(pool)])
    kind = rng.choice(["lock", "rlock", "event", "condition", "semaphore", "barrier", "x",
                       "\ud800", rng.choice(pool)])
    sample = rng.choice(live + [object.__new__(jthreading.Lock), ArrayList(), {}, rng.choice(pool)])
    default_lock = rng.choice([jthreading.RLock.__new__, jthreading.Lock.__new__, None, print,
                               rng.choice(pool)])
    lock_types = rng.choice([(jthreading.Lock, jthreading.RLock), (jthreading.Event, int),
                             (jthreading.Lock,), (), rng.choice(pool)])
    args = [kind, facade, rng.choice([lambda *a, **k: "fallback", None]), sample, default_lock,
            lock_types][:rng.randint(3, 6)]
    maker = _native.FastNew(*args)
    # Trusted (see the top): only a kind that is its façade's layout is called.
    if FAST_NEW_KINDS.get(facade) == kind:
        for _ in range(3):
            made = stats.call("FastNew()", maker, *rng.choice(
                [[facade], [facade, rng.choice(pool)], [rng.choice(pool)], []]))
            if made is not None and made != "fallback":
                stats.call("made is its own", lambda: made._to_python() is made or 1 / 0)
    return maker


def facades(rng, stats, calls):
    """Every public and private method of every primitive façade, on objects in odd states,
    with odd arguments; both with and without the fast path."""
    never = {"wait", "wait_for", "join", "_acquire_restore", "__init__", "__new__",
             "__init_subclass__", "__class__", "__setattr__", "__delattr__", "__reduce__",
             "__reduce_ex__", "__getstate__", "__dir__", "__subclasshook__"}
    pool = values(rng)
    for i in range(calls):
        if i % 100 == 99:
            pool = values(rng)
        obj = rng.choice([v for v in pool
                          if getattr(type(v), "__module__", "").startswith("jthreading")])
        names = [n for n in python_api(obj) if n not in never]
        if not names:
            continue
        name = rng.choice(names)
        args = args_for(rng, pool, 3)
        if name in ("acquire", "__enter__", "acquire_lock", "get", "put"):
            args = [False] + args[:1]  # never waits
        elif name in ("notify", "notify_all", "notifyAll", "release", "__exit__"):
            pass
        unborn = " (unborn)" if id(obj) in UNBORN else ""
        stats.call(f"{type(obj).__name__}.{name}{unborn}", lambda: getattr(obj, name)(*args))
        if rng.random() < 0.1:
            release_all(pool)
    # Barrier properties read the shared mirror through `_word`: any value there is safe.
    barrier = jthreading.Barrier(2)
    for word in values(rng)[:60] + [12345, -1, 0, 1 << 40]:
        barrier._word = word
        stats.call("Barrier.n_waiting", lambda: barrier.n_waiting)
        stats.call("Barrier.broken", lambda: barrier.broken)


#: The CPython counterpart of each façade: its names are the Python API (Jep also shows the
#: Java methods, such as Event.await, which wait without a timeout).
COUNTERPARTS = {jthreading.Lock: cpython.Lock, jthreading.RLock: cpython.RLock,
                jthreading.Event: cpython.Event, jthreading.Semaphore: cpython.Semaphore,
                jthreading.BoundedSemaphore: cpython.BoundedSemaphore,
                jthreading.Condition: cpython.Condition,
                jthreading.Barrier: lambda: cpython.Barrier(2),
                jthreading.queue.Queue: cpython_queue.Queue}


def python_api(obj):
    counterpart = COUNTERPARTS.get(type(obj))
    if counterpart is None:
        return []
    return sorted(set(dir(counterpart())) & set(dir(type(obj))))


def regressions(rng, stats, calls):
    """What the fuzz found, each case once, with its exact answer (a crash before the fix)."""
    def expect(label, error, function, *args):
        stats.calls += 1
        try:
            function(*args)
        except error:
            return
        except BaseException as other:
            stats.improper.append(f"{label}: {type(other).__name__}: {other}")
            return
        stats.improper.append(f"{label}: no {error.__name__}")

    # A `_word` moved to an object of another kind: an RLock's fast path wrote its owner and
    # count over the Lock's block (its peer pointer), and a later adopt read a junk pointer.
    rlock, lock = jthreading.RLock(), jthreading.Lock()
    rlock._word = lock._word
    assert rlock.acquire() and rlock.acquire() and rlock._is_owned()
    assert not lock.locked() and _native.load(lock._word) == 0, "the lock's block was written"
    rlock.release()
    rlock.release()
    assert jthreading.Condition(lock)._lock is lock  # the lock enters Python again: adopted
    # A `_word` moved to an object of the same kind: C acts on the object's own state only.
    first, second = jthreading.Lock(), jthreading.Lock()
    second._word = first._word
    assert second.acquire() and second.locked() and not first.locked()
    second.release()
    # FastFunction's cache that is no tuple: SystemError from PyArg_ParseTuple before.
    expect("FastFunction cache", TypeError, _native.FastFunction, "cached", print, "ab")
    # adopt's kind: "lock\0" matched "lock" (a Semaphore's block linked as a Lock's), an
    # undecodable str crashed in strcmp(NULL).
    semaphore = jthreading.Semaphore(1)
    expect("adopt NUL kind", ValueError, _native.adopt, semaphore, int(semaphore._word), "lock\0")
    expect("adopt surrogate kind", (ValueError, UnicodeError), _native.adopt, semaphore,
           int(semaphore._word), "\ud800")
    # Slots looked up through tp_dict, which is NULL for 3.12+'s static builtin types.
    expect("FastMethod over int", TypeError, _native.FastMethod, "lock.acquire", int, "x", print)
    expect("adopt an int", TypeError, _native.adopt, 5, int(semaphore._word), "semaphore")
    # Samples and receivers read as Jep objects: a dict's fields were taken for a jobject.
    expect("JavaCall dict", TypeError, _native.JavaCall, {}, "size", "()I", dict)
    expect("FastNew dict", TypeError, _native.FastNew, "lock", dict, print, {})
    queue_type = type(jthreading.queue.Queue()).__mro__[1]
    try_get = _native.JavaCall(jthreading.queue.Queue(), "pythonTryGet", "()J", queue_type)
    assert try_get(object.__new__(jthreading.queue.Queue)) is None   # no Java object
    assert try_get(reclassed(queue_type)) is None                      # an ArrayList
    # Barrier's n_waiting and broken read `_word` as an address when it was an int.
    barrier = jthreading.Barrier(2)
    barrier._word = 12345
    assert barrier.n_waiting == 0 and barrier.broken is False
    # Façades have no order, in CPython's words (Jep's: "Invalid comparison operation ...").
    try:
        jthreading.Lock() < jthreading.Lock()
    except TypeError as error:
        assert "'<' not supported between instances of" in str(error), error


GROUPS = {"fast_methods": fast_methods, "native_functions": native_functions,
          "facades": facades, "regressions": regressions}


def main(group, seed, calls):
    warnings.simplefilter("ignore")
    if group != "facades" and _native is None:
        sys.exit("native_fuzz_body: the native fast path is off")
    rng = random.Random(int(seed))
    stats = Stats()
    GROUPS[group](rng, stats, int(calls))
    gc.collect()
    print("RESULT " + json.dumps({"group": group, "calls": stats.calls,
                                  "outcomes": stats.outcomes,
                                  "improper": stats.improper[:40]}))
    sys.stdout.flush()
    sys.exit(1 if stats.improper else 0)


if __name__ == "__main__":
    main(*sys.argv[1:])
