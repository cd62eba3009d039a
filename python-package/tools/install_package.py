"""Stages the jthreading package with the jar and native glue it carries, and pip installs it.

Usage: python install_package.py VENV_PYTHON PACKAGE_DIR CORE_JAR NATIVE_DIR STAGING_DIR
The package is installed as a user would install it (a regular, non-editable pip install). A
digest of everything staged is kept, so a rerun with nothing changed skips pip.
"""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path


def stage(package_dir, core_jar, native_dir, staging):
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(package_dir, staging,
                    ignore=shutil.ignore_patterns("target", "tools", "pom.xml", "__pycache__",
                                                  "*.egg-info", "build"))
    package = staging / "src" / "jthreading"
    (package / "_lib").mkdir()
    shutil.copy2(core_jar, package / "_lib" / "jthreading-core.jar")
    for extension in native_dir.glob("_native*.so"):
        shutil.copy2(extension, package / extension.name)


def digest(tree):
    h = hashlib.sha256()
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(tree)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def main(venv_python, package_dir, core_jar, native_dir, staging_dir):
    staging = Path(staging_dir)
    stage(Path(package_dir), Path(core_jar), Path(native_dir), staging)
    stamp = Path(venv_python).parent.parent / ".jthreading-package"
    fingerprint = digest(staging)
    if stamp.exists() and stamp.read_text() == fingerprint:
        print("install_package: jthreading in .venv is up to date")
        return
    subprocess.run([venv_python, "-m", "pip", "install", "--disable-pip-version-check", "-q",
                    "--no-build-isolation", "--no-deps", "--force-reinstall", str(staging)],
                   check=True)
    stamp.write_text(fingerprint)


if __name__ == "__main__":
    main(*sys.argv[1:])
