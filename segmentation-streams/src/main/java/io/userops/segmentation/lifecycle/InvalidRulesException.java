package io.userops.segmentation.lifecycle;

/** A rule set that cannot work, naming the offending setting by its path in the rules file. */
public final class InvalidRulesException extends IllegalArgumentException {

    private final String path;

    public InvalidRulesException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    /** The setting's path, e.g. {@code dormant.silentFor}. */
    public String path() {
        return path;
    }
}
