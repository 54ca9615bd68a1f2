package io.userops.rules.yaml;

/**
 * A lifecycle rules file that cannot be used, with the message {@code <file>:<line>: <path>: <reason>};
 * a file that cannot be read at all has the message {@code <file>: <reason>}, line 0 and an empty path.
 */
public final class InvalidRulesFileException extends RuntimeException {

    private final String file;
    private final int line;
    private final String path;
    private final String reason;

    public InvalidRulesFileException(String file, int line, String path, String reason, Throwable cause) {
        super(file + ":" + line + ": " + path + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.path = path;
        this.reason = reason;
    }

    private InvalidRulesFileException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.line = 0;
        this.path = "";
        this.reason = reason;
    }

    public static InvalidRulesFileException unreadable(String file, String reason, Throwable cause) {
        return new InvalidRulesFileException(file, reason, cause);
    }

    /** The file name as given to the loader. */
    public String file() {
        return file;
    }

    /** The 1-based line of the offending key or value; 0 when the file could not be read. */
    public int line() {
        return line;
    }

    /** The setting's path such as {@code dormant.silentFor}, {@code (root)} for the document itself. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
