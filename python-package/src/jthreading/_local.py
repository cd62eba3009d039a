"""jthreading.local: thread-local data.

Python values stay in Python: each thread's attributes are a Python dict that Python's garbage
collector must see (cycles through a local) and that must go when the thread ends. So the
per-thread storage is CPython's own _thread._local. io.jthreading.python.SharedLocal lets Java
code read and write a jthreading.local's attributes on the calling thread; io.jthreading.Local
gives Java-only code the same semantics for Java values.
"""

import _thread


class local(_thread._local):
    """Attributes with one value per thread; a subclass's __init__ runs again in each thread."""

    __slots__ = ()


local.__module__ = "jthreading"
