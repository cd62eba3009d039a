"""Python objects that Java holds: a registry of key -> object behind Java handles.

Java holds an io.jthreading.python.PythonObject (or its subclass PythonCallable), which is only
a key; the object stays here. ``from_java`` turns a handle back into the very object it stands
for, on any thread, so identity survives a trip through Java. Making a handle converts no
Python object to Java: Jep refuses that on threads it did not create, and would turn an ``int``
or a ``str`` into a new Java value, losing identity.

An object stays registered while Java can reach its handle: Java queues the keys of collected
handles, and ``register`` drops them every ``_DRAIN_EVERY`` keys (one Java call, not
one per object).
"""

import itertools

import _jep

from jthreading._embedding import java_class

_PythonObject = java_class("io.jthreading.python.PythonObject")
_PythonCallable = java_class("io.jthreading.python.PythonCallable")

# The types Jep gives instances of these classes (a Java class and its instances' Python type
# are different objects in Jep). Key 0 is never registered, so these two handles release nothing.
_HANDLE_TYPES = frozenset((type(_PythonObject(0)), type(_PythonCallable(0))))
# Every Java object's Python type is made by Jep's PyJType (jthreading's façades included);
# Java arrays are PyJArray.
_JAVA_METATYPE = type(type(_PythonObject(0)))
_JAVA_ARRAY = type(_jep.jarray(0, _jep.JINT_ID))

#: A power of two: the hot paths that inline register (jthreading.queue) test ``key & DRAIN_MASK``.
_DRAIN_EVERY = 64
DRAIN_MASK = _DRAIN_EVERY - 1

# The GIL makes each dict operation and next() on the counter atomic: no lock is needed.
_registry = {}
_keys = itertools.count(1)


def register(obj):
    """A new key under which ``obj`` stays reachable until Java releases it."""
    key = next(_keys)
    _registry[key] = obj
    if not key & DRAIN_MASK:
        release_collected()
    return key


def release_collected():
    """Drop the objects whose handles Java has collected."""
    for key in _PythonObject.drainReleasedKeys():
        _registry.pop(key, None)


def is_java(value):
    """Is ``value`` a Java object as Jep shows it (not a Python object Java would need a handle for)?"""
    kind = type(value)
    return type(kind) is _JAVA_METATYPE or kind is _JAVA_ARRAY


def to_java(obj):
    """What Java gets for ``obj``: a Java object as itself, anything else as a PythonObject."""
    if is_java(obj):  # handles included: a handle goes back to Java as itself
        return obj
    return _PythonObject(register(obj))


def from_java(value):
    """What Python gets for ``value`` from Java: the object a handle stands for, else ``value``."""
    if type(value) in _HANDLE_TYPES:
        return _registry[value.key()]
    return value


def lookup(key):
    return _registry[key]


#: ``claim(key[, default])``: the object registered under ``key``, its registration dropped; for
#: a key no handle was made for (a shared queue's Python items: see io.jthreading.queue.
#: PythonItem). The dict's own pop, as it is on the path of every queue get.
claim = _registry.pop


def size():
    """How many objects Java may still hold handles to (for leak tests)."""
    return len(_registry)
