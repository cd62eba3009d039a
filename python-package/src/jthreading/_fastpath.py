"""The native fast path's switch (issue 5): uncontended transitions in C on the primitives'
shared off-heap state (io.jthreading.internal.OffHeap), Java only to park or wake.

On unless ``JTHREADING_NATIVE=0`` is in the environment or the native glue is missing;
correctness never depends on it (the test command runs the suite both ways).
"""

import os

from jthreading import _border

try:
    from jthreading import _native
except ImportError:
    _native = None

ENABLED = _native is not None and os.environ.get("JTHREADING_NATIVE", "1") != "0"

if ENABLED:
    load = _native.load
    PeerRef = _native.PeerRef   # what adopt() puts in a façade's `_word` slot
    # Not a state word: spares a Java thread's attachment to Python Jep's full garbage collection
    # at close (see jthreading._java_entry.attached).
    skip_collection_at_close = _native.skip_collection_at_close

#: {CPython ident: OS thread id} of every thread state (C, 3.11+), for the thread dump; None
#: when the native glue is off.
thread_native_ids = _native.thread_native_ids if ENABLED else None


def install(facade, **operations):
    """Replaces ``facade``'s methods named by keyword with C methods (``_native.FastMethod``)
    doing the named operation's uncontended transition, each falling back to the method it
    replaces; nothing changes when the fast path is off. The façade needs a ``_word`` slot."""
    if ENABLED:
        for attribute, operation in operations.items():
            fallback = facade.__dict__[attribute]
            method = _native.FastMethod(operation, facade, attribute, fallback)
            setattr(facade, attribute, method)


def function(fallback, name, cache=None):
    """``fallback`` (a module function taking no arguments when called fast), or a C function
    (``_native.FastFunction``) that answers from ``cache`` — ``(object, attribute)``, which the
    fallback fills — or, for "get_ident", from the Java thread id C caches; the fallback for every
    call it cannot answer. ``fallback`` itself when the fast path is off."""
    if not ENABLED:
        return fallback
    return _native.FastFunction(name, fallback, cache)


def adopt(primitive, state_address, kind):
    """The one Python object of the Java primitive that ``primitive`` (a façade object Jep just
    made) wraps: the one alive already, or ``primitive`` itself. With the fast path, found
    through the primitive's state block (``_native.adopt``), and the object's ``_word`` slot then
    holds the block's address, asked once from the Java method ``state_address``; without it,
    through the weak registry of ``_border.canonical``. ``kind`` names the block's layout
    ("lock", "rlock", "event", "semaphore", "condition")."""
    if ENABLED:
        return _native.adopt(primitive, state_address(primitive), kind)
    return _border.canonical(primitive)


def java_call(sample, name, signature, receiver_type):
    """With the fast path, the Java method ``name`` (``signature``: longs in, an int or a long
    out) called through JNI with the GIL held (``_native.JavaCall``): only for methods that never
    wait (see SharedQueue.pythonTryPut). It answers None when it could not call; without the
    fast path it is None itself."""
    if ENABLED:
        return _native.JavaCall(sample, name, signature, receiver_type)
    return None


def fast_new(facade, kind, sample, *condition_locks):
    """With the fast path, ``facade()`` is made in C (``_native.FastNew``): the Java constructor
    through JNI and the façade object as Jep would make it, adopted at once; the façade's own
    ``__new__`` stays the fallback for everything else. ``sample``: an object of the façade that
    Jep made, to check its layout against. A Condition also takes the RLock façade (for its
    default lock) and the two lock façades ``Condition(lock)`` is made in C for."""
    if ENABLED:
        fallback = facade.__dict__["__new__"].__func__
        if condition_locks:
            default_lock, *lock_types = condition_locks
            maker = _native.FastNew(kind, facade, fallback, sample, default_lock.__new__,
                                    tuple(lock_types))
        else:
            maker = _native.FastNew(kind, facade, fallback, sample)
        facade.__new__ = maker
