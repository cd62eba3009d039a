package io.jthreading.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures that happen while Jep starts, once per process, so each runs in a JVM of its own
 * ({@link InstallationCheck}, as a host would run it): the message names the cause, the exit
 * code is 1, and no Java stack trace (an UnsatisfiedLinkError from deep inside Jep) reaches
 * the user.
 */
@Timeout(120)
class PythonSetupProcessTest {
    @TempDir
    Path dir;

    @Test
    void theRealEnvironmentOpens() throws Exception {
        JvmProcess run = JvmProcess.run(dir, InstallationCheck.class.getName(), "--open",
                PythonInstallation.discover().pythonExecutable().getParent().getParent().toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().startsWith("jthreading: OK: "), run.stdout());
        assertTrue(run.stdout().contains("jthreading imported"), run.stdout());
        assertEquals("", run.stderr(), "nothing on stderr, on any JDK");
    }

    @Test
    void libjepThatCannotFindTheEnvironmentsLibpythonIsExplained() throws Exception {
        Path venvDir = Files.createDirectories(dir.resolve("venv"));
        FakeVenv made = FakeVenv.withoutJep(venvDir);
        Optional<FakeVenv> venv = made.jepWithoutRunPath();
        Assumptions.assumeTrue(venv.isPresent(), "this libjep.so has no run path to libpython");

        JvmProcess run = JvmProcess.run(dir, InstallationCheck.class.getName(), "--open",
                venvDir.toString());
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        // Which of the two depends on the machine: whether the system has a libpython of the
        // same X.Y (Debian's python3.11, say) for the loader to find instead.
        boolean notFound = run.stderr().startsWith("jthreading: cannot load Jep's native library ")
                && run.stderr().contains("libpython");
        boolean another = run.stderr().startsWith("jthreading: Jep runs Python ")
                && run.stderr().contains("found another Python's libpython");
        assertTrue(notFound || another, run.stderr());
        assertTrue(run.stderr().contains("LD_LIBRARY_PATH=" + made.realLibpythonDirectory()),
                run.stderr());
        assertNoStackTrace(run);
    }

    @Test
    void anEnvironmentWithoutJthreadingIsNamed() throws Exception {
        Path venvDir = Files.createDirectories(dir.resolve("venv"));
        FakeVenv.withoutJep(venvDir).copyRealJep();

        JvmProcess run = JvmProcess.run(dir, InstallationCheck.class.getName(), "--open",
                venvDir.toString());
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stderr().startsWith("jthreading: jthreading is not installed in the Python "
                + "environment of " + venvDir.resolve("bin").resolve("python")), run.stderr());
        assertNoStackTrace(run);
    }

    @Test
    void theCheckFailsTheBuildOnAJepVersionMismatch() throws Exception {
        Path venvDir = Files.createDirectories(dir.resolve("venv"));
        FakeVenv.withoutJep(venvDir).jepOfVersion("4.0.0");

        JvmProcess run = JvmProcess.run(dir, InstallationCheck.class.getName(), venvDir.toString());
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stderr().startsWith("jthreading: Jep version mismatch: the Python "
                + "environment has Jep 4.0.0"), run.stderr());
        assertNoStackTrace(run);
    }

    private static void assertNoStackTrace(JvmProcess run) {
        assertFalse(run.stderr().contains("\tat "), "a stack trace reached the user: " + run.stderr());
        assertEquals("", run.stdout());
    }
}
