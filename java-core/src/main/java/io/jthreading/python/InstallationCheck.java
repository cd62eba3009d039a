package io.jthreading.python;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Checks that this JVM can embed Python with jthreading, without starting a program:
 * <pre>
 *   java -cp CLASSPATH io.jthreading.python.InstallationCheck [--open] [VENV]
 * </pre>
 * VENV defaults to what {@link PythonInstallation#discover()} finds. Without {@code --open} it
 * checks the files ({@link PythonInstallation#verify()}: Jep in the environment, Jep's Java
 * classes on the class path, both of one release); with it, it also opens Python and imports
 * jthreading. Prints one line and exits 0, or prints the cause on stderr and exits 1. The build
 * runs it before the Java tests, so that a Jep version mismatch fails there, by name.
 */
public final class InstallationCheck {
    private InstallationCheck() {
    }

    public static void main(String[] args) {
        boolean open = false;
        Path venv = null;
        for (String arg : args) {
            if (arg.equals("--open")) {
                open = true;
            } else if (venv == null && !arg.startsWith("-")) {
                venv = Paths.get(arg);
            } else {
                System.err.println("usage: InstallationCheck [--open] [VENV]");
                System.exit(2);
            }
        }
        try {
            PythonInstallation installation = venv == null
                    ? PythonInstallation.discover() : PythonInstallation.ofVirtualEnv(venv);
            installation.verify();
            // verify() lets an unknown version pass (classes from a folder, a repackaged jar);
            // a check that cannot compare must not say OK.
            if (installation.pipJepVersion().isEmpty() || JepClasses.version().isEmpty()) {
                throw new PythonSetupException("cannot tell which Jep release is installed: "
                        + "environment " + installation.pipJepVersion().orElse("unknown")
                        + ", Java classes " + JepClasses.version().orElse("unknown"));
            }
            String python = open ? openedPython(installation) : "";
            System.out.println("jthreading: OK: " + installation.pythonExecutable() + python
                    + ", Jep " + installation.pipJepVersion().get() + " (Java classes "
                    + JepClasses.version().get() + ")");
        } catch (PythonSetupException e) {
            System.err.println("jthreading: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String openedPython(PythonInstallation installation) {
        try (EmbeddedPython py = EmbeddedPython.open(installation)) {
            py.exec("import sys\n_version = sys.version.split()[0]");
            return " (Python " + py.get("_version") + ", jthreading imported)";
        }
    }
}
