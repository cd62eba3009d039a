package io.jthreading.python;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * Jep's Java half as this JVM sees it: whether its classes are on the class path, and which
 * release they are. Only names Jep's classes by string, so that it works (and can say what is
 * wrong) when they are absent.
 */
final class JepClasses {
    private static final String PROBE = "jep.MainInterpreter";
    // Maven Central's jar says its version in the Maven metadata it carries; a jar without it
    // (the one pip builds into site-packages) is named jep-X.Y.Z.jar.
    private static final String[] POM_PROPERTIES = {
        "META-INF/maven/org.ninia/jep/pom.properties",
        "META-INF/maven/black.ninia/jep/pom.properties",
    };
    static final Pattern JAR_NAME = Pattern.compile("jep-(\\d+(?:\\.\\d+)+)\\.jar");

    private JepClasses() {
    }

    /** Throws unless Jep's classes can be loaded by the loader that loaded jthreading. */
    static void require() {
        probe();
    }

    /** Jep's release, when its jar says (empty for a directory of classes or an unnamed jar). */
    static Optional<String> version() {
        return location().flatMap(JepClasses::versionOf);
    }

    /** Where Jep's classes come from (a jar or a directory), when the JVM says. */
    static Optional<Path> location() {
        CodeSource source = probe().getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<String> versionOf(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String name : POM_PROPERTIES) {
                ZipEntry entry = file.getEntry(name);
                if (entry != null) {
                    Properties properties = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        properties.load(in);
                    }
                    String version = properties.getProperty("version");
                    if (version != null) {
                        return Optional.of(version.trim());
                    }
                }
            }
        } catch (IOException e) {
            // Not readable as a jar: fall back to its name.
        }
        Matcher name = JAR_NAME.matcher(jar.getFileName().toString());
        return name.matches() ? Optional.of(name.group(1)) : Optional.empty();
    }

    private static Class<?> probe() {
        try {
            return Class.forName(PROBE, false, JepClasses.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PythonSetupException("Jep's Java classes are not on the class path: "
                    + "jthreading-core depends on org.ninia:jep (the release pip installed into "
                    + "the Python environment); add it, or put the venv's jep/jep-X.Y.Z.jar on "
                    + "the class path", e);
        }
    }
}
