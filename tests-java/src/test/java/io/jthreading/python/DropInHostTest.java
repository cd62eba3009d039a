package io.jthreading.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** EmbeddedPython.Option.DROP_IN, each case in a JVM of its own (the mode is process-wide). */
@Timeout(120)
class DropInHostTest {
    private static String venv() {
        return PythonInstallation.discover().pythonExecutable().getParent().getParent().toString();
    }

    @Test
    void dropInGivesTheHostTheStandardLibrarysPrimitives(@TempDir Path dir) throws Exception {
        JvmProcess run = JvmProcess.run(dir, DropInHost.class.getName(), "--drop-in", venv());
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("module jthreading\nqueue lock true, future condition true, "
                + "pool thread seen true, worker woke true\nevent set true\n", run.stdout(),
                run.stderr());
        assertEquals("", run.stderr());
    }

    @Test
    void withoutTheOptionThreadingStaysCPythons(@TempDir Path dir) throws Exception {
        JvmProcess run = JvmProcess.run(dir, DropInHost.class.getName(), "--plain", venv());
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().equals("module threading\n"), run.stdout() + run.stderr());
    }
}
