package io.jthreading.python;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the Python side lives: the interpreter of the environment jthreading was pip installed
 * into, and the Jep native library in it. Found from, in order: the system properties
 * {@code jthreading.python.executable} + {@code jthreading.jep.library} (the launcher sets them),
 * the system property {@code jthreading.venv}, the environment variable {@code JTHREADING_VENV},
 * the environment variable {@code VIRTUAL_ENV}. {@code jthreading info} prints the values.
 *
 * <p>Nothing else is needed: Jep's Java classes come with jthreading-core (Maven's
 * {@code org.ninia:jep}), and libjep.so finds libpython through the run path pip's build gave it.
 * {@link #verify()} checks what can be checked before Jep is loaded, each failure a
 * {@link PythonSetupException} naming the cause.
 */
public record PythonInstallation(Path pythonExecutable, Path jepLibrary) {
    private static final Pattern VERSION_PY = Pattern.compile(
            "^__VERSION__\\s*=\\s*['\"]([^'\"]+)['\"]", Pattern.MULTILINE);

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
        throw new PythonSetupException("cannot find the Python environment with jthreading: set "
                + "-Djthreading.venv=<dir> (or JTHREADING_VENV, or run inside an activated venv: "
                + "VIRTUAL_ENV); `jthreading info` prints it");
    }

    /** The layout pip gives a virtual environment on Linux: lib/pythonX.Y/site-packages/jep. */
    public static PythonInstallation ofVirtualEnv(Path venv) {
        if (!Files.isDirectory(venv)) {
            throw new PythonSetupException("the Python environment " + venv + " does not exist "
                    + "(create it with python3 -m venv and pip install jthreading into it)");
        }
        Path python = venv.resolve("bin").resolve("python");
        if (!Files.exists(python)) {
            throw new PythonSetupException("not a Python environment: " + venv
                    + " has no bin/python");
        }
        List<Path> jepDirs = sitePackages(venv).stream()
                .map(sitePackages -> sitePackages.resolve("jep"))
                .filter(Files::isDirectory)
                .collect(Collectors.toList());
        if (jepDirs.isEmpty()) {
            throw new PythonSetupException("Jep is not installed in the Python environment "
                    + venv + " (no lib/python3.X/site-packages/jep): pip install jep=="
                    + JepClasses.version().orElse("<the org.ninia:jep version on the class path>")
                    + " into it");
        }
        return new PythonInstallation(python, jepDirs.get(0).resolve("libjep.so"));
    }

    /**
     * Checks, before Jep is loaded, that Jep's native library is there, that Jep's Java classes
     * are on the class path, and that both halves are the same release (Jep checks neither: a
     * mismatch shows up later as missing native methods or a crash).
     */
    public void verify() {
        if (!Files.isRegularFile(jepLibrary)) {
            throw new PythonSetupException("Jep's native library " + jepLibrary
                    + " does not exist: is Jep pip installed in the Python environment?");
        }
        JepClasses.require();
        Optional<String> javaSide = JepClasses.version();
        Optional<String> nativeSide = pipJepVersion();
        if (javaSide.isPresent() && nativeSide.isPresent()
                && !javaSide.get().equals(nativeSide.get())) {
            throw new PythonSetupException("Jep version mismatch: the Python environment has Jep "
                    + nativeSide.get() + " (" + jepDirectory() + "), but Jep's Java classes on the "
                    + "class path are " + javaSide.get() + " ("
                    + JepClasses.location().map(Path::toString).orElse("?") + "). Jep's Java and "
                    + "native halves must be one release: pip install jep==" + javaSide.get()
                    + " into the environment, or depend on org.ninia:jep:" + nativeSide.get());
        }
    }

    /** The jep package directory in site-packages (libjep.so, version.py, jep-X.Y.Z.jar). */
    public Path jepDirectory() {
        return jepLibrary.toAbsolutePath().getParent();
    }

    /** The release pip installed: jep/version.py's {@code __VERSION__}, else its jar's name. */
    public Optional<String> pipJepVersion() {
        Path versionPy = jepDirectory().resolve("version.py");
        if (Files.isRegularFile(versionPy)) {
            try {
                Matcher version = VERSION_PY.matcher(Files.readString(versionPy));
                if (version.find()) {
                    return Optional.of(version.group(1));
                }
            } catch (IOException e) {
                // Unreadable: try the jar's name.
            }
        }
        try (Stream<Path> files = Files.list(jepDirectory())) {
            return files
                    .filter(f -> JepClasses.JAR_NAME.matcher(f.getFileName().toString()).matches())
                    .findFirst()
                    .flatMap(JepClasses::versionOf);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The base Python the environment was made from (pyvenv.cfg's {@code home}, its bin
     * directory), where libpython is to be found; empty for a Python that is not a venv.
     */
    public Optional<Path> baseBinDirectory() {
        return pyvenvValue("home").map(Paths::get);
    }

    /** The base Python's version, X.Y.Z (pyvenv.cfg's {@code version}); empty if not a venv. */
    public Optional<String> baseVersion() {
        return pyvenvValue("version").or(() -> pyvenvValue("version_info"));
    }

    private Optional<String> pyvenvValue(String key) {
        Path config = pythonExecutable.toAbsolutePath().getParent().resolveSibling("pyvenv.cfg");
        try {
            Matcher line = Pattern.compile("^" + Pattern.quote(key) + "\\s*=\\s*(.+?)\\s*$",
                    Pattern.MULTILINE).matcher(Files.readString(config));
            return line.find() ? Optional.of(line.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> sitePackages(Path venv) {
        Path lib = venv.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.filter(p -> p.getFileName().toString().startsWith("python"))
                    .sorted()
                    .map(p -> p.resolve("site-packages"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new PythonSetupException("cannot read the Python environment " + venv, e);
        }
    }
}
