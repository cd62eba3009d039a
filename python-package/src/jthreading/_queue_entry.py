"""Java-made queues (io.jthreading.queue) entering Python before ``jthreading.queue`` is loaded.

``import jthreading`` must not import the standard library's ``queue``: it binds ``threading``
when it loads, and drop-in mode (``jthreading.patch()``, run after ``import jthreading``) wants
it to bind jthreading. So ``jthreading.queue``, whose classes subclass ``queue.Queue``, loads on
first use, and until then each Java queue class enters Python as a stand-in whose
``_to_python`` (Jep calls it on every object it wraps) loads ``jthreading.queue`` and lets the
object cross again, now as its façade.
"""

from jthreading import _border
from jthreading._embedding import java_class

_PACKAGE = "io.jthreading.queue."
_NAMES = ("SharedQueue", "SharedLifoQueue", "SharedPriorityQueue", "SharedSimpleQueue")

#: Jep's own Python types of the Java queue classes (the type cache will hold the façades).
JAVA_TYPES = {name: java_class(_PACKAGE + name).__pytype__ for name in _NAMES}
#: SharedQueue.pythonTaken, a static method: the class reaches it only while the type cache
#: holds Jep's own type.
python_taken = java_class(_PACKAGE + "SharedQueue").pythonTaken

_Objects = java_class("java.util.Objects")


def _as_facade(self):
    import jthreading.queue  # noqa: F401  (installs the façades)

    return _Objects.requireNonNull(self)  # the same Java object, wrapped anew: the façade


def install():
    for name, java_type in JAVA_TYPES.items():
        if _border.installed_facade(_PACKAGE + name) is java_type:  # not the façade yet
            stand_in = type(name, (java_type,), {"__slots__": (), "_to_python": _as_facade,
                                                 "__module__": __name__})
            _border.install_facade(_PACKAGE + name, stand_in)
