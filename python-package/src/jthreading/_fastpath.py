"""The native fast path's switch (issue 5): uncontended transitions in C on the primitives'
shared state words (see io.jthreading.internal.SharedWord), Java only to park or wake.

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
    compare_and_set = _native.compare_and_set
    load = _native.load
    word_address = _native.word_address
    # Not a state word: spares a Java thread's attachment to Python Jep's full garbage collection
    # at close (see jthreading._java_entry.attached).
    skip_collection_at_close = _native.skip_collection_at_close


def with_word(primitive, state_memory):
    """``primitive`` (a Python façade with a ``_word`` slot) with the address of its state word,
    found once through the Java method ``state_memory``; unchanged when the fast path is off."""
    if ENABLED and not hasattr(primitive, "_word"):
        primitive._word = word_address(state_memory(primitive))
    return primitive
