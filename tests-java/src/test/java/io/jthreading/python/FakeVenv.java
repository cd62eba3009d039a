package io.jthreading.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Python environments that are broken on purpose, made in a temporary directory from the real
 * one the build gives (-Djthreading.venv): the real interpreter and its pyvenv.cfg, with a Jep
 * directory that is missing, of another version, or whose libjep.so lost its way to libpython.
 */
final class FakeVenv {
    final Path root;
    final Path sitePackages;
    private final PythonInstallation real;

    private FakeVenv(Path root, PythonInstallation real) throws IOException {
        this.root = root;
        this.real = real;
        // Same lib/pythonX.Y name as the real environment, so the layout is pip's.
        String pythonDir = real.jepDirectory().getParent().getParent().getFileName().toString();
        this.sitePackages = root.resolve("lib").resolve(pythonDir).resolve("site-packages");
        Files.createDirectories(sitePackages);
        Files.createDirectories(root.resolve("bin"));
        Path realVenv = real.pythonExecutable().toAbsolutePath().getParent().getParent();
        // Copies, not links: JUnit warns about links out of its temporary directories.
        Files.copy(real.pythonExecutable(), root.resolve("bin").resolve("python"));
        Files.copy(realVenv.resolve("pyvenv.cfg"), root.resolve("pyvenv.cfg"));
    }

    /** An environment with a Python and no Jep. */
    static FakeVenv withoutJep(Path dir) throws IOException {
        return new FakeVenv(dir, PythonInstallation.discover());
    }

    /** A copy of the real Jep package: Python starts, but jthreading is not installed. */
    FakeVenv copyRealJep() throws IOException {
        copyJep(Files.readAllBytes(real.jepLibrary()));
        return this;
    }

    /** A Jep directory that says it is {@code version}, with a libjep.so never loaded. */
    FakeVenv jepOfVersion(String version) throws IOException {
        Path jep = Files.createDirectories(sitePackages.resolve("jep"));
        Files.writeString(jep.resolve("version.py"), "__VERSION__ = '" + version + "'\n");
        Files.createFile(jep.resolve("libjep.so"));
        return this;
    }

    /**
     * A copy of the real Jep whose libjep.so has its recorded run path to libpython replaced by a
     * directory that does not exist, as a Jep built without one would be. Empty when the real
     * libjep.so has no run path to the environment's libpython (another way of building it).
     */
    Optional<FakeVenv> jepWithoutRunPath() throws IOException {
        Optional<Path> bin = real.baseBinDirectory();
        if (bin.isEmpty()) {
            return Optional.empty();
        }
        byte[] runPath = (bin.get().resolveSibling("lib") + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] library = Files.readAllBytes(real.jepLibrary());
        int at = indexOf(library, runPath);
        if (at < 0) {
            return Optional.empty();
        }
        for (int i = 1; i < runPath.length - 1; i++) {
            library[at + i] = 'x'; // same length: "/xxxx...", a directory nobody has
        }
        copyJep(library);
        return Optional.of(this);
    }

    /** The real jep package's files, with {@code library} as its libjep.so. */
    private void copyJep(byte[] library) throws IOException {
        Path jep = Files.createDirectories(sitePackages.resolve("jep"));
        try (Stream<Path> files = Files.list(real.jepDirectory())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && !file.equals(real.jepLibrary())) {
                    Files.copy(file, jep.resolve(file.getFileName()));
                }
            }
        }
        Files.write(jep.resolve("libjep.so"), library);
    }

    /** Where the real environment's Python keeps libpython (pyvenv.cfg's home, ../lib). */
    String realLibpythonDirectory() {
        return real.baseBinDirectory().map(bin -> bin.resolveSibling("lib").toString()).orElse("?");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
