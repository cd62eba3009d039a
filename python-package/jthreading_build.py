"""Gathers what the wheel needs from outside this folder into ``_bundled/`` (used by setup.py).

Two situations, told apart by whether the repository is around this folder:
- a checkout (``../java-core/pom.xml`` exists): the bundle is refreshed from the repository
  every build. The jar is the one named by ``JTHREADING_CORE_JAR`` (the Maven build passes the
  jar it just built) or, when unset (``pip install ./python-package``), built here with Maven;
- an unpacked sdist: ``_bundled/`` came with it and is used as it is.
A missing piece stops the build with a message naming it.
"""

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
BUNDLE = HERE / "_bundled"
JAR_NAME = "jthreading-core.jar"


@dataclass(frozen=True)
class Bundle:
    jar: Path
    native_dir: Path

    @property
    def c_sources(self):
        return sorted(self.native_dir.glob("*.c"))


def in_checkout():
    return (REPOSITORY / "java-core" / "pom.xml").is_file() and \
        (REPOSITORY / "native-glue" / "src").is_dir()


@functools.lru_cache(maxsize=None)
def bundle():
    """The bundle, refreshed from the repository when building from a checkout."""
    found = Bundle(jar=BUNDLE / JAR_NAME, native_dir=BUNDLE / "native-glue")
    if in_checkout():
        _refresh(found)
    missing = [str(p) for p in (found.jar, found.native_dir) if not p.exists()]
    if missing or not found.c_sources:
        raise SystemExit(
            "jthreading: cannot build: this source tree has neither the repository around it "
            f"nor a complete _bundled/ (missing: {', '.join(missing) or 'C sources'}). "
            "Build from a checkout of the repository or from the sdist in its dist/.")
    return found


def _refresh(found):
    jar = _core_jar_from_repository()
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)
    found.native_dir.mkdir(parents=True)
    shutil.copy2(jar, found.jar)
    for source in (REPOSITORY / "native-glue" / "src").iterdir():
        if source.suffix in (".c", ".h"):
            shutil.copy2(source, found.native_dir / source.name)


def _core_jar_from_repository():
    given = os.environ.get("JTHREADING_CORE_JAR")
    if given:
        if not Path(given).is_file():
            raise SystemExit(f"jthreading: JTHREADING_CORE_JAR={given} is not a file")
        return Path(given)
    target = REPOSITORY / "java-core" / "target"
    if _stale(_built_core_jar(target)):
        _build_core_jar_with_maven()
    jar = _built_core_jar(target)
    if jar is None:
        raise SystemExit(f"jthreading: Maven built no jthreading-core jar in {target}")
    return jar


def _built_core_jar(target):
    jars = [p for p in target.glob("jthreading-core*.jar")
            if not p.name.endswith(("-sources.jar", "-javadoc.jar"))]
    return max(jars, key=lambda p: p.stat().st_mtime) if jars else None


def _stale(jar):
    """No jar, or a Java source or POM newer than it (Maven itself takes ~10 s to say no)."""
    if jar is None:
        return True
    inputs = [REPOSITORY / "pom.xml", REPOSITORY / "java-core" / "pom.xml",
              *(REPOSITORY / "java-core" / "src").rglob("*")]
    built = jar.stat().st_mtime
    return any(p.is_file() and p.stat().st_mtime > built for p in inputs)


def _build_core_jar_with_maven():
    mvn = shutil.which("mvn")
    if mvn is None:
        raise SystemExit("jthreading: building from a checkout needs Maven (mvn on PATH) to "
                         "build java-core; or pip install the sdist or a wheel from dist/")
    subprocess.run([mvn, "-B", "-q", "-f", str(REPOSITORY / "pom.xml"), "-pl", "java-core",
                    "-am", "-DskipTests", "package"], check=True)


def jni_include_dirs():
    """``jni.h`` and its Linux part from JAVA_HOME, else from the JDK whose javac is on PATH."""
    homes = []
    if os.environ.get("JAVA_HOME"):
        homes.append(Path(os.environ["JAVA_HOME"]))
    javac = shutil.which("javac")
    if javac:
        homes.append(Path(javac).resolve().parent.parent)
    for home in homes:
        if (home / "include" / "jni.h").is_file():
            return [str(home / "include"), str(home / "include" / "linux")]
    raise SystemExit("jthreading: building jthreading._native needs a JDK's jni.h: set "
                     "JAVA_HOME to a JDK (17 or later) or put its javac on PATH")
