"""Gathers what the wheel needs from outside this folder into ``_bundled/`` (used by setup.py).

Two situations, told apart by whether the repository is around this folder:
- a checkout (``../java-core/pom.xml`` exists): the bundle is refreshed from the repository
  every build. The jars are the ones Maven just built and gathered, named by
  ``JTHREADING_CORE_JAR`` and ``JTHREADING_WHEEL_LIBS`` (the Maven build passes both) or, when
  unset (``pip install ./python-package``), built and gathered here with Maven;
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
# Folders of jars the wheel carries in jthreading/_lib/ beside the core jar (python-package's
# pom.xml gathers them into target/wheel-libs): distributed/, jthreading-distributed and its
# runtime dependencies (only jthreading.distributed needs them); logging/, the slf4j provider
# the launcher puts last on the class path.
JAR_FOLDERS = ("distributed", "logging")
# A jar each folder must hold (the start of its file name).
EXPECTED_JARS = {"distributed": "jthreading-distributed-", "logging": "slf4j-simple-"}
WHEEL_LIBS = HERE / "target" / "wheel-libs"


@dataclass(frozen=True)
class Bundle:
    jar: Path
    native_dir: Path
    libs_dir: Path

    @property
    def c_sources(self):
        return sorted(self.native_dir.glob("*.c"))

    def jars(self, folder):
        return sorted((self.libs_dir / folder).glob("*.jar"))


def in_checkout():
    return (REPOSITORY / "java-core" / "pom.xml").is_file() and \
        (REPOSITORY / "native-glue" / "src").is_dir()


@functools.lru_cache(maxsize=None)
def bundle():
    """The bundle, refreshed from the repository when building from a checkout."""
    found = Bundle(jar=BUNDLE / JAR_NAME, native_dir=BUNDLE / "native-glue",
                   libs_dir=BUNDLE / "libs")
    if in_checkout():
        _refresh(found)
    missing = [str(p) for p in (found.jar, found.native_dir) if not p.exists()]
    missing += [f"{found.libs_dir / folder}/{start}*.jar" for folder, start in EXPECTED_JARS.items()
                if not any(j.name.startswith(start) for j in found.jars(folder))]
    if missing or not found.c_sources:
        raise SystemExit(
            "jthreading: cannot build: this source tree has neither the repository around it "
            f"nor a complete _bundled/ (missing: {', '.join(missing) or 'C sources'}). "
            "Build from a checkout of the repository or from the sdist in its dist/.")
    return found


def _refresh(found):
    jar, libs = _jars_from_repository()
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)
    found.native_dir.mkdir(parents=True)
    shutil.copy2(jar, found.jar)
    for folder in JAR_FOLDERS:
        (found.libs_dir / folder).mkdir(parents=True)
        for lib in (libs / folder).glob("*.jar"):
            shutil.copy2(lib, found.libs_dir / folder / lib.name)
    for source in (REPOSITORY / "native-glue" / "src").iterdir():
        if source.suffix in (".c", ".h"):
            shutil.copy2(source, found.native_dir / source.name)


def _jars_from_repository():
    """The core jar and the folder of the other jars: given by the Maven build, else built."""
    given_jar = os.environ.get("JTHREADING_CORE_JAR")
    given_libs = os.environ.get("JTHREADING_WHEEL_LIBS")
    if given_jar and not Path(given_jar).is_file():
        raise SystemExit(f"jthreading: JTHREADING_CORE_JAR={given_jar} is not a file")
    if given_libs and not Path(given_libs).is_dir():
        raise SystemExit(f"jthreading: JTHREADING_WHEEL_LIBS={given_libs} is not a folder")
    target = REPOSITORY / "java-core" / "target"
    if not (given_jar and given_libs) and (
            _stale(_built_core_jar(target), _core_inputs())
            or _stale(_built_distributed_jar(), [*_core_inputs(), *_distributed_inputs()])):
        _build_jars_with_maven()
    jar = Path(given_jar) if given_jar else _built_core_jar(target)
    if jar is None:
        raise SystemExit(f"jthreading: Maven built no jthreading-core jar in {target}")
    return jar, Path(given_libs) if given_libs else WHEEL_LIBS


def _built_core_jar(target):
    jars = [p for p in target.glob("jthreading-core*.jar")
            if not p.name.endswith(("-sources.jar", "-javadoc.jar"))]
    return max(jars, key=lambda p: p.stat().st_mtime) if jars else None


def _built_distributed_jar():
    jars = sorted((WHEEL_LIBS / "distributed").glob("jthreading-distributed-*.jar"))
    return jars[-1] if jars else None


def _core_inputs():
    return [REPOSITORY / "pom.xml", REPOSITORY / "java-core" / "pom.xml",
            *(REPOSITORY / "java-core" / "src").rglob("*")]


def _distributed_inputs():
    return [HERE / "pom.xml", REPOSITORY / "java-distributed" / "pom.xml",
            *(REPOSITORY / "java-distributed" / "src").rglob("*")]


def _stale(jar, inputs):
    """No jar, or a Java source or POM newer than it (Maven itself takes ~10 s to say no)."""
    if jar is None:
        return True
    built = jar.stat().st_mtime
    return any(p.is_file() and p.stat().st_mtime > built for p in inputs)


def _build_jars_with_maven():
    """java-core's and java-distributed's jars, and the other jars gathered into WHEEL_LIBS by
    python-package's pom.xml (its sdist, wheel and venv steps skipped)."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise SystemExit("jthreading: building from a checkout needs Maven (mvn on PATH) to "
                         "build the jars; or pip install the sdist or a wheel from dist/")
    subprocess.run([mvn, "-B", "-q", "-f", str(REPOSITORY / "pom.xml"), "-pl", "python-package",
                    "-am", "-DskipTests", "-Djthreading.dists.skip=true", "package"], check=True)


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
