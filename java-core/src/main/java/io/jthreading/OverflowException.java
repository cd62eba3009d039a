package io.jthreading;

/**
 * A numeric argument (a timeout, mostly) is out of the range the platform can represent.
 * The message is CPython's; Python code sees it as {@code OverflowError}.
 */
public class OverflowException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public OverflowException(String message) {
        super(message);
    }
}
