"""Builds the sdist and one wheel per Python into DIST_DIR, the way a Python user would.

Usage: python build_dists.py DIST_DIR JEP_VERSION PYTHON[,PYTHON...]
PYTHON is a version (repeats are built once) ("3.12", found by pythons.py) or an interpreter path. The sdist is built
with `build` (from the checkout: setup.py gathers the jars Maven built and gathered,
JTHREADING_CORE_JAR and JTHREADING_WHEEL_LIBS, and the native glue's C sources into it); every
wheel is then built by that Python's pip *from the sdist*, so the sdist is proven to build on its
own. Each wheel is checked: its tag names its Python, it carries the jars and the native glue, and
it requires the Jep the Maven build uses.
"""

import re
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pythons

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
BUILD_TOOL = "build==1.2.2.post1"


def build_tools(python_dir):
    """A small venv holding `build` (reused while its pin is unchanged)."""
    python = python_dir / "bin" / "python"
    stamp = python_dir / ".pin"
    if not (python.exists() and stamp.exists() and stamp.read_text() == BUILD_TOOL):
        venv.EnvBuilder(with_pip=True, clear=True).create(python_dir)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        BUILD_TOOL], check=True)
        stamp.write_text(BUILD_TOOL)
    return str(python)


def build_sdist(dist):
    tools = build_tools(PACKAGE / "target" / "build-tools")
    subprocess.run([tools, "-m", "build", "--sdist", "--outdir", str(dist), str(PACKAGE)],
                   check=True, stdout=subprocess.DEVNULL)
    (sdist,) = dist.glob("jthreading-*.tar.gz")
    return sdist


def build_wheel(python, sdist, dist):
    subprocess.run([python, "-m", "pip", "wheel", "-q", "--disable-pip-version-check",
                    "--no-deps", "-w", str(dist), str(sdist)], check=True)


def check_wheel(wheel, version, jep_version):
    tag = pythons.wheel_tag(version)
    problems = []
    if f"-{tag}-{tag}-linux_" not in wheel.name:
        problems.append(f"tag is not {tag}-{tag}-linux_*")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    if "jthreading/_lib/jthreading-core.jar" not in names:
        problems.append("no jthreading/_lib/jthreading-core.jar")
    problems += jar_problems(names)
    if not any(n.startswith("jthreading/_native.") and n.endswith(".so") for n in names):
        problems.append("no jthreading/_native*.so")
    if f"Requires-Dist: jep=={jep_version}" not in metadata.splitlines():
        problems.append(f"does not require jep=={jep_version} (pyproject.toml and the root "
                        "pom.xml's jep.version must name the same Jep release)")
    if problems:
        raise SystemExit(f"jthreading build: bad wheel {wheel.name}: " + "; ".join(problems))


def jar_problems(names):
    """jthreading.distributed's jars and the slf4j provider: present, one release of each
    library, and the provider of the slf4j-api release ZooKeeper uses."""
    problems = []
    releases = {}
    for name in names:
        found = re.fullmatch(r"jthreading/_lib/(distributed|logging)/(.+?)-(\d[^/]*)\.jar", name)
        if found:
            releases.setdefault(found[2], []).append(found[3])
    for library in ("jthreading-distributed", "slf4j-api", "slf4j-simple"):
        if library not in releases:
            problems.append(f"no {library} jar in jthreading/_lib/")
    problems += [f"two releases of {library}: {', '.join(found)}"
                 for library, found in releases.items() if len(found) > 1]
    if releases.get("slf4j-api") != releases.get("slf4j-simple"):
        problems.append(f"slf4j-simple {releases.get('slf4j-simple')} is not the slf4j-api "
                        f"release {releases.get('slf4j-api')} (python-package/pom.xml's "
                        "slf4j.version)")
    return problems


def main(dist_dir, jep_version, python_specs):
    dist = Path(dist_dir)
    if dist.exists():
        shutil.rmtree(dist)
    dist.mkdir(parents=True)
    sdist = build_sdist(dist)
    print(f"build_dists: {sdist.name}")
    built = set()
    for spec in python_specs.split(","):
        python = pythons.find(spec.strip())
        version = pythons.version_of(python)
        if version in built:  # the default Python is usually in the list too
            continue
        built.add(version)
        build_wheel(python, sdist, dist)
        (wheel,) = dist.glob(f"jthreading-*-{pythons.wheel_tag(version)}-*.whl")
        check_wheel(wheel, version, jep_version)
        print(f"build_dists: {wheel.name}")


if __name__ == "__main__":
    main(*sys.argv[1:])
