"""The Java classes behind jthreading.distributed, or ImportError with what is missing.

The distributed jars (io.jthreading.distributed, Apache Curator, Apache ZooKeeper) are optional
on the class path, so the sub-package checks for them once, when it is imported, rather than
failing with a Java NoClassDefFoundError at the first call.
"""

from jthreading._embedding import inside_jep, java_class

if not inside_jep():
    raise ImportError(
        "jthreading.distributed needs the JVM: run the program with `jthreading run SCRIPT` "
        "(or embed Python from Java with io.jthreading.python.EmbeddedPython)")

PACKAGE = "io.jthreading.distributed."

# A class of each jar the façades reach: ours, Curator's framework and recipes, ZooKeeper's.
_REQUIRED = (PACKAGE + "Coordinator",
             "org.apache.curator.framework.CuratorFrameworkFactory",
             "org.apache.curator.framework.recipes.locks.InterProcessMutex",
             "org.apache.zookeeper.ZooKeeper")


def _load(name):
    try:
        return java_class(name)
    except Exception:  # Jep's RuntimeError around Java's NoClassDefFoundError
        raise ImportError(
            f"jthreading.distributed needs the Java class {name}, which is not on the class "
            "path: it comes with the jthreading-distributed jar and its runtime jars (Apache "
            "Curator, Apache ZooKeeper). Install a jthreading wheel that bundles them, or add "
            "them to CLASSPATH", name="jthreading.distributed") from None


for _name in _REQUIRED:
    _load(_name)


def distributed_class(simple_name):
    """A class of io.jthreading.distributed by its simple name."""
    return _load(PACKAGE + simple_name)
