package io.jthreading.python;

import jep.JepException;
import jep.MainInterpreter;
import jep.PyConfig;
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
 */
public final class EmbeddedPython implements AutoCloseable {
    private static boolean configured;

    private final SharedInterpreter interpreter;

    private EmbeddedPython(SharedInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    /** Opens Python on this thread, found by {@link PythonInstallation#discover()}. */
    public static EmbeddedPython open() {
        return open(PythonInstallation.discover());
    }

    public static EmbeddedPython open(PythonInstallation installation) {
        configureOnce(installation);
        SharedInterpreter interpreter = new SharedInterpreter();
        try {
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
                    + "local_delete as __jthreading_local_delete__");
        } catch (JepException e) {
            interpreter.close();
            throw e;
        }
        PythonRuntime.register(interpreter);
        return new EmbeddedPython(interpreter);
    }

    /** Jep allows one configuration per process, before the first interpreter. */
    private static synchronized void configureOnce(PythonInstallation installation) {
        if (configured) {
            return;
        }
        MainInterpreter.setJepLibraryPath(installation.jepLibrary().toString());
        MainInterpreter.setInitParams(
                new PyConfig().setProgramName(installation.pythonExecutable().toString()));
        configured = true;
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
