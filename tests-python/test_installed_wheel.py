"""The package as a user installs it: a wheel in a venv, used from any directory.

The test command runs this suite from fresh venvs outside the repository, one per supported
Python, each holding only Jep and the wheel built for that Python (python-package/tools/).
"""

import importlib.metadata
import shutil
import subprocess
import sys
from pathlib import Path

import jthreading
from jthreading import _installation

REPOSITORY = Path(__file__).resolve().parent.parent
EVERY_PRIMITIVE = REPOSITORY / "examples" / "every_primitive.py"
LAUNCHER = Path(sys.executable).parent / "jthreading"
TIMEOUT = 120


def test_every_primitive_across_threads_from_another_directory(tmp_path):
    result = subprocess.run([str(LAUNCHER), "run", str(EVERY_PRIMITIVE)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert result.stdout.count("ok  ") == 9, result.stdout
    assert result.stderr == ""  # no JVM warning either, on any JDK


def test_nothing_installed_refers_to_the_build_tree():
    package = Path(jthreading.__file__).resolve().parent
    assert REPOSITORY not in package.parents, package
    assert _installation.core_jar().is_file()
    files = importlib.metadata.distribution("jthreading").files
    assert files, "the installed jthreading has no RECORD"
    mentions = []
    for file in files:
        path = Path(file.locate()).resolve()
        # pip's own record of where the wheel came from (dist/ in this repository), by design.
        if path.name == "direct_url.json" or not path.is_file():
            continue
        # The venv's own paths (shebangs, .pyc file names) may contain the checkout's path:
        # the build keeps its venvs under a folder named after the checkout.
        content = path.read_bytes().replace(sys.prefix.encode(), b"")
        if str(REPOSITORY).encode() in content:
            mentions.append(str(file))
        assert REPOSITORY not in path.parents, path
    assert mentions == []  # no path, .pth or compiled-in string points into the checkout


def test_a_missing_jar_is_named_not_a_class_not_found_exception(tmp_path):
    installed = Path(jthreading.__file__).resolve().parent
    shutil.copytree(installed, tmp_path / "jthreading",
                    ignore=shutil.ignore_patterns("_lib", "__pycache__"))
    script = tmp_path / "prog.py"
    script.write_text("import jthreading\n")
    result = subprocess.run([sys.executable, "-m", "jthreading", "run", str(script)],
                            cwd=tmp_path, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 1
    assert "jthreading Java classes" in result.stderr and "without its jar" in result.stderr
    assert "ClassNotFoundException" not in result.stderr


def test_a_missing_native_glue_is_named(tmp_path):
    installed = Path(jthreading.__file__).resolve().parent
    shutil.copytree(installed, tmp_path / "jthreading",
                    ignore=shutil.ignore_patterns("_native*.so", "__pycache__"))
    result = subprocess.run([sys.executable, "-m", "jthreading", "info"], cwd=tmp_path,
                            env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 1
    assert "native glue" in result.stderr and "jthreading._native" in result.stderr
