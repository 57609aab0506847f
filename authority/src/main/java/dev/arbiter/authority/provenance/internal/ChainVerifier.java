package dev.arbiter.authority.provenance.internal;

import dev.arbiter.authority.provenance.ChainHead;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.LedgerVerification.Broken;
import dev.arbiter.authority.provenance.LedgerVerification.Reason;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.VerifyOptions;
import java.security.PublicKey;
import java.util.BitSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a hash chain as stored, in two passes: the first notes which indexes the records claim (a streaming
 * read of one member per line), the second walks the chain with one record of look-ahead and names the first
 * record that is not what the chain says it should be. The rules are in docs/provenance.md ("What verify()
 * detects"). One instance per verification; not thread-safe.
 */
public final class ChainVerifier {

    /** Opens one pass over the stored lines in storage order; every call starts a new pass. */
    @FunctionalInterface
    public interface Source {
        /** Returns the lines; the caller closes the stream. */
        Stream<StoredLine> open();
    }

    private final Source source;
    private final VerifyOptions options;
    private final @Nullable ChainHead exactHead;
    private final BitSet claimed = new BitSet();
    private final BitSet claimedTwice = new BitSet();
    private long expected;
    private String lastHash = Checks.GENESIS_HASH;
    private @Nullable String prevOfLast;
    private @Nullable String hashAtAnchor;
    private String lastLocator = "the start";

    private ChainVerifier(Source source, VerifyOptions options, @Nullable ChainHead exactHead) {
        this.source = source;
        this.options = options;
        this.exactHead = exactHead;
    }

    /**
     * Verifies the stored chain.
     *
     * @param exactHead the head the store keeps beside the records (a database's head row), or {@code null}
     */
    public static LedgerVerification verify(Source source, VerifyOptions options, @Nullable ChainHead exactHead) {
        return new ChainVerifier(source, options, exactHead).run();
    }

    private LedgerVerification run() {
        try (Stream<StoredLine> lines = source.open()) {
            lines.forEach(l -> {
                long index = RecordCodec.claimedIndex(l.text());
                if (index >= 0) claim(index);
            });
        }
        try (Stream<StoredLine> lines = source.open()) {
            Iterator<StoredLine> it = lines.iterator();
            Parsed current = it.hasNext() ? Parsed.of(it.next()) : null;
            while (current != null) {
                Parsed next = it.hasNext() ? Parsed.of(it.next()) : null;
                Broken broken = check(current, next);
                if (broken != null) {
                    return broken;
                }
                current = next;
            }
        }
        return finish();
    }

    private void claim(long index) {
        if (index > Integer.MAX_VALUE) return;
        int i = (int) index;
        if (claimed.get(i)) claimedTwice.set(i);
        claimed.set(i);
    }

    private boolean isClaimed(long index) {
        return index <= Integer.MAX_VALUE && claimed.get((int) index);
    }

    private boolean isClaimedTwice(long index) {
        return index <= Integer.MAX_VALUE && claimedTwice.get((int) index);
    }

    private boolean fits(@Nullable Parsed p) {
        return p != null && p.line.terminated() && p.intact() && p.record.index() == expected
                && p.record.prevHash().equals(lastHash);
    }

    private @Nullable Broken check(Parsed cur, @Nullable Parsed next) {
        String at = cur.line.locator();
        if (!cur.line.terminated()) {
            return broken(expected, Reason.TRUNCATED_LINE, at + " is incomplete (" + cur.line.text().length()
                    + " characters without a line end): a crash cut off an append that was never acknowledged;"
                    + " open the ledger with repairPartialLastLine() to cut it off");
        }
        if (fits(cur)) {
            return accept(cur);
        }
        if (fits(next) && isExtra(cur)) {
            return broken(expected, Reason.INSERTED, at + " holds an extra record"
                    + (cur.record == null ? "" : " (it claims index " + cur.record.index() + ")")
                    + (expected == 0 ? " before record 0"
                            : " between record " + (expected - 1) + " and record " + expected));
        }
        if (cur.record == null) {
            return broken(expected, Reason.MALFORMED, at + " is not a readable record: " + cur.error);
        }
        if (!cur.intact()) {
            return broken(expected, Reason.CHANGED, "record " + expected + " (" + at + ") was changed: "
                    + (cur.columnProblem != null ? cur.columnProblem
                            : "its content no longer matches its hash " + cur.record.hash()));
        }
        long index = cur.record.index();
        if (index > expected) {
            return isClaimed(expected)
                    ? broken(expected, Reason.REORDERED, "record " + expected + " is out of place: " + at
                            + " holds record " + index + " and record " + expected + " is stored further on")
                    : broken(expected, Reason.REMOVED, "record " + expected + " is missing: after record "
                            + (expected - 1) + ", " + at + " holds record " + index);
        }
        if (index < expected) {
            return duplicate(cur, next);
        }
        return linkBroken(cur);
    }

    /** An extra record: unreadable, changed, a duplicate index, or an index that belongs before this place. */
    private boolean isExtra(Parsed p) {
        return p.record == null || !p.intact() || p.record.index() < expected || isClaimedTwice(p.record.index());
    }

    private @Nullable Broken accept(Parsed p) {
        ProvenanceRecord r = Objects.requireNonNull(p.record);
        String signatureProblem = signatureProblem(r);
        if (signatureProblem != null) {
            return broken(expected, Reason.BAD_SIGNATURE, "record " + expected + " (" + p.line.locator() + ") "
                    + signatureProblem);
        }
        prevOfLast = lastHash;
        lastHash = r.hash();
        lastLocator = p.line.locator();
        if (options.anchor().isPresent() && options.anchor().get().size() == expected + 1) {
            hashAtAnchor = r.hash();
        }
        expected++;
        return null;
    }

    private Broken duplicate(Parsed cur, @Nullable Parsed next) {
        ProvenanceRecord r = Objects.requireNonNull(cur.record);
        boolean sibling = r.index() == expected - 1 && r.prevHash().equals(prevOfLast) && !r.hash().equals(lastHash);
        if (sibling && continuesFrom(r, next)) {
            return broken(expected - 1, Reason.INSERTED, "two records claim index " + r.index() + " after record "
                    + (expected - 2) + "; the chain continues from the one at " + cur.line.locator()
                    + ", so the one before it was inserted");
        }
        return broken(expected, Reason.INSERTED, cur.line.locator() + " holds an extra record: it claims index "
                + r.index() + ", which record " + r.index() + " before it already holds");
    }

    /** Whether the chain continues from r: the next record names r's hash, or (at the end) the head does. */
    private boolean continuesFrom(ProvenanceRecord r, @Nullable Parsed next) {
        if (next != null) {
            return next.record != null && next.record.prevHash().equals(r.hash());
        }
        ChainHead head = exactHead != null ? exactHead : options.anchor().orElse(null);
        return head != null && head.size() == r.index() + 1 && head.hash().equals(r.hash());
    }

    private Broken linkBroken(Parsed cur) {
        ProvenanceRecord r = Objects.requireNonNull(cur.record);
        String at = cur.line.locator();
        if (expected == 0) {
            return broken(0, Reason.CHANGED, "record 0 (" + at + ") was changed: its previous hash is not the"
                    + " genesis hash");
        }
        String signatureProblem = signatureProblem(r);
        if (signatureProblem != null) {
            return broken(expected, Reason.BAD_SIGNATURE, "record " + expected + " (" + at + ") " + signatureProblem);
        }
        return broken(expected - 1, Reason.CHANGED, "record " + (expected - 1) + " was changed and re-hashed:"
                + " record " + expected + " (" + at + ") names " + r.prevHash() + " as its predecessor's hash,"
                + " but record " + (expected - 1) + " has " + lastHash);
    }

    private @Nullable String signatureProblem(ProvenanceRecord r) {
        if (options.publicKeys().isEmpty()) {
            return null;
        }
        if (r.keyId().isEmpty() || r.signature().isEmpty()) {
            return "is not signed";
        }
        PublicKey key = options.publicKeys().get(r.keyId().get());
        if (key == null) {
            return "is signed by key '" + r.keyId().get() + "', which is not among the given public keys "
                    + options.publicKeys().keySet();
        }
        return r.hasValidSignature(key) ? null : "has a signature that key '" + r.keyId().get() + "' did not make";
    }

    private LedgerVerification finish() {
        String end = " (the chain ends at " + lastLocator + ")";
        if (exactHead != null) {
            if (exactHead.size() > expected) {
                return broken(expected, Reason.REMOVED, "record " + expected + " is missing: the chain ends after "
                        + expected + " records, the head says " + exactHead.size() + end);
            }
            if (exactHead.size() < expected) {
                return broken(exactHead.size(), Reason.INSERTED, "record " + exactHead.size() + " is past the head,"
                        + " which says " + exactHead.size() + " records: it was added outside the ledger" + end);
            }
            if (!exactHead.hash().equals(lastHash)) {
                return broken(Math.max(0, expected - 1), Reason.CHANGED, "record " + (expected - 1) + " was changed"
                        + " and re-hashed: the head names " + exactHead.hash() + ", the record has " + lastHash + end);
            }
        }
        if (options.anchor().isPresent()) {
            ChainHead anchor = options.anchor().get();
            if (anchor.size() > expected) {
                return broken(expected, Reason.REMOVED, "record " + expected + " is missing: the chain ends after "
                        + expected + " records, the anchor says at least " + anchor.size() + end);
            }
            if (anchor.size() > 0 && !anchor.hash().equals(hashAtAnchor)) {
                return broken(anchor.size() - 1, Reason.CHANGED, "record " + (anchor.size() - 1) + " was changed"
                        + " and re-hashed: the anchor names " + anchor.hash() + ", the record has " + hashAtAnchor + end);
            }
        }
        return new LedgerVerification.Valid(expected, new ChainHead(expected, lastHash));
    }

    private static Broken broken(long index, Reason reason, String message) {
        return new Broken(index, reason, message);
    }

    /** One stored line read as a record, or the reason it cannot be read. */
    private static final class Parsed {
        final StoredLine line;
        final @Nullable ProvenanceRecord record;
        final @Nullable String error;
        final @Nullable String columnProblem;

        private Parsed(StoredLine line, @Nullable ProvenanceRecord record, @Nullable String error) {
            this.line = line;
            this.record = record;
            this.error = error;
            this.columnProblem = record == null || line.columns() == null ? null : columnProblem(record, line.columns());
        }

        static Parsed of(StoredLine line) {
            try {
                return new Parsed(line, ProvenanceRecord.fromCanonicalLine(line.text()), null);
            } catch (IllegalArgumentException e) {
                return new Parsed(line, null, e.getMessage());
            }
        }

        boolean intact() {
            return record != null && record.isIntact() && columnProblem == null;
        }

        private static @Nullable String columnProblem(ProvenanceRecord r, StoredLine.Columns c) {
            if (!r.hash().equals(c.hash())) {
                return "its record_hash column " + c.hash() + " disagrees with its record's hash " + r.hash();
            }
            if (!r.entry().runId().equals(c.runId())) {
                return "its run_id column '" + c.runId() + "' disagrees with its record's run id '"
                        + r.entry().runId() + "'";
            }
            if (!Objects.equals(r.entry().artifactDigest().orElse(null), c.artifactDigest())) {
                return "its artifact_digest column " + c.artifactDigest() + " disagrees with its record's "
                        + r.entry().artifactDigest().orElse("(none)");
            }
            return null;
        }
    }
}
