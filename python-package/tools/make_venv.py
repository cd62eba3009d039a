"""Creates a fresh venv and pip installs jthreading's wheel for its Python into it.

Usage: python make_venv.py VENV_DIR PYTHON DIST_DIR JEP_VERSION [REQUIREMENT...]
PYTHON is a version ("3.12") or an interpreter path (pythons.py). VENV_DIR is removed first:
every build tests what a user gets from a clean `pip install` of the wheel in dist/. Jep comes
from PyPI (pip builds it from source once, then from pip's cache; that needs JAVA_HOME, taken
from `java` on PATH when unset). The venv's Jep must be JEP_VERSION, the release the Java side
is compiled and tested against.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pythons


def java_home():
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    java = shutil.which("java")
    if not java:
        sys.exit("make_venv: no java on PATH and no JAVA_HOME")
    return str(Path(java).resolve().parent.parent)


def wheel_for(dist, version):
    tag = pythons.wheel_tag(version)
    wheels = sorted(Path(dist).glob(f"jthreading-*-{tag}-{tag}-*.whl"))
    if not wheels:
        sys.exit(f"make_venv: no jthreading wheel for CPython {version} in {dist} "
                 "(the python-package build makes one per -Dpythons entry)")
    return wheels[-1]


def installed_jep_version(python):
    out = subprocess.run([python, "-c", "import importlib.metadata as m; print(m.version('jep'))"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def main(venv_dir, python_spec, dist, jep_version, *requirements):
    python = pythons.find(python_spec)
    version = pythons.version_of(python)
    venv_dir = Path(venv_dir)
    if venv_dir.exists():
        shutil.rmtree(venv_dir)
    venv_dir.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([python, "-m", "venv", str(venv_dir)], check=True)
    venv_python = str(venv_dir / "bin" / "python")
    env = dict(os.environ, JAVA_HOME=java_home())
    subprocess.run([venv_python, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    f"jep=={jep_version}", *requirements, str(wheel_for(dist, version))],
                   check=True, env=env)
    found = installed_jep_version(venv_python)
    if found != jep_version:
        sys.exit(f"make_venv: {venv_dir} has Jep {found}, the Java side uses {jep_version}")
    print(f"make_venv: {venv_dir} (CPython {version}, Jep {found}, {wheel_for(dist, version).name})")


if __name__ == "__main__":
    main(*sys.argv[1:])
