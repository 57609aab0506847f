package dev.arbiter.authority.provenance;

import java.util.Objects;

/**
 * The result of verifying a ledger: {@link Valid}, or {@link Broken} at the first record that is not what the
 * chain says it should be, with the reason.
 *
 * <p>The exact rules that choose the reason are in docs/provenance.md ("What verify() detects"). Immutable and
 * thread-safe.
 */
public sealed interface LedgerVerification permits LedgerVerification.Valid, LedgerVerification.Broken {

    /** Returns whether the chain verified. */
    boolean isValid();

    /** Why a chain is broken at a record. */
    enum Reason {
        /** The record's content no longer matches its hash, or (re-hashed) the hash its successor names. */
        CHANGED,
        /** The record with this index is missing: the chain skips it or ends before an anchor says it does. */
        REMOVED,
        /** The record with this index is elsewhere in the ledger: records are out of order. */
        REORDERED,
        /** An extra record sits here: a copy or a forgery that claims a place another record holds. */
        INSERTED,
        /** The line is not a readable record (not JSON, unknown members, wrong types). */
        MALFORMED,
        /** The last line of a file is incomplete: a crash cut an append that was never acknowledged. */
        TRUNCATED_LINE,
        /** A public key was given and the record is unsigned, signed by an unknown key, or badly signed. */
        BAD_SIGNATURE
    }

    /**
     * The chain verified.
     *
     * @param count the number of records
     * @param head the head of the chain, to publish as an anchor for later verifications
     */
    record Valid(long count, ChainHead head) implements LedgerVerification {

        public Valid {
            Objects.requireNonNull(head, "head");
        }

        @Override
        public boolean isValid() {
            return true;
        }
    }

    /**
     * The chain is broken.
     *
     * @param index the index of the first record that is not what it should be (its place in the chain)
     * @param reason why
     * @param message for people: what was found, naming the record's place in the store (line or row)
     */
    record Broken(long index, Reason reason, String message) implements LedgerVerification {

        public Broken {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean isValid() {
            return false;
        }
    }
}
