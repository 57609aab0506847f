package dev.arbiter.eval;

/**
 * What the harness prints while it runs, on standard error.
 */
public enum Progress {
    /**
     * A progress bar when standard error is an interactive terminal ({@code System.console()} is present and the
     * {@code CI} environment variable is not set), and a one-line summary at the end in every case.
     */
    AUTO,
    /** Only the one-line summary at the end: for CI logs. */
    SUMMARY,
    /** Nothing. */
    SILENT
}
