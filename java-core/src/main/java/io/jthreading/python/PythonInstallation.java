package io.jthreading.python;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * Where the Python side lives: the interpreter of the environment jthreading was pip installed
 * into, and the Jep native library in it. Found from, in order: the system properties
 * {@code jthreading.python.executable} + {@code jthreading.jep.library} (the launcher sets them),
 * the system property {@code jthreading.venv}, the environment variable {@code JTHREADING_VENV},
 * the environment variable {@code VIRTUAL_ENV}. {@code jthreading info} prints the values.
 */
public record PythonInstallation(Path pythonExecutable, Path jepLibrary) {

    public static PythonInstallation discover() {
        String executable = System.getProperty("jthreading.python.executable");
        String jep = System.getProperty("jthreading.jep.library");
        if (executable != null && jep != null) {
            return new PythonInstallation(Paths.get(executable), Paths.get(jep));
        }
        for (String venv : new String[] {System.getProperty("jthreading.venv"),
                System.getenv("JTHREADING_VENV"), System.getenv("VIRTUAL_ENV")}) {
            if (venv != null && !venv.isEmpty()) {
                return ofVirtualEnv(Paths.get(venv));
            }
        }
        throw new IllegalStateException("cannot find the Python environment with jthreading: set "
                + "-Djthreading.venv=<dir> (or JTHREADING_VENV); `jthreading info` prints it");
    }

    /** The layout pip gives a virtual environment on Linux: lib/pythonX.Y/site-packages/jep. */
    public static PythonInstallation ofVirtualEnv(Path venv) {
        Path lib = venv.resolve("lib");
        try (Stream<Path> versions = Files.list(lib)) {
            Path jepDir = versions.filter(p -> p.getFileName().toString().startsWith("python"))
                    .map(p -> p.resolve("site-packages").resolve("jep"))
                    .filter(Files::isDirectory)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Jep installed in " + venv));
            return new PythonInstallation(venv.resolve("bin").resolve("python"),
                    jepDir.resolve("libjep.so"));
        } catch (IOException e) {
            throw new IllegalStateException("not a virtual environment: " + venv, e);
        }
    }
}
