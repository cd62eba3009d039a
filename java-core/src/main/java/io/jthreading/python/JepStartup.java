package io.jthreading.python;

import java.nio.file.Path;

import jep.JepException;
import jep.MainInterpreter;
import jep.PyConfig;
import jep.SharedInterpreter;

/**
 * Starts Jep (once per process: Jep embeds one CPython) and opens interpreters with jthreading's
 * entry points, turning what goes wrong on the way into a {@link PythonSetupException} that
 * names the cause. Kept apart from {@link EmbeddedPython} so that loading that class never
 * needs Jep's: the checks of {@link PythonInstallation#verify()} run first.
 */
final class JepStartup {
    private static PythonInstallation configured;

    private JepStartup() {
    }

    /**
     * An interpreter on the calling thread, jthreading imported and its entry points defined;
     * with {@code dropIn}, jthreading.patch() called (drop-in mode: idempotent, process-wide).
     */
    static SharedInterpreter open(PythonInstallation installation, boolean dropIn) {
        configureOnce(installation);
        SharedInterpreter interpreter = start(installation);
        try {
            // The loader may have bound libjep.so to another Python's libpython of the same X.Y.
            Libpython.requireEnvironmentsPython(interpreter.getValue(
                    "'%d.%d.%d' % __import__('sys').version_info[:3]", String.class), installation);
            // Entry points for Java threads attached to this interpreter (PythonRuntime):
            // attachments share these globals.
            interpreter.exec("import jthreading\n"
                    + "from jthreading._java_entry import attached as __jthreading_attached__, "
                    + "call as __jthreading_call__, "
                    + "truth as __jthreading_truth__, run_thread as __jthreading_run_thread__, "
                    + "new_local as __jthreading_new_local__, "
                    + "local_get as __jthreading_local_get__, "
                    + "local_has as __jthreading_local_has__, "
                    + "local_set as __jthreading_local_set__, "
                    + "local_delete as __jthreading_local_delete__, "
                    + "python_stacks as __jthreading_python_stacks__");
            if (dropIn) {
                interpreter.exec("jthreading.patch()");
            }
        } catch (PythonSetupException e) {
            interpreter.close();
            throw e;
        } catch (JepException e) {
            interpreter.close();
            if (String.valueOf(e.getMessage()).contains("No module named 'jthreading'")) {
                throw new PythonSetupException("jthreading is not installed in the Python "
                        + "environment of " + installation.pythonExecutable()
                        + ": pip install jthreading into it", e);
            }
            throw e;
        }
        return interpreter;
    }

    /** Jep allows one configuration per process, before the first interpreter. */
    private static synchronized void configureOnce(PythonInstallation installation) {
        if (configured != null) {
            if (!same(configured.pythonExecutable(), installation.pythonExecutable())) {
                throw new PythonSetupException("Python already runs in this JVM from "
                        + configured.pythonExecutable() + " (Jep embeds one Python per process): "
                        + "cannot also open " + installation.pythonExecutable());
            }
            return;
        }
        MainInterpreter.setJepLibraryPath(installation.jepLibrary().toString());
        MainInterpreter.setInitParams(
                new PyConfig().setProgramName(installation.pythonExecutable().toString()));
        configured = installation;
    }

    private static SharedInterpreter start(PythonInstallation installation) {
        try {
            return new SharedInterpreter();
        } catch (UnsatisfiedLinkError e) {
            throw new PythonSetupException(cannotLoad(installation, e), e);
        } catch (Error e) {
            // Jep's answer to every attempt after a failed first one; the cause is the first error.
            if (e.getCause() instanceof UnsatisfiedLinkError) {
                throw new PythonSetupException(cannotLoad(installation, e.getCause()), e);
            }
            throw e;
        }
    }

    private static String cannotLoad(PythonInstallation installation, Throwable error) {
        String message = "cannot load Jep's native library " + installation.jepLibrary() + ": "
                + error.getMessage();
        return String.valueOf(error.getMessage()).contains("libpython")
                ? message + ". " + Libpython.remedy(installation) : message;
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
