package io.jthreading.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a host is told when the Python side is not as it should be: a PythonSetupException
 * naming the cause, found from the files before Jep is touched (these run in the test JVM,
 * where Python is open or about to be: none of them may start Jep).
 */
@Timeout(60)
class PythonSetupTest {
    @TempDir
    Path dir;

    @Test
    void aMissingEnvironmentIsNamed() {
        Path nowhere = dir.resolve("no-such-venv");
        PythonSetupException e = assertThrows(PythonSetupException.class,
                () -> PythonInstallation.ofVirtualEnv(nowhere));
        assertTrue(e.getMessage().contains(nowhere + " does not exist"), e.getMessage());
    }

    @Test
    void anEnvironmentWithoutJepIsNamed() throws Exception {
        FakeVenv venv = FakeVenv.withoutJep(dir);
        PythonSetupException e = assertThrows(PythonSetupException.class,
                () -> PythonInstallation.ofVirtualEnv(venv.root));
        assertTrue(e.getMessage().startsWith("Jep is not installed in the Python environment "
                + venv.root), e.getMessage());
        assertTrue(e.getMessage().contains("pip install jep==" + JepClasses.version().get()),
                "names the release to install: " + e.getMessage());
    }

    @Test
    void jepHalvesOfTwoReleasesAreRefusedWithBothVersions() throws Exception {
        FakeVenv venv = FakeVenv.withoutJep(dir).jepOfVersion("9.8.7");
        PythonInstallation installation = PythonInstallation.ofVirtualEnv(venv.root);
        assertEquals("9.8.7", installation.pipJepVersion().orElseThrow());
        String mavenJep = JepClasses.version().orElseThrow();

        PythonSetupException e = assertThrows(PythonSetupException.class,
                () -> EmbeddedPython.open(installation));
        assertTrue(e.getMessage().startsWith("Jep version mismatch: the Python environment has "
                + "Jep 9.8.7"), e.getMessage());
        assertTrue(e.getMessage().contains("Java classes on the class path are " + mavenJep),
                e.getMessage());
    }

    @Test
    void theBuildGivesMavensJepAndThePipJepOfTheSameRelease() {
        PythonInstallation real = PythonInstallation.discover();
        real.verify();
        assertTrue(JepClasses.location().orElseThrow().toString().contains("org/ninia/jep"),
                "Jep's classes come from Maven's org.ninia:jep, not the venv: "
                        + JepClasses.location());
        assertEquals(real.pipJepVersion(), JepClasses.version());
    }

    @Test
    void withoutJepsClassesOpenSaysSoInsteadOfNoClassDefFoundError() throws Exception {
        URL core = EmbeddedPython.class.getProtectionDomain().getCodeSource().getLocation();
        URL host = OpenWithoutJep.class.getProtectionDomain().getCodeSource().getLocation();
        // jthreading-core and the host's code, over the JDK's classes: no Jep anywhere.
        try (URLClassLoader noJep = new URLClassLoader(new URL[] {core, host},
                ClassLoader.getPlatformClassLoader())) {
            @SuppressWarnings("unchecked")
            Callable<Throwable> hostCode = (Callable<Throwable>) noJep
                    .loadClass(OpenWithoutJep.class.getName())
                    .getDeclaredConstructor().newInstance();
            Throwable e = hostCode.call();
            assertNotNull(e, "opened Python without Jep?");
            assertEquals(PythonSetupException.class.getName(), e.getClass().getName(),
                    "thrown: " + e);
            assertTrue(e.getMessage().startsWith("Jep's Java classes are not on the class path"),
                    e.getMessage());
        }
    }

    @Test
    void aSecondPythonInTheSameJvmIsRefused() throws Exception {
        FakeVenv other = FakeVenv.withoutJep(dir).copyRealJep();
        try (EmbeddedPython py = EmbeddedPython.open()) { // this JVM's Python, from the build
            PythonInstallation elsewhere = PythonInstallation.ofVirtualEnv(other.root);
            PythonSetupException e = assertThrows(PythonSetupException.class,
                    () -> EmbeddedPython.open(elsewhere));
            assertTrue(e.getMessage().startsWith("Python already runs in this JVM from "),
                    e.getMessage());
        }
    }
}
