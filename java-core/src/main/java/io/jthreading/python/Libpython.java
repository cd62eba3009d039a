package io.jthreading.python;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which libpython Jep runs on. libjep.so names libpythonX.Y.so.1.0 and the dynamic loader
 * looks for it in LD_LIBRARY_PATH, then in the run path pip's build of Jep recorded (the build
 * Python's lib directory), then in the system's directories. When the run path is missing or
 * LD_LIBRARY_PATH points elsewhere, it may find nothing (an UnsatisfiedLinkError from Jep) or,
 * worse, another Python of the same X.Y (a distribution's), which then runs silently with the
 * environment's packages. Both become a {@link PythonSetupException} with the remedy.
 */
final class Libpython {
    private Libpython() {
    }

    /** Throws unless the Python that Jep started is the environment's (pyvenv.cfg's version). */
    static void requireEnvironmentsPython(String running, PythonInstallation installation) {
        installation.baseVersion().ifPresent(recorded -> {
            // X.Y.Z only: pyvenv.cfg may say 3.13.0rc1 where version_info[:3] says 3.13.0.
            String expected = recorded.replaceFirst("^(\\d+\\.\\d+\\.\\d+).*$", "$1");
            if (!expected.equals(running)) {
                throw new PythonSetupException("Jep runs Python " + running + " (" + loaded()
                        + "), not the Python environment's " + expected + ": libjep.so found "
                        + "another Python's libpython. " + remedy(installation));
            }
        });
    }

    /** What to do when libjep.so does not find the environment's libpython. */
    static String remedy(PythonInstallation installation) {
        String lib = directory(installation);
        return "libjep.so looks for libpython in LD_LIBRARY_PATH, in the run path pip's build of "
                + "Jep recorded, and in the system's library directories; this environment's "
                + "Python keeps it in " + lib + ": start the JVM with LD_LIBRARY_PATH=" + lib
                + ", or rebuild Jep so that it records that directory (LDFLAGS=-Wl,-rpath," + lib
                + " pip install --force-reinstall --no-cache-dir jep=="
                + installation.pipJepVersion().orElse("X") + ")";
    }

    private static String directory(PythonInstallation installation) {
        return installation.baseBinDirectory()
                .map(bin -> bin.resolveSibling("lib").toString())
                .orElse("the lib directory of the Python it was made from");
    }

    /** The libpython files mapped into this process (Linux's /proc), for the message. */
    private static String loaded() {
        try (Stream<String> maps = Files.lines(Paths.get("/proc/self/maps"))) {
            String files = maps.filter(line -> line.contains("/libpython"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .distinct()
                    .collect(Collectors.joining(", "));
            return files.isEmpty() ? "libpython: unknown file" : "from " + files;
        } catch (IOException | RuntimeException e) {
            return "libpython: unknown file";
        }
    }
}
