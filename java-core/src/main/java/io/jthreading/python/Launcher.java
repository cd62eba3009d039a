package io.jthreading.python;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code jthreading run SCRIPT|-m MODULE [ARGS...]} inside the JVM: embeds CPython through Jep
 * and hands over to {@code jthreading._runner}, which behaves like {@code python SCRIPT} for
 * sys.argv, sys.path, the streams and the exit status. The Python launcher
 * ({@code jthreading/_launcher.py}) starts this class with the right class path and properties.
 *
 * <p>Ctrl-C too: SIGINT, which would make the JVM exit, raises KeyboardInterrupt in the script
 * ({@link SigintDelivery}); after an uncaught one the process ends by SIGINT, as CPython's does.
 * SIGUSR2 writes the thread dump of both languages ({@link DumpOnSignal}).
 */
public final class Launcher {
    /** What {@code jthreading._runner.main} returns after an uncaught KeyboardInterrupt. */
    private static final int DIED_OF_SIGINT = -2;
    private static final Signal SIGINT = new Signal("INT");

    private Launcher() {
    }

    public static void main(String[] args) {
        int status;
        try (EmbeddedPython py = EmbeddedPython.open()) {
            SigintDelivery sigint = SigintDelivery.start(py.jep());
            // sun.misc.Signal: the JDK's supported way (module jdk.unsupported) to replace the
            // JVM's SIGINT handler; JDK 17 needs no flag for it.
            SignalHandler jvmHandler = Signal.handle(SIGINT, signal -> sigint.signalled());
            DumpOnSignal.install(); // `jthreading dump PID`
            try {
                py.exec("from jthreading._runner import main as _jthreading_run_main");
                Object code = py.invoke("_jthreading_run_main", (Object) args);
                status = code instanceof Number ? ((Number) code).intValue() : 1;
            } finally {
                Signal.handle(SIGINT, jvmHandler);
                sigint.stop();
            }
            if (status == DIED_OF_SIGINT) {
                status = exitBySigint(py);
            }
        }
        System.out.flush();
        System.exit(status);
    }

    /**
     * CPython's exit after an uncaught KeyboardInterrupt: SIGINT's default action back, then
     * SIGINT sent to this process (Java will not raise a signal it does not handle; Python's
     * os.kill does); should the process survive it, status 130 (128 + SIGINT), as CPython.
     */
    private static int exitBySigint(EmbeddedPython py) {
        System.out.flush();
        System.err.flush();
        Signal.handle(SIGINT, SignalHandler.SIG_DFL);
        py.exec("import os as _os, signal as _signal\n_os.kill(_os.getpid(), _signal.SIGINT)");
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 128 + SIGINT.getNumber();
    }
}
