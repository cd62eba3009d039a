package io.jthreading.python;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM like this one (same java, same class path, native access
 * enabled): for what can only happen once per process, such as Jep failing to load.
 */
record JvmProcess(int exitCode, String stdout, String stderr) {

    static JvmProcess run(Path workDir, String mainClass, String... args)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this"));
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // Only what the test names: not the environment variables discover() would read.
        builder.environment().remove("VIRTUAL_ENV");
        builder.environment().remove("JTHREADING_VENV");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 60 s: " + command);
        }
        return new JvmProcess(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
