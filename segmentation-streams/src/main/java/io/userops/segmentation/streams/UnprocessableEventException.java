package io.userops.segmentation.streams;

/** An event that was read but cannot be attributed or used; it goes to the dead-letter topic with its reason. */
final class UnprocessableEventException extends RuntimeException {

    private final String reason;

    UnprocessableEventException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
