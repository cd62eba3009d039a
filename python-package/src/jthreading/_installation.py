"""Where this installation's pieces are: what a JVM needs to embed Python with jthreading.

Runs in a plain python too (the launcher), so it must not import jep: it only finds it.
"""

import importlib.util
import os
import shutil
import sys
import sysconfig
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def core_jar():
    return PACKAGE_DIR / "_lib" / "jthreading-core.jar"


def distributed_jars():
    """jthreading-distributed and its runtime dependencies (ZooKeeper, Curator, Netty, Guava,
    slf4j-api): only jthreading.distributed and ``jthreading zk-server`` need them."""
    return sorted((PACKAGE_DIR / "_lib" / "distributed").glob("*.jar"))


def logging_jars():
    """The slf4j provider (slf4j-simple) that prints what ZooKeeper and Curator log."""
    return sorted((PACKAGE_DIR / "_lib" / "logging").glob("*.jar"))


DISTRIBUTED_MISSING = ("the jars of jthreading.distributed (ZooKeeper, Curator) are missing from "
                       f"{PACKAGE_DIR / '_lib' / 'distributed'}: install a wheel from the "
                       "project's dist/ (or its sdist)")

# What ZooKeeper and Curator print (slf4j-simple, on stderr): errors only by default. Their
# warnings are the connection's ups and downs, which a program sees anyway (the coordinator's
# state, SessionLostException): at "warn" a 3 s server outage printed 20 lines, a 14 s one 103
# (a stack trace per reconnect attempt) and every server start one; at "error", none.
# JTHREADING_LOG_LEVEL sets it ("warn" or "info" to watch the connection).
LOG_LEVELS = ("trace", "debug", "info", "warn", "error", "off")
DEFAULT_LOG_LEVEL = "error"


def log_level():
    level = os.environ.get("JTHREADING_LOG_LEVEL", "").strip().lower() or DEFAULT_LOG_LEVEL
    if level not in LOG_LEVELS:
        raise SystemExit(f"jthreading: JTHREADING_LOG_LEVEL={os.environ['JTHREADING_LOG_LEVEL']} "
                         f"is not one of {', '.join(LOG_LEVELS)}")
    return level


JEP_MISSING = "Jep is not installed in this Python (pip install jep)"


def _found_jep_dir():
    """Jep's package directory, or None."""
    spec = importlib.util.find_spec("jep")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _found_jep_jar():
    """Jep's jar in its package directory, or None."""
    jars = sorted(_found_jep_dir().glob("jep-*.jar"))
    return jars[-1] if jars else None


def jep_dir():
    found = _found_jep_dir()
    if found is None:
        raise SystemExit(f"jthreading: {JEP_MISSING}")
    return found


def jep_jar():
    found = _found_jep_jar()
    if found is None:
        raise SystemExit(f"jthreading: no jep-*.jar in {jep_dir()}")
    return found


def jep_library():
    return jep_dir() / "libjep.so"


def missing_pieces():
    """What this installation lacks to run, each with its cause (empty when complete).

    A wheel carries the jar and the native glue; a package installed some other way (a bare
    copy of src/, a build without Maven's jar) may not, and the JVM would only say
    ClassNotFoundException. Jep is a separate distribution that may be absent or broken.
    The jars of jthreading.distributed are not required: only that sub-package needs them, and
    it names them when they are missing (DISTRIBUTED_MISSING).
    """
    problems = []
    if not core_jar().is_file():
        problems.append(f"the jthreading Java classes ({core_jar()}) are missing: this "
                        "jthreading was installed without its jar; install a wheel from the "
                        "project's dist/ (or its sdist), not a copy of python-package/src")
    if importlib.util.find_spec("jthreading._native") is None:
        problems.append("the native glue (the C extension jthreading._native) is missing from "
                        f"{PACKAGE_DIR}: install the wheel built for this Python "
                        f"({sys.implementation.cache_tag})")
    if _found_jep_dir() is None:
        problems.append(JEP_MISSING)
    else:
        if _found_jep_jar() is None:
            problems.append(f"Jep's jar (jep-*.jar) is missing from {jep_dir()}")
        if not jep_library().is_file():
            problems.append(f"Jep's native library is missing: {jep_library()}")
    return problems


def python_executable():
    return Path(sys.executable)


def libpython_dir():
    return Path(sysconfig.get_config_var("LIBDIR"))


def java_executable():
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise SystemExit("jthreading: no java found (set JAVA_HOME or put java on PATH)")
    return found


def class_path():
    """jthreading, Jep and jthreading.distributed's jars, then whatever the user put in
    $CLASSPATH (their own Java classes), then the slf4j provider: last, so that a provider of
    the user's own comes first and is the one slf4j takes."""
    extra = [p for p in os.environ.get("CLASSPATH", "").split(os.pathsep) if p]
    return os.pathsep.join([str(core_jar()), str(jep_jar()), *map(str, distributed_jars()),
                            *extra, *map(str, logging_jars())])


def server_class_path():
    """``jthreading zk-server``: ZooKeeper's jars and the slf4j provider; no Python, no Jep."""
    return os.pathsep.join(map(str, [core_jar(), *distributed_jars(), *logging_jars()]))


def logging_options():
    """slf4j-simple's level (its own default, INFO, would print every connection)."""
    return [f"-Dorg.slf4j.simpleLogger.defaultLogLevel={log_level()}"]


def jvm_options():
    """The JVM options the launcher passes: where Python is, and native access for Jep.

    The -D options tell io.jthreading.python.PythonInstallation where Python is.
    The logging options: see logging_options().
    --enable-native-access: JDK 24+ warns on stderr when a class path library calls
    System.load (Jep loads libjep.so that way); JDK 17+ accept the option, and with it stay silent.
    -Xss: Python runs on Java threads (the script's, and every jthreading Thread's unless
    stack_size() says otherwise); give them the stack CPython's threads get.
    """
    return [f"-Djthreading.python.executable={python_executable()}",
            f"-Djthreading.jep.library={jep_library()}",
            "--enable-native-access=ALL-UNNAMED",
            f"-Xss{python_thread_stack_kib()}k",
            *logging_options()]


def python_thread_stack_kib():
    """The C stack CPython's threads get, in KiB: the main thread's limit (``ulimit -s``), which
    glibc also gives new threads by default; 8 MiB when it is unlimited. Java's default, 1 MiB
    on Linux x86_64, is too small for Python code that recurses through C (lru_cache, json,
    pickle, re): where CPython raises RecursionError or succeeds, the JVM would crash."""
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    if soft == resource.RLIM_INFINITY or soft <= 0:
        return 8 * 1024
    return max(soft // 1024, 1024)


def jvm_environment():
    env = dict(os.environ)
    # libjep.so links libpython; make sure the loader finds the one this Python uses.
    paths = [str(libpython_dir())] + [p for p in env.get("LD_LIBRARY_PATH", "").split(":") if p]
    env["LD_LIBRARY_PATH"] = ":".join(paths)
    return env
