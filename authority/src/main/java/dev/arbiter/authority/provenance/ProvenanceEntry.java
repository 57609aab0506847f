package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one decision recorded: the run and step, the contract, the evidence, the model call, the verdicts, the
 * permission decisions, the decision and who approved it. A {@link ProvenanceLedger} seals an entry into a
 * {@link ProvenanceRecord} by giving it an index and chaining it to the record before.
 *
 * <p>Required: run id, step, decision. Everything else is optional; absent parts are left out of the record's
 * canonical form, so adding an optional part in a later version leaves existing hashes unchanged.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(String, String, Decision)}, copy with
 * {@link #toBuilder()}.
 *
 * <pre>{@code
 * ProvenanceEntry entry = ProvenanceEntry.builder(runId, "summarize", Decision.ACCEPTED)
 *         .contract(ContractRef.of("claims-summary", "3", fingerprint))
 *         .evidence(EvidenceRef.of(evidence))
 *         .model(ModelCall.of(request, generation))
 *         .verdicts(List.of(VerdictSummary.pass("json-schema")))
 *         .artifactDigest(Digests.sha256Hex(shippedText))
 *         .build();
 * ProvenanceRecord record = ledger.append(entry);
 * }</pre>
 */
public final class ProvenanceEntry {

    private final String runId;
    private final String step;
    private final Decision decision;
    private final Instant time;
    private final @Nullable ContractRef contract;
    private final List<EvidenceRef> evidence;
    private final @Nullable ModelCall model;
    private final @Nullable String artifactDigest;
    private final List<VerdictSummary> verdicts;
    private final List<PermissionSummary> permissions;
    private final @Nullable String approver;
    private final @Nullable String note;

    private ProvenanceEntry(Builder b, Instant time) {
        this.runId = b.runId;
        this.step = b.step;
        this.decision = b.decision;
        this.time = time;
        this.contract = b.contract;
        this.evidence = b.evidence;
        this.model = b.model;
        this.artifactDigest = b.artifactDigest;
        this.verdicts = b.verdicts;
        this.permissions = b.permissions;
        this.approver = b.approver;
        this.note = b.note;
    }

    /**
     * Returns a builder for an entry of the given run, step and decision.
     *
     * @throws IllegalArgumentException if the run id or the step is blank
     */
    public static Builder builder(String runId, String step, Decision decision) {
        return new Builder(runId, step, decision);
    }

    /** Returns a builder holding this entry's parts. */
    public Builder toBuilder() {
        Builder b = new Builder(runId, step, decision).time(time).evidence(evidence).verdicts(verdicts)
                .permissions(permissions).contract(contract).model(model).approver(approver).note(note);
        b.artifactDigest = artifactDigest;
        return b;
    }

    /** Returns the id of the run this decision belongs to. */
    public String runId() {
        return runId;
    }

    /** Returns the step of the run (e.g. {@code summarize}, {@code approve:send_email}). */
    public String step() {
        return step;
    }

    /** Returns what was decided. */
    public Decision decision() {
        return decision;
    }

    /** Returns when it was decided. */
    public Instant time() {
        return time;
    }

    /** Returns the contract the decision was made under, if any. */
    public Optional<ContractRef> contract() {
        return Optional.ofNullable(contract);
    }

    /** Returns the sources the decision was made with, in order; empty if none. */
    public List<EvidenceRef> evidence() {
        return evidence;
    }

    /** Returns the model call behind the decision, if any. */
    public Optional<ModelCall> model() {
        return Optional.ofNullable(model);
    }

    /** Returns the SHA-256 of the output that shipped, if one did; {@code explain} finds records by it. */
    public Optional<String> artifactDigest() {
        return Optional.ofNullable(artifactDigest);
    }

    /** Returns what each verifier said, in the order they ran; empty if none ran. */
    public List<VerdictSummary> verdicts() {
        return verdicts;
    }

    /** Returns what the permission envelope decided about each proposed tool call; empty if none. */
    public List<PermissionSummary> permissions() {
        return permissions;
    }

    /** Returns who approved or denied, for decisions a person made. */
    public Optional<String> approver() {
        return Optional.ofNullable(approver);
    }

    /** Returns a free-text note for people (why a run was rejected, what a repair removed). */
    public Optional<String> note() {
        return Optional.ofNullable(note);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProvenanceEntry e && runId.equals(e.runId) && step.equals(e.step)
                && decision == e.decision && time.equals(e.time) && Objects.equals(contract, e.contract)
                && evidence.equals(e.evidence) && Objects.equals(model, e.model)
                && Objects.equals(artifactDigest, e.artifactDigest) && verdicts.equals(e.verdicts)
                && permissions.equals(e.permissions) && Objects.equals(approver, e.approver)
                && Objects.equals(note, e.note);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runId, step, decision, time, contract, evidence, model, artifactDigest, verdicts,
                permissions, approver, note);
    }

    @Override
    public String toString() {
        return "ProvenanceEntry[run " + runId + ", step " + step + ", " + decision + " at " + time + "]";
    }

    /**
     * Builds a {@link ProvenanceEntry}. Each part has one setter; passing {@code null} to an optional part
     * clears it. Not thread-safe; {@link #build()} copies, so the built entry never changes.
     */
    public static final class Builder {

        private final String runId;
        private final String step;
        private final Decision decision;
        private @Nullable Instant time;
        private @Nullable ContractRef contract;
        private List<EvidenceRef> evidence = List.of();
        private @Nullable ModelCall model;
        private @Nullable String artifactDigest;
        private List<VerdictSummary> verdicts = List.of();
        private List<PermissionSummary> permissions = List.of();
        private @Nullable String approver;
        private @Nullable String note;

        private Builder(String runId, String step, Decision decision) {
            this.runId = Checks.notBlank(runId, "runId");
            this.step = Checks.notBlank(step, "step");
            this.decision = Objects.requireNonNull(decision, "decision");
        }

        /** Sets when it was decided; defaults to the moment {@link #build()} runs. */
        public Builder time(Instant time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /** Sets the contract the decision was made under. */
        public Builder contract(@Nullable ContractRef contract) {
            this.contract = contract;
            return this;
        }

        /** Sets the sources the decision was made with (see {@link EvidenceRef#of}). */
        public Builder evidence(List<EvidenceRef> evidence) {
            this.evidence = List.copyOf(evidence);
            return this;
        }

        /** Sets the model call behind the decision. */
        public Builder model(@Nullable ModelCall model) {
            this.model = model;
            return this;
        }

        /**
         * Sets the SHA-256 of the output that shipped.
         *
         * @throws IllegalArgumentException if it is not 64 lower-case hex characters
         */
        public Builder artifactDigest(@Nullable String artifactDigest) {
            this.artifactDigest = artifactDigest == null ? null : Checks.sha256Hex(artifactDigest, "artifactDigest");
            return this;
        }

        /** Sets what each verifier said, in the order they ran. */
        public Builder verdicts(List<VerdictSummary> verdicts) {
            this.verdicts = List.copyOf(verdicts);
            return this;
        }

        /** Sets what the permission envelope decided about each proposed tool call. */
        public Builder permissions(List<PermissionSummary> permissions) {
            this.permissions = List.copyOf(permissions);
            return this;
        }

        /** Sets who approved or denied. */
        public Builder approver(@Nullable String approver) {
            this.approver = approver == null ? null : Checks.notBlank(approver, "approver");
            return this;
        }

        /** Sets a free-text note for people. */
        public Builder note(@Nullable String note) {
            this.note = note;
            return this;
        }

        /** Returns the entry. */
        public ProvenanceEntry build() {
            return new ProvenanceEntry(this, time == null ? Instant.now() : time);
        }
    }
}
