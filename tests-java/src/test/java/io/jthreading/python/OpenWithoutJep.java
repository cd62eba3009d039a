package io.jthreading.python;

import java.util.concurrent.Callable;

/**
 * What a host's own code does, run by PythonSetupTest in a class loader that has jthreading-core
 * and no Jep: call {@link EmbeddedPython#open()} as written code (not reflection, which would
 * load every type in EmbeddedPython's signatures itself). Returns what was thrown.
 */
public final class OpenWithoutJep implements Callable<Throwable> {
    @Override
    public Throwable call() {
        try (EmbeddedPython py = EmbeddedPython.open()) {
            return null;
        } catch (Throwable e) {
            return e;
        }
    }
}
