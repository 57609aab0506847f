package dev.arbiter.authority.provenance.internal;

import dev.arbiter.authority.provenance.ProvenanceRecord;
import java.util.Objects;

/** Helpers the stores share. Thread-safe. */
public final class Records {

    private Records() {}

    /** Returns whether the record belongs to the chain of custody of the id (a run id or an artifact digest). */
    public static boolean matches(ProvenanceRecord record, String runIdOrArtifactDigest) {
        Objects.requireNonNull(runIdOrArtifactDigest, "runIdOrArtifactDigest");
        return record.entry().runId().equals(runIdOrArtifactDigest)
                || record.entry().artifactDigest().map(runIdOrArtifactDigest::equals).orElse(false);
    }

    /** Checks a read range against the number of stored records. */
    public static void checkRange(long from, long to, long size) {
        if (from < 0 || from > to || to > size) {
            throw new IndexOutOfBoundsException("cannot read records [" + from + ", " + to + ") of a ledger of "
                    + size + " records");
        }
    }

    /**
     * Reads a stored line.
     *
     * @throws IllegalStateException naming where the line is stored if it is not a readable record
     */
    public static ProvenanceRecord read(String line, String locator) {
        try {
            return ProvenanceRecord.fromCanonicalLine(line);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(locator + " is not a readable provenance record: " + e.getMessage()
                    + "; run verify() for the whole chain", e);
        }
    }
}
