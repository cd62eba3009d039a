"""What pyproject.toml cannot say: the C extension and the two inputs that live elsewhere.

The wheel carries three things built outside this folder:
- the jthreading-core jar (``java-core/``, built by Maven: the one definition of the Java build),
- the jars of ``jthreading.distributed`` (``java-distributed/``'s and its runtime dependencies)
  and the slf4j provider, which Maven gathers (``python-package/pom.xml``),
- the native glue, the C extension ``jthreading._native`` (sources in ``native-glue/src``).
Both are gathered into ``_bundled/`` (see ``jthreading_build.bundle``), which the sdist ships; so
the same commands work from a checkout (``pip install ./python-package``, ``python -m build``)
and from the sdist.
"""

import os
import shutil
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

sys.path.insert(0, str(Path(__file__).resolve().parent))
import jthreading_build  # noqa: E402  (this folder's build helper, shipped in the sdist)


class BuildPyWithJar(build_py):
    """The pure-Python part, plus the jars in ``jthreading/_lib/`` and its folders."""

    def run(self):
        # pip builds a checkout in place, in build/: a module deleted from src/ would live on in
        # build/lib and in every later wheel. Start the package's copy afresh (it is small).
        self.remove_tree_if_exists(Path(self.build_lib) / "jthreading")
        super().run()
        bundled = jthreading_build.bundle()
        target = Path(self.build_lib) / "jthreading" / "_lib"
        target.mkdir(parents=True, exist_ok=True)
        self.copy_file(str(bundled.jar), str(target / jthreading_build.JAR_NAME))
        for folder in jthreading_build.JAR_FOLDERS:
            (target / folder).mkdir(exist_ok=True)
            for jar in bundled.jars(folder):
                self.copy_file(str(jar), str(target / folder / jar.name))

    @staticmethod
    def remove_tree_if_exists(path):
        if path.is_dir():
            shutil.rmtree(path)


class BuildNativeGlue(build_ext):
    """``jthreading._native`` against this Python and a JDK's ``jni.h``."""

    def run(self):
        bundled = jthreading_build.bundle()
        include = jthreading_build.jni_include_dirs()
        for extension in self.extensions:
            extension.sources = [str(p.relative_to(jthreading_build.HERE))
                                 for p in bundled.c_sources]
            extension.include_dirs = [str(bundled.native_dir), *include]
            extension.depends = [str(p.relative_to(jthreading_build.HERE))
                                 for p in bundled.native_dir.glob("*.h")]
            if os.environ.get("JTHREADING_STRICT_C") == "1":
                # The project build treats warnings as errors; a user's newer compiler or
                # Python headers may warn where ours do not, so theirs is not stopped by it.
                extension.extra_compile_args.append("-Werror")
        super().run()


class SdistWithBundle(sdist):
    """The sdist ships ``_bundled/`` (MANIFEST.in), refreshed first from the checkout."""

    def run(self):
        jthreading_build.bundle()
        super().run()


setup(
    ext_modules=[Extension(
        "jthreading._native",
        sources=[],  # set by BuildNativeGlue once the bundle is in place
        libraries=["dl"],
        extra_compile_args=["-O2", "-Wall", "-pthread"],
        extra_link_args=["-pthread"],
    )],
    cmdclass={"build_py": BuildPyWithJar, "build_ext": BuildNativeGlue, "sdist": SdistWithBundle},
)
