"""Python's threading module, implemented in Java and shared with Java code (io.jthreading).

The primitives exist only inside a JVM that embeds CPython through Jep: start programs with
``jthreading run script.py`` (or embed Python from Java with io.jthreading.python.EmbeddedPython).
In a plain ``python`` only the launcher (``python -m jthreading``) is available.
"""

from jthreading._embedding import inside_jep

if inside_jep():
    from jthreading._lock import Lock
    from jthreading._event import Event
    from jthreading._pytime import TIMEOUT_MAX

    ThreadError = RuntimeError
else:
    def __getattr__(name):
        if name.startswith("_"):  # private names and submodules: the normal import path
            raise AttributeError(name)
        raise ImportError(
            f"jthreading.{name} needs the JVM: run the program with `jthreading run SCRIPT` "
            "(or embed Python from Java with io.jthreading.python.EmbeddedPython)")
