package io.jthreading.python;

/**
 * {@code jthreading run SCRIPT|-m MODULE [ARGS...]} inside the JVM: embeds CPython through Jep
 * and hands over to {@code jthreading._runner}, which behaves like {@code python SCRIPT} for
 * sys.argv, sys.path, the streams and the exit status. The Python launcher
 * ({@code jthreading/_launcher.py}) starts this class with the right class path and properties.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        int status;
        try (EmbeddedPython py = EmbeddedPython.open()) {
            py.exec("from jthreading._runner import main as _jthreading_run_main");
            Object code = py.invoke("_jthreading_run_main", (Object) args);
            status = code instanceof Number ? ((Number) code).intValue() : 1;
        }
        System.out.flush();
        System.exit(status);
    }
}
