package dev.arbiter.steering.intent;

/**
 * Thrown when a contract file cannot be read: it is not valid YAML or JSON, has an unknown key, a value of the
 * wrong type, or a missing required part. The message names the file, the line and column, and the reason.
 *
 * <p>This is an input error of the person who wrote the file, reported before anything runs; it is not an
 * {@link dev.arbiter.core.ArbiterException} because no governed step has started.
 */
public final class ContractFormatException extends IllegalArgumentException {

    private final String source;
    private final int line;
    private final int column;

    /**
     * Creates the exception.
     *
     * @param source names the file or text that was read
     * @param line the 1-based line of the problem, or 0 when unknown
     * @param column the 1-based column of the problem, or 0 when unknown
     * @param reason what is wrong
     */
    public ContractFormatException(String source, int line, int column, String reason) {
        super(source + (line > 0 ? ", line " + line + ", column " + column : "") + ": " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** Returns the name of the file or text that was read. */
    public String source() {
        return source;
    }

    /** Returns the 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** Returns the 1-based column of the problem, or 0 when unknown. */
    public int column() {
        return column;
    }
}
