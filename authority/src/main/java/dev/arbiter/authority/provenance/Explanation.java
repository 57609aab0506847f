package dev.arbiter.authority.provenance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The chain of custody of one output: the records of its run (or of the run that shipped the artifact), in
 * chain order, each naming the contract, the evidence ids and digests, the model, the verdicts, the permission
 * decisions, the decision and the approver. {@link #render()} writes it for people.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the run id or artifact digest that was asked for
 * @param records the matching records in chain order; empty when none matched
 */
public record Explanation(String query, List<ProvenanceRecord> records) {

    public Explanation {
        Objects.requireNonNull(query, "query");
        records = List.copyOf(records);
    }

    /** Returns whether no record matched. */
    public boolean isEmpty() {
        return records.isEmpty();
    }

    /** Returns the last record of the chain of custody (the final decision), if any. */
    public Optional<ProvenanceRecord> finalRecord() {
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1));
    }

    /** Returns the chain of custody as text: a heading, then one block per record. */
    public String render() {
        StringBuilder out = new StringBuilder();
        if (records.isEmpty()) {
            return out.append("no record has run id or artifact digest ").append(query).append('\n').toString();
        }
        out.append("chain of custody of ").append(query).append(": ").append(records.size())
                .append(records.size() == 1 ? " record" : " records").append('\n');
        records.forEach(r -> renderRecord(r, out));
        return out.toString();
    }

    private static void renderRecord(ProvenanceRecord r, StringBuilder out) {
        ProvenanceEntry e = r.entry();
        out.append('\n').append("record ").append(r.index()).append("  ").append(e.time())
                .append("  run ").append(e.runId()).append("  step ").append(e.step())
                .append("  ").append(e.decision()).append('\n');
        line(out, "hash", r.hash() + (r.isIntact() ? "" : "  (DOES NOT MATCH THE RECORD'S CONTENT)"));
        line(out, "previous", r.prevHash());
        r.keyId().ifPresent(k -> line(out, "signed by", "key " + k));
        e.contract().ifPresent(c -> line(out, "contract", c.id()
                + (c.version().isEmpty() ? "" : " version " + c.version())
                + (c.fingerprint().isEmpty() ? "" : " (fingerprint " + c.fingerprint() + ")")));
        block(out, "evidence", e.evidence().stream()
                .map(s -> s.sourceId() + "  sha256 " + s.digest() + "  " + s.trust()).collect(Collectors.toList()));
        e.model().ifPresent(m -> line(out, "model", (m.modelId().isEmpty() ? "(no model id)" : m.modelId())
                + "  request " + m.requestDigest()
                + m.generationDigest().map(d -> "  generation " + d).orElse("  (no generation)")));
        e.model().flatMap(ModelCall::content).ifPresent(c -> line(out, "output", quote(c)));
        block(out, "verdicts", e.verdicts().stream().map(Explanation::verdict).collect(Collectors.toList()));
        block(out, "tool calls", e.permissions().stream().map(p -> p.toolName() + "  call " + p.callDigest()
                + "  " + p.decision() + (p.rule().isEmpty() ? "" : "  rule " + p.rule())
                + (p.reason().isEmpty() ? "" : "  (" + p.reason() + ")")).collect(Collectors.toList()));
        line(out, "decision", e.decision().name());
        e.approver().ifPresent(a -> line(out, "approver", a));
        e.artifactDigest().ifPresent(a -> line(out, "artifact", "sha256 " + a));
        e.note().ifPresent(n -> line(out, "note", n));
    }

    private static String verdict(VerdictSummary v) {
        StringBuilder s = new StringBuilder(v.verifierId()).append("  ").append(v.outcome());
        if (!v.failureModes().isEmpty()) {
            s.append("  ").append(v.failureModes());
        }
        v.findings().forEach(f -> s.append("\n    - ").append(f));
        return s.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("  ").append(String.format("%-11s", label)).append(value).append('\n');
    }

    private static void block(StringBuilder out, String label, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            line(out, i == 0 ? label : "", values.get(i).replace("\n", "\n             "));
        }
    }

    private static String quote(String text) {
        String oneLine = text.replace("\n", "\\n");
        return "\"" + (oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 197) + "...") + "\"";
    }
}
