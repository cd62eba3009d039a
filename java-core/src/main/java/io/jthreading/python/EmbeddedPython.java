package io.jthreading.python;

import jep.SharedInterpreter;

/**
 * Embedded CPython with jthreading ready, for Java hosts:
 * <pre>
 *   try (EmbeddedPython py = EmbeddedPython.open()) {
 *       py.set("lock", lock);            // arrives as a jthreading.Lock
 *       py.exec("with lock: print('held in Python')");
 *   }
 * </pre>
 * An instance belongs to the thread that opened it (a Jep rule); other threads open their own.
 * jthreading objects keep their identity both ways: a Java {@code Lock} set here is a
 * {@code jthreading.Lock} in Python, and a Python-made one comes back as the same Java object.
 *
 * <p>The JVM needs only the Python environment ({@link PythonInstallation#discover()}): Jep's
 * Java classes come with jthreading-core. On Java 22 and later, start it with
 * {@code --enable-native-access=ALL-UNNAMED} (or {@code Enable-Native-Access: ALL-UNNAMED} in an
 * executable jar's manifest): Jep loads its native library and jthreading shares native memory
 * with C, which the JVM otherwise warns about. Java 17 accepts the flag and ignores it.
 */
public final class EmbeddedPython implements AutoCloseable {
    /**
     * How Python is opened. {@link #DROP_IN}: drop-in mode, as {@code jthreading run --patch}:
     * {@code import threading} gives jthreading to every Python module from then on, so the
     * standard library's and plugins' threads, locks and conditions are jthreading objects
     * (Java sees them). It is process-wide (Jep embeds one CPython) and cannot be undone; the
     * system property {@code -Djthreading.patch=true} or the environment variable
     * {@code JTHREADING_PATCH=1} turn it on for every {@code open}.
     */
    public enum Option { DROP_IN }

    private final SharedInterpreter interpreter;

    private EmbeddedPython(SharedInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    /** Opens Python on this thread, found by {@link PythonInstallation#discover()}. */
    public static EmbeddedPython open() {
        return open(PythonInstallation.discover());
    }

    /** Opens Python on this thread, found by {@link PythonInstallation#discover()}, with options. */
    public static EmbeddedPython open(Option... options) {
        return open(PythonInstallation.discover(), options);
    }

    /**
     * Opens Python on this thread from {@code installation}. Throws a
     * {@link PythonSetupException} naming the cause when Python cannot be embedded as the JVM is
     * set up (no Jep, Jep's halves of two releases, libpython or jthreading not found, another
     * Python already running in this JVM).
     */
    public static EmbeddedPython open(PythonInstallation installation) {
        return open(installation, new Option[0]);
    }

    /** As {@link #open(PythonInstallation)}, with options ({@link Option#DROP_IN}). */
    public static EmbeddedPython open(PythonInstallation installation, Option... options) {
        installation.verify(); // before anything touches Jep's classes
        boolean dropIn = java.util.Arrays.asList(options).contains(Option.DROP_IN)
                || Boolean.getBoolean("jthreading.patch")
                || "1".equals(System.getenv("JTHREADING_PATCH"));
        SharedInterpreter interpreter = JepStartup.open(installation, dropIn);
        PythonRuntime.register(interpreter);
        return new EmbeddedPython(interpreter);
    }

    public void set(String name, Object value) {
        interpreter.set(name, value);
    }

    public Object get(String name) {
        return interpreter.getValue(name);
    }

    public <T> T get(String name, Class<T> type) {
        return interpreter.getValue(name, type);
    }

    public void exec(String code) {
        interpreter.exec(code);
    }

    /** Calls a Python callable, named as a global of this interpreter, with Java arguments. */
    public Object invoke(String name, Object... args) {
        return interpreter.invoke(name, args);
    }

    /** The underlying Jep interpreter, for what this class does not cover. */
    public SharedInterpreter jep() {
        return interpreter;
    }

    @Override
    public void close() {
        PythonRuntime.unregister(interpreter);
        interpreter.close();
    }
}
