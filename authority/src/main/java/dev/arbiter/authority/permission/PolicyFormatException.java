package dev.arbiter.authority.permission;

/**
 * A policy file that cannot be loaded: which file, which line, and why. A programmer's or operator's error, not a
 * failure of governed work, so it is an {@link IllegalArgumentException}.
 */
public final class PolicyFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String reason;

    /** Creates the exception; line 0 means the whole file. */
    public PolicyFormatException(String source, int line, String reason) {
        super(source + (line > 0 ? ":" + line : "") + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    /** Returns the file or name the policy was read from. */
    public String source() {
        return source;
    }

    /** Returns the 1-based line of the problem, or 0 for the whole file. */
    public int line() {
        return line;
    }

    /** Returns what is wrong. */
    public String reason() {
        return reason;
    }
}
