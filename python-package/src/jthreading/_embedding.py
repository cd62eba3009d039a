"""Are we inside a JVM that embeds this interpreter through Jep?"""

import sys


def inside_jep():
    # Jep registers its C module as _jep in sys.modules before any Python code runs; importing
    # jep in a plain python raises instead, so this check must not import anything.
    return "_jep" in sys.modules


def java_class(name):
    """A Java class by its full name (inside Jep only).

    ``from io.jthreading import Lock`` cannot work: Python's own ``io`` module wins the import.
    """
    import jep

    # findClass rewrites the UTF-8 bytes of its argument in place ('.' -> '/'), which would
    # corrupt an interned literal shared with other code: hand it a private copy.
    return jep.findClass(name.encode().decode())
