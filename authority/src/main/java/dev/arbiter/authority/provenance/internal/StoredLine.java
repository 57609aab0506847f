package dev.arbiter.authority.provenance.internal;

import org.jspecify.annotations.Nullable;

/**
 * One stored record as a store holds it, before it is read: its position in the store's order, where it is
 * (for messages), its text, whether the line was complete, and for database rows the indexed columns that must
 * agree with the record.
 *
 * @param position the 0-based position in storage order
 * @param locator where it is stored, for people ({@code line 8}, {@code row seq=7})
 * @param text the stored line
 * @param terminated false only for a last line of a file that has no line end (a cut-off append)
 * @param columns the indexed columns of a database row, or {@code null} for a file line
 */
public record StoredLine(long position, String locator, String text, boolean terminated, @Nullable Columns columns) {

    /** Returns a complete line with no indexed columns. */
    public static StoredLine of(long position, String locator, String text) {
        return new StoredLine(position, locator, text, true, null);
    }

    /**
     * The indexed columns of a database row.
     *
     * @param hash the record_hash column
     * @param runId the run_id column
     * @param artifactDigest the artifact_digest column
     */
    public record Columns(@Nullable String hash, @Nullable String runId, @Nullable String artifactDigest) {}
}
