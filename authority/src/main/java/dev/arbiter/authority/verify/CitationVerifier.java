package dev.arbiter.authority.verify;

import dev.arbiter.authority.verify.internal.CitationClaims;
import dev.arbiter.authority.verify.internal.CitationFindings;
import dev.arbiter.authority.verify.internal.JsonInput;
import dev.arbiter.authority.verify.internal.NormalizedText;
import dev.arbiter.authority.verify.internal.PreparedSources;
import dev.arbiter.authority.verify.internal.QuoteMatcher;
import dev.arbiter.authority.verify.internal.VerifierIds;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.JsonLimits;
import dev.arbiter.core.Source;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks cited output against the evidence: every cited source exists, every quote is in its source, and enough claims
 * carry a citation.
 *
 * <p>The output has the {@link CitationShape} (by default {@code {"claims":[{"text", "citations":[{"source",
 * "quote"}]}]}}): the shape steering's citation rules ask the model for. Findings:
 * <ul>
 *   <li>{@link FailureMode#HALLUCINATION} for a citation of a source that is not in the {@link Evidence}, for a quote
 *       that is not in the cited source (with the exact claim and quote, the source's closest passage as a hint, and
 *       the other sources that do contain the quote), and for each uncited claim when fewer claims than
 *       {@link Builder#minCitedShare} carry a citation;</li>
 *   <li>{@link FailureMode#SCHEMA_VIOLATION} when the output is not JSON or not of the shape.</li>
 * </ul>
 * Quotes are compared under {@link QuoteNormalization}s (all by default); the span of each verified quote in its
 * source is in the pass notes ({@code claim 1 citation 1: S1 [120,180)}) and in {@link #check}'s report.
 *
 * <p>What it does not check: that the quoted passage supports the claim. A verbatim quote proves that the words exist
 * in the source, not that the claim follows from them; pair it with a critique or a grounding check for that.
 *
 * <p>Thread-safe; immutable apart from a bounded cache of normalised evidence sources by digest.
 */
public final class CitationVerifier implements Verifier {

    private final String id;
    private final CitationShape shape;
    private final QuoteMatcher matcher;
    private final double minCitedShare;
    private final FencePolicy fencePolicy;
    private final JsonLimits limits;
    /** Normalised evidence by digest: normalisation depends only on the content and the normalisations. */
    private final PreparedSources prepared = new PreparedSources(256);

    private CitationVerifier(Builder b) {
        this.id = b.id;
        this.shape = b.shape;
        this.matcher = new QuoteMatcher(b.normalizations);
        this.minCitedShare = b.minCitedShare;
        this.fencePolicy = b.fencePolicy;
        this.limits = b.limits;
    }

    /** Returns a verifier with every default. */
    public static CitationVerifier create() {
        return builder().build();
    }

    /** Returns a builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        JsonInput.Result input = JsonInput.read(candidate.text(), fencePolicy, limits);
        if (input instanceof JsonInput.Problem) {
            JsonInput.Problem p = (JsonInput.Problem) input;
            return Verdict.fail(id, Finding.of(id, FailureMode.SCHEMA_VIOLATION, p.location(), p.message(), p.feedback()));
        }
        CitationClaims.Read read = CitationClaims.read(((JsonInput.Value) input).json(), shape);
        if (!read.problems().isEmpty()) {
            List<Finding> findings = new ArrayList<>();
            read.problems().forEach(p -> findings.add(Finding.of(id, FailureMode.SCHEMA_VIOLATION,
                    Location.pointer(p.pointer()), p.message(), p.feedback())));
            return Verdict.fail(id, findings);
        }
        CitationReport report = check(read.claims(), candidate.evidence());
        List<Finding> findings = CitationFindings.of(id, report, candidate.evidence(), minCitedShare);
        if (!findings.isEmpty()) {
            return Verdict.fail(id, findings);
        }
        List<String> notes = new ArrayList<>(((JsonInput.Value) input).notes());
        for (int i = 0; i < report.claims().size(); i++) {
            List<CitationReport.Citation> citations = report.claims().get(i).citations();
            for (int j = 0; j < citations.size(); j++) {
                CitationReport.Verified v = (CitationReport.Verified) citations.get(j);
                notes.add("claim " + (i + 1) + " citation " + (j + 1) + ": " + v.source() + " [" + v.start() + "," + v.end() + ")");
            }
        }
        return Verdict.pass(id, notes);
    }

    /**
     * Returns the report of every claim and citation in the candidate, or empty when the output is not JSON of the
     * shape (then {@link #verify} says why).
     */
    public Optional<CitationReport> check(Candidate candidate) {
        JsonInput.Result input = JsonInput.read(candidate.text(), fencePolicy, limits);
        if (input instanceof JsonInput.Problem) {
            return Optional.empty();
        }
        CitationClaims.Read read = CitationClaims.read(((JsonInput.Value) input).json(), shape);
        return read.problems().isEmpty() ? Optional.of(check(read.claims(), candidate.evidence())) : Optional.empty();
    }

    private CitationReport check(List<CitationClaims.Claim> claims, Evidence evidence) {
        Map<String, NormalizedText> prepared = new HashMap<>();
        List<CitationReport.Claim> checked = new ArrayList<>();
        for (CitationClaims.Claim claim : claims) {
            List<CitationReport.Citation> citations = new ArrayList<>();
            for (CitationClaims.Cited c : claim.citations()) {
                citations.add(checkOne(c, evidence, prepared));
            }
            checked.add(new CitationReport.Claim(claim.pointer(), claim.text(), citations));
        }
        return new CitationReport(checked);
    }

    private CitationReport.Citation checkOne(CitationClaims.Cited c, Evidence evidence, Map<String, NormalizedText> prepared) {
        Optional<Source> source = evidence.find(c.source());
        if (source.isEmpty()) {
            return new CitationReport.UnknownSource(c.pointer(), c.source(), c.quote());
        }
        Optional<QuoteMatcher.Span> span = matcher.find(c.quote(), normalized(source.get(), prepared));
        if (span.isPresent()) {
            return new CitationReport.Verified(c.pointer(), c.source(), c.quote(), span.get().start(), span.get().end());
        }
        List<String> foundIn = new ArrayList<>();
        for (Source other : evidence.sources()) {
            if (!other.id().equals(c.source()) && matcher.find(c.quote(), normalized(other, prepared)).isPresent()) {
                foundIn.add(other.id());
            }
        }
        String closest = matcher.closestPassage(c.quote(), source.get().content()).orElse("");
        return new CitationReport.QuoteNotFound(c.pointer(), c.source(), c.quote(), closest, foundIn);
    }

    private NormalizedText normalized(Source source, Map<String, NormalizedText> prepared) {
        return prepared.computeIfAbsent(source.id(), k -> this.prepared.get(source.digest(), source.content().length(),
                () -> matcher.prepare(source.content())));
    }

    /** Builds a {@link CitationVerifier}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private String id = "citations";
        private CitationShape shape = CitationShape.DEFAULT;
        private Set<QuoteNormalization> normalizations = EnumSet.allOf(QuoteNormalization.class);
        private double minCitedShare = 1.0;
        private FencePolicy fencePolicy = FencePolicy.REJECT;
        private JsonLimits limits = JsonLimits.defaults();

        private Builder() {}

        /** Sets the id; default {@code citations}. */
        public Builder id(String id) {
            this.id = VerifierIds.require(id);
            return this;
        }

        /** Sets where claims and citations are in the output; default {@link CitationShape#DEFAULT}. */
        public Builder shape(CitationShape shape) {
            this.shape = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /** Sets what quote comparison ignores; default all of {@link QuoteNormalization}; empty means exact. */
        public Builder normalizations(Set<QuoteNormalization> normalizations) {
            this.normalizations = normalizations.isEmpty()
                    ? EnumSet.noneOf(QuoteNormalization.class) : EnumSet.copyOf(normalizations);
            return this;
        }

        /** Sets the least share of claims that must carry a citation, in [0, 1]; default 1 (every claim). */
        public Builder minCitedShare(double share) {
            if (!(share >= 0.0 && share <= 1.0)) {
                throw new IllegalArgumentException("minCitedShare must be between 0 and 1, was " + share);
            }
            this.minCitedShare = share;
            return this;
        }

        /** Sets what to do with fenced or prose-wrapped JSON; default {@link FencePolicy#REJECT}. */
        public Builder fencePolicy(FencePolicy policy) {
            this.fencePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Sets the limits on the output's JSON (length, nesting, numbers, strings); default {@link JsonLimits#defaults()}. */
        public Builder limits(JsonLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Returns the verifier. */
        public CitationVerifier build() {
            return new CitationVerifier(this);
        }
    }
}
