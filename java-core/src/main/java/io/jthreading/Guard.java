package io.jthreading;

/** A held primitive that try-with-resources releases: {@code try (Guard g = lock.guard()) {...}}. */
@FunctionalInterface
public interface Guard extends AutoCloseable {
    /** Releases what {@code guard()} acquired; never throws a checked exception. */
    @Override
    void close();
}
