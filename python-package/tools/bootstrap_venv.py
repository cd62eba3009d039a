"""Creates the project's .venv/ and installs the pinned Python tools into it (once).

Usage: python bootstrap_venv.py VENV_DIR REQUIREMENT...
A stamp file remembers what was installed, so a rerun with the same pins costs nothing.
Jep builds from source and needs JAVA_HOME: it is derived from `java` on PATH when unset.
"""

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path


def java_home():
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    java = shutil.which("java")
    if not java:
        sys.exit("bootstrap_venv: no java on PATH and no JAVA_HOME")
    return str(Path(java).resolve().parent.parent)


def main(venv_dir, *requirements):
    venv_dir = Path(venv_dir)
    stamp = venv_dir / ".jthreading-requirements"
    wanted = "\n".join(sorted(requirements)) + "\n"
    python = venv_dir / "bin" / "python"
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        print(f"bootstrap_venv: {venv_dir} is up to date")
        return
    if not python.exists():
        print(f"bootstrap_venv: creating {venv_dir}")
        venv.EnvBuilder(with_pip=True).create(venv_dir)
    env = dict(os.environ, JAVA_HOME=java_home())
    subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                    *requirements], check=True, env=env)
    stamp.write_text(wanted)


if __name__ == "__main__":
    main(*sys.argv[1:])
