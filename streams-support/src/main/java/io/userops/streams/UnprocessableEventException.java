package io.userops.streams;

/** An event that was read but cannot be attributed or used; it goes to the dead-letter topic with its reason. */
public final class UnprocessableEventException extends RuntimeException {

    private final String reason;

    public UnprocessableEventException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
