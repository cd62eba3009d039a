package io.jthreading.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults (issue 13): Java threads attaching to Python while the host closes its EmbeddedPython
 * and a Python thread spins. Jep 4.3's attach read the closing interpreter's freed state
 * (SIGSEGV in pyembed_thread_init_shared, every run of 20 rounds before PythonRuntime kept
 * attaches and closes apart); now each attach runs or is refused with "no Python runtime".
 * In a JVM of its own, so that a crash fails this test only.
 */
@Timeout(120)
class AttachWhileClosingTest {
    @Test
    void attachesRacingACloseRunOrAreRefusedNeverCrash(@TempDir Path dir) throws Exception {
        String venv = PythonInstallation.discover().pythonExecutable().getParent().getParent()
                .toString();
        JvmProcess run = JvmProcess.run(dir, AttachWhileClosingHost.class.getName(), venv, "20",
                "4");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("every attach ran or was refused\nrefused after a close: true\n",
                run.stdout(), run.stderr());
    }
}
