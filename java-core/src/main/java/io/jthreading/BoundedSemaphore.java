package io.jthreading;

/**
 * Python's {@code threading.BoundedSemaphore}: a {@link Semaphore} whose value may never pass
 * its initial value; a release that would throws {@link IllegalArgumentException}
 * ("Semaphore released too many times", {@code ValueError} in Python) and changes nothing.
 */
public final class BoundedSemaphore extends Semaphore {
    private final long initialValue;

    public BoundedSemaphore() {
        this(1);
    }

    public BoundedSemaphore(long value) {
        super(value, value);
        this.initialValue = value;
    }

    /** Python's {@code _initial_value}. */
    public long initialValue() {
        return initialValue;
    }

    @Override
    public String toString() {
        return "<jthreading.BoundedSemaphore: value=" + value() + "/" + initialValue + ">";
    }
}
