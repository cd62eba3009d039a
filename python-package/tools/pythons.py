"""Finds the CPython interpreter for a version ("3.12") or takes a path as given.

Looked up in pyenv's versions (PYENV_ROOT, default ~/.pyenv), then as python3.X on PATH; a
candidate counts only if it runs and reports that version (pyenv's shims exist for versions that
are not active, and fail when run).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

def wheel_tag(version):
    """The interpreter tag a wheel built by CPython VERSION ('3.12') carries: 'cp312'."""
    return "cp" + version.replace(".", "")


def version_of(python):
    """'3.12' for a working interpreter, else None."""
    try:
        out = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def _candidates(version):
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    installed = sorted(root.glob(f"versions/{version}.*/bin/python{version}"),
                       key=lambda p: [int(n) for n in re.findall(r"\d+", p.parent.parent.name)])
    yield from reversed(installed)  # the newest patch release first
    on_path = shutil.which(f"python{version}")
    if on_path:
        yield Path(on_path)


def find(spec):
    """The interpreter for SPEC: a version like '3.12', or a path or command name."""
    if not re.fullmatch(r"3\.\d+", spec):
        path = shutil.which(spec) or spec
        if version_of(path) is None:
            raise SystemExit(f"jthreading build: {spec} is not a working Python interpreter")
        return str(path)
    for candidate in _candidates(spec):
        if version_of(str(candidate)) == spec:
            return str(candidate)
    raise SystemExit(f"jthreading build: no CPython {spec} found (looked in pyenv's versions and "
                     f"for python{spec} on PATH); install it or leave it out of -Dpythons=...")
