package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.LedgerVerification.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Every single-record tampering of a chain of stored lines: changes (plain and re-hashed), removals, swaps of
 * adjacent records and insertions (copies and forged records), each with the index and reason verify() must
 * report when it knows the true head (an anchor or a database's head row).
 */
public final class TamperCases {

    /** One tampered chain and what verify() must say about it. */
    public record Case(String name, List<String> lines, long index, Reason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    private TamperCases() {}

    /** Returns all cases for the given intact chain. */
    public static List<Case> all(List<String> lines) {
        int n = lines.size();
        List<Case> cases = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            cases.add(changed(lines, k));
            cases.add(changedAndRehashed(lines, k));
            cases.add(removed(lines, k));
            cases.add(forgedBefore(lines, k));
            cases.add(forgedAfter(lines, k));
            if (k + 1 < n) cases.add(swapped(lines, k));
        }
        for (int k = 0; k <= n; k++) {
            cases.add(copyInserted(lines, k));
        }
        cases.add(hashFieldChanged(lines, n / 2));
        cases.add(garbled(lines, n / 3));
        return cases;
    }

    static ProvenanceRecord record(String line) {
        return ProvenanceRecord.fromCanonicalLine(line);
    }

    /** An edited step, hash left as it was. */
    public static Case changed(List<String> lines, int k) {
        List<String> t = new ArrayList<>(lines);
        String edited = t.get(k).replace("\"step\":\"step-" + k + "\"", "\"step\":\"step-" + k + "-edited\"");
        if (edited.equals(t.get(k))) throw new IllegalStateException("fixture line " + k + " has no step-" + k);
        t.set(k, edited);
        return new Case("change record " + k, t, k, Reason.CHANGED);
    }

    /** An edited decision with the hash recomputed, so only the next record (or the head) shows it. */
    public static Case changedAndRehashed(List<String> lines, int k) {
        List<String> t = new ArrayList<>(lines);
        ProvenanceRecord r = record(t.get(k));
        ProvenanceEntry forged = r.entry().toBuilder().note("edited after the fact").build();
        t.set(k, ProvenanceRecord.seal(r.index(), r.prevHash(), forged, null).canonicalLine());
        return new Case("change and re-hash record " + k, t, k, Reason.CHANGED);
    }

    public static Case hashFieldChanged(List<String> lines, int k) {
        List<String> t = new ArrayList<>(lines);
        String hash = record(t.get(k)).hash();
        t.set(k, t.get(k).replace("\"hash\":\"" + hash + "\"", "\"hash\":\"" + "ab".repeat(32) + "\""));
        return new Case("change the hash of record " + k, t, k, Reason.CHANGED);
    }

    public static Case garbled(List<String> lines, int k) {
        List<String> t = new ArrayList<>(lines);
        t.set(k, t.get(k).substring(0, t.get(k).length() / 2));
        return new Case("garble record " + k, t, k, Reason.MALFORMED);
    }

    public static Case removed(List<String> lines, int k) {
        List<String> t = new ArrayList<>(lines);
        t.remove(k);
        return new Case("remove record " + k, t, k, Reason.REMOVED);
    }

    public static Case swapped(List<String> lines, int k) {
        List<String> t = new ArrayList<>(lines);
        t.set(k, lines.get(k + 1));
        t.set(k + 1, lines.get(k));
        return new Case("swap records " + k + " and " + (k + 1), t, k, Reason.REORDERED);
    }

    /** A verbatim copy of a record from half the chain away, inserted at position k. */
    public static Case copyInserted(List<String> lines, int k) {
        int n = lines.size();
        int source = (k + n / 2) % n;
        List<String> t = new ArrayList<>(lines);
        t.add(k, lines.get(source));
        return new Case("insert a copy of record " + source + " at position " + k, t, k, Reason.INSERTED);
    }

    /** A forged record with valid hash and link that claims index k, inserted before record k. */
    public static Case forgedBefore(List<String> lines, int k) {
        List<String> t = new ArrayList<>(lines);
        t.add(k, forged(lines, k));
        return new Case("insert a forged record " + k + " before record " + k, t, k, Reason.INSERTED);
    }

    /** A forged record with valid hash and link that claims index k, inserted after record k. */
    public static Case forgedAfter(List<String> lines, int k) {
        List<String> t = new ArrayList<>(lines);
        t.add(k + 1, forged(lines, k));
        return new Case("insert a forged record " + k + " after record " + k, t, k + 1, Reason.INSERTED);
    }

    private static String forged(List<String> lines, int k) {
        ProvenanceRecord r = record(lines.get(k));
        ProvenanceEntry entry = r.entry().toBuilder().approver("mallory").build();
        return ProvenanceRecord.seal(k, r.prevHash(), entry, null).canonicalLine();
    }
}
