"""Drop-in mode's Condition, Semaphore, BoundedSemaphore, Event and Barrier: callable and
subclassable, as the standard library and third-party code expect of ``threading``'s.

jthreading's own classes are the Java objects, which Python cannot subclass (the instance must
come from Java's constructor). Under patch(), each of these names is one class that:

- makes a jthreading (Java) object when called itself: ``threading.Event()`` is what Java sees;
- counts those Java objects as its instances (``isinstance``/``issubclass``);
- when subclassed (``class Barrier(threading.Barrier)`` in multiprocessing.synchronize), gives
  the subclass CPython's own pure-Python algorithm for that class: the very functions of the
  running CPython's threading, not a copy, re-bound so that the locks and conditions they make
  (``Lock``, ``RLock``, ``Condition``, the waiter locks of ``Condition.wait``) are jthreading's.

So no primitive's logic is written twice: a call gets Java's, a subclass CPython's. Java sees a
subclass instance as an opaque Python object; the locks and conditions inside it (``_cond``,
``_lock``) are jthreading objects, so its waits are Java waits (Ctrl-C, Thread.interrupt()).
"""

import types

from jthreading._border import BrokenBarrierError

#: In CPython's order: a class's base is built before the class. _RLock is CPython's
#: pure-Python RLock (threading._PyRLock), the twin of its C RLock (threading._CRLock).
_NAMES = ("_RLock", "Condition", "Semaphore", "BoundedSemaphore", "Event", "Barrier")
#: The jthreading class a call of the drop-in class makes, where its name differs.
_JAVA_FACADE = {"_RLock": "RLock"}


class _CallMakesJavaObject(type):
    """The metaclass: calling the drop-in class itself makes the Java-backed object."""

    def __call__(cls, *args, **kwargs):
        java_facade = cls.__dict__.get("_jthreading_java_facade")
        if java_facade is not None:
            return java_facade(*args, **kwargs)
        return super().__call__(*args, **kwargs)

    def __instancecheck__(cls, obj):
        return cls.__subclasscheck__(type(obj))

    def __subclasscheck__(cls, sub):
        if type.__subclasscheck__(cls, sub):
            return True
        twins = cls.__dict__.get("_jthreading_java_twins", ())
        return any(issubclass(sub, twin) for twin in twins)


def facades(module):
    """The drop-in classes for ``module`` (jthreading): {name: class}."""
    real = module._cpython_threading
    made = {}
    namespace = dict(vars(real))  # what CPython's functions look up, with jthreading's locks
    namespace.update(Lock=module.Lock, RLock=module.RLock, _allocate_lock=module.Lock,
                     Condition=module.Condition, BrokenBarrierError=BrokenBarrierError,
                     get_ident=module.get_ident, _active=module._active)  # owners: Java idents
    for name in _NAMES:
        cpython_class = getattr(real, name)
        bases = tuple(made[base.__name__] for base in cpython_class.__bases__
                      if base.__name__ in made) or (object,)
        made[name] = _rebuild(cpython_class, bases, namespace)
        if name == "Semaphore":
            namespace["Semaphore"] = made[name]  # 3.10's BoundedSemaphore calls Semaphore.X
    for name, cls in made.items():
        java_facade = getattr(module, _JAVA_FACADE.get(name, name))
        cls._jthreading_java_facade = java_facade
        twins = [java_facade]
        if name == "Semaphore":  # as in CPython, a BoundedSemaphore is a Semaphore
            twins.append(module.BoundedSemaphore)
        cls._jthreading_java_twins = tuple(twins)
    return made


def python_rlock(drop_in_rlock):
    """threading._PyRLock: CPython's pure-Python RLock itself (its calls make that, not
    jthreading's RLock), over jthreading's Lock; a subclass, so it is no drop-in class."""
    return _CallMakesJavaObject("_RLock", (drop_in_rlock,), {"__module__": "jthreading"})


def _rebuild(cpython_class, bases, namespace):
    attributes = {}
    for key, value in vars(cpython_class).items():
        if key in ("__dict__", "__weakref__"):
            continue
        attributes[key] = _rebind(value, namespace) if isinstance(value, types.FunctionType) \
            else value
    cls = _CallMakesJavaObject(cpython_class.__name__, bases, attributes)
    cls.__module__ = "jthreading"
    for key, value in attributes.items():
        if isinstance(value, types.FunctionType) and "__class__" in value.__code__.co_freevars:
            setattr(cls, key, _rebind(value, namespace, cls))  # super() inside: this class
    return cls


def _rebind(function, namespace, owner=None):
    """``function`` with ``namespace`` as its globals (and ``owner`` as its ``__class__``)."""
    closure = function.__closure__
    if owner is not None:
        closure = tuple(types.CellType(owner) if name == "__class__" else cell
                        for name, cell in zip(function.__code__.co_freevars, closure))
    rebound = types.FunctionType(function.__code__, namespace, function.__name__,
                                 function.__defaults__, closure)
    rebound.__kwdefaults__ = function.__kwdefaults__
    rebound.__qualname__ = function.__qualname__
    rebound.__doc__ = function.__doc__
    return rebound
