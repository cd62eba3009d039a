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


def jep_dir():
    spec = importlib.util.find_spec("jep")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("jthreading: Jep is not installed in this Python (pip install jep)")
    return Path(list(spec.submodule_search_locations)[0])


def jep_jar():
    jars = sorted(jep_dir().glob("jep-*.jar"))
    if not jars:
        raise SystemExit(f"jthreading: no jep-*.jar in {jep_dir()}")
    return jars[-1]


def jep_library():
    return jep_dir() / "libjep.so"


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
    """jthreading and Jep, then whatever the user put in $CLASSPATH (their own Java classes)."""
    extra = [p for p in os.environ.get("CLASSPATH", "").split(os.pathsep) if p]
    return os.pathsep.join([str(core_jar()), str(jep_jar()), *extra])


def jvm_properties():
    """The -D options that tell io.jthreading.python.PythonInstallation where Python is."""
    return [f"-Djthreading.python.executable={python_executable()}",
            f"-Djthreading.jep.library={jep_library()}"]


def jvm_environment():
    env = dict(os.environ)
    # libjep.so links libpython; make sure the loader finds the one this Python uses.
    paths = [str(libpython_dir())] + [p for p in env.get("LD_LIBRARY_PATH", "").split(":") if p]
    env["LD_LIBRARY_PATH"] = ":".join(paths)
    return env
