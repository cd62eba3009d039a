"""The sanitizer run (``mvn -B -Pasan -DskipTests verify``; not part of the test command):
the native glue built with AddressSanitizer and UndefinedBehaviorSanitizer, then the native
fuzz and the fast-path tests run against it.

Usage: python run_sanitized.py VENV_DIR DIST_DIR JEP_VERSION PYTHON

Makes a fresh venv from the wheel (python-package/tools/make_venv.py), replaces its
``jthreading._native`` with one compiled from native-glue/src with
``-fsanitize=address,undefined -fno-omit-frame-pointer``, and runs pytest under its launcher
with the sanitizer runtimes preloaded (the JVM and Python are not instrumented, so the
runtime must come first) and ``handle_segv=0``: the JVM uses SIGSEGV itself (implicit null
checks, safepoint polls), which ASan must leave to it. Leak detection is off: the JVM and
CPython keep memory until exit by design. Any sanitizer report fails the run (the report files
are printed); so does a failing test.
"""

import glob
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "python-package"))
sys.path.insert(0, str(ROOT / "python-package" / "tools"))
import jthreading_build  # noqa: E402  (jni.h's folders)

TESTS = ["test_native_fuzz.py", *sorted(p.name for p in HERE.glob("test_fastpath_*.py"))]
SANITIZE = ["-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-fno-sanitize-recover=undefined"]


def runtime(name):
    path = subprocess.run(["gcc", f"-print-file-name={name}"], capture_output=True, text=True,
                          check=True).stdout.strip()
    if not os.path.isabs(path):
        sys.exit(f"run_sanitized: gcc has no {name} (install libasan / libubsan)")
    return path


def venv_paths(venv):
    python = str(Path(venv) / "bin" / "python")
    query = ("import sysconfig, jthreading, os; print(sysconfig.get_paths()['include']); "
             "print(os.path.dirname(jthreading.__file__))")
    include, package = subprocess.run([python, "-c", query], capture_output=True, text=True,
                                      check=True).stdout.split()
    return include, Path(package)


def build_sanitized(venv):
    include, package = venv_paths(venv)
    [target] = package.glob("_native*.so")
    sources = sorted(str(p) for p in (ROOT / "native-glue" / "src").glob("*.c"))
    command = ["gcc", "-shared", "-fPIC", "-O1", "-g", "-Wall", "-Werror", "-pthread",
               *SANITIZE, f"-I{include}", f"-I{ROOT / 'native-glue' / 'src'}",
               *(f"-I{d}" for d in jthreading_build.jni_include_dirs()),
               *sources, "-ldl", "-o", str(target)]
    print("run_sanitized:", " ".join(command), flush=True)
    subprocess.run(command, check=True)
    return target


#: A use after free through the sanitized module: load() of a freed malloc block (malloc and
#: free are ASan's, preloaded). The run is worth something only if this is reported.
USE_AFTER_FREE = """
import ctypes
from jthreading import _native
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
block = libc.malloc(16)
libc.free(block)
_native.load(block)
"""


def check_that_it_catches(venv, env, reports):
    script = reports.parent / "use_after_free.py"
    script.write_text(USE_AFTER_FREE)
    done = subprocess.run([str(Path(venv) / "bin" / "jthreading"), "run", str(script)],
                          env=env, capture_output=True, text=True, timeout=120)
    found = [Path(p).read_text() for p in glob.glob(str(reports / "*"))]
    for report in glob.glob(str(reports / "*")):
        os.unlink(report)
    if done.returncode == 0 or not any("heap-use-after-free" in text for text in found):
        sys.exit("run_sanitized: a use after free in the native glue went unreported: the "
                 f"sanitizer is not active (exit status {done.returncode})\n{done.stderr[-2000:]}")
    print("run_sanitized: the sanitized build reports a use after free (checked)", flush=True)


def main(venv, dist, jep_version, python):
    subprocess.run([sys.executable, str(ROOT / "python-package" / "tools" / "make_venv.py"),
                    venv, python, dist, jep_version, "-r", str(HERE / "requirements.txt")],
                   check=True)
    build_sanitized(venv)
    reports = Path(venv) / "sanitizer-reports"
    reports.mkdir(exist_ok=True)
    for old in reports.glob("*"):
        old.unlink()
    env = dict(os.environ,
               LD_PRELOAD=f"{runtime('libasan.so')}:{runtime('libubsan.so')}",
               ASAN_OPTIONS=("handle_segv=0:detect_leaks=0:allow_user_segv_handler=1:"
                             f"abort_on_error=1:log_path={reports / 'asan'}"),
               UBSAN_OPTIONS=f"print_stacktrace=1:log_path={reports / 'ubsan'}",
               CLASSPATH=str(ROOT / "tests-java" / "target" / "classes"))
    env.pop("JTHREADING_NATIVE", None)  # the fast path on: that is what is sanitized
    check_that_it_catches(venv, env, reports)
    status = subprocess.run([str(Path(venv) / "bin" / "jthreading"), "run", "-m", "pytest",
                             "-p", "no:faulthandler", *TESTS], cwd=HERE, env=env).returncode
    found = sorted(glob.glob(str(reports / "*")))
    for report in found:
        print(f"run_sanitized: report {report}:\n{Path(report).read_text()}", flush=True)
    if status != 0 or found:
        sys.exit(f"run_sanitized: pytest exit status {status}, {len(found)} sanitizer report(s)")
    print(f"run_sanitized: {len(TESTS)} test files clean under ASan + UBSan", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
