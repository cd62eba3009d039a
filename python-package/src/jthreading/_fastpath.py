"""The native fast path's switch (issue 5): uncontended transitions in C on the primitives'
shared off-heap state (io.jthreading.internal.OffHeap), Java only to park or wake.

On unless ``JTHREADING_NATIVE=0`` is in the environment or the native glue is missing;
correctness never depends on it (the test command runs the suite both ways).
"""

import os

try:
    from jthreading import _native
except ImportError:
    _native = None

ENABLED = _native is not None and os.environ.get("JTHREADING_NATIVE", "1") != "0"

if ENABLED:
    load = _native.load
    # Not a state word: spares a Java thread's attachment to Python Jep's full garbage collection
    # at close (see jthreading._java_entry.attached).
    skip_collection_at_close = _native.skip_collection_at_close


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


def with_word(primitive, state_address):
    """``primitive`` (a Python façade with a ``_word`` slot) with the address of its shared
    state, asked once from the Java method ``state_address``; unchanged when the fast path is off.
    The address stays valid while the object lives: it holds the Java primitive, which holds the
    memory."""
    if ENABLED and not hasattr(primitive, "_word"):
        primitive._word = state_address(primitive)
    return primitive
