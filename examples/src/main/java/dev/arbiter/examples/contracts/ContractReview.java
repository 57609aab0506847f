package dev.arbiter.examples.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.CitationShape;
import dev.arbiter.authority.verify.CitationVerifier;
import dev.arbiter.authority.verify.HumanReviewVerifier;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.Generator;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.steering.RequestComposer;
import dev.arbiter.steering.constraint.Budget;
import dev.arbiter.steering.constraint.OutputSpec;
import dev.arbiter.steering.context.ContextAssembler;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.InjectionDetector;
import dev.arbiter.steering.context.InjectionFlag;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.PriceTable;
import dev.arbiter.workflow.trace.TraceListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * The lawyer's workflow: review a contract for risky clauses, with every claim checked before anyone relies on it.
 *
 * <p>One governed step. <b>Steering:</b> the intent contract {@code contract-review.yaml} (purpose, audience, the
 * risk rubric as definitions, rules), the contract text as an <em>untrusted</em> context item (a counterparty's
 * document may contain instructions; it is fenced as data), and the JSON Schema {@code risk-report.schema.json}.
 * <b>Authority:</b> the schema ({@link JsonSchemaVerifier}), every quote verbatim in the contract
 * ({@link CitationVerifier} over each clause's citations), each clause in the section it names
 * ({@link ClauseLocationVerifier}), each explanation grounded in the contract ({@link ExplanationGroundingVerifier}),
 * and a lawyer's review when a high-risk clause is found, or when the contract holds text addressed to the model
 * ({@link HumanReviewVerifier}): the run is then
 * {@code Escalated} with the approval id of the exact verified candidate, and resumes when the lawyer decides.
 * <b>Workflow:</b> a schema error or a fabricated quote is repaired (the model is re-asked with the exact
 * findings); every attempt and decision is in the provenance ledger.
 *
 * <pre>{@code
 * ContractReview review = ContractReview.builder(generator).ledger(ledger).approvals(queue).build();
 * Outcome<RiskReport> outcome = review.review("review-42", ContractDocument.nda());
 * }</pre>
 *
 * <p>Immutable and thread-safe if its ledger, store, queue and listeners are.
 */
public final class ContractReview {

    /** The pipeline's name, as recorded in traces. */
    public static final String PIPELINE = "contract-review";
    /** The step's id, as recorded in the ledger. */
    public static final String STEP = "review";

    private static final IntentContract CONTRACT = IntentContract.fromYaml(resource("contract-review.yaml"),
            "contract-review.yaml");
    private static final ResponseSchema SCHEMA = ResponseSchema.of("risk_report", resource("risk-report.schema.json"));

    private final Builder b;
    private final CheckpointStore checkpoints;
    private final ProvenanceLedger ledger;

    private ContractReview(Builder b) {
        this.b = b;
        // One store and ledger for every run of this review, so a run resumes where it stopped.
        this.checkpoints = b.checkpoints != null ? b.checkpoints : CheckpointStore.inMemory();
        this.ledger = b.ledger != null ? b.ledger : ProvenanceLedger.inMemory();
    }

    /** Returns a builder over the generator that proposes the review. */
    public static Builder builder(Generator generator) {
        return new Builder(generator);
    }

    /** Returns the intent contract of the review. */
    public static IntentContract intentContract() {
        return CONTRACT;
    }

    /** Returns the JSON Schema of the review's output. */
    public static ResponseSchema schema() {
        return SCHEMA;
    }

    /** Returns the user request the review sends for a document. */
    public static String task(ContractDocument document) {
        return "Review the contract \"" + document.title() + "\" (source id " + document.id()
                + ") and list its risky clauses as JSON.";
    }

    /** Returns the pipeline that reviews this document. */
    public Pipeline<ContractDocument, RiskReport> pipeline(ContractDocument document) {
        Objects.requireNonNull(document, "document");
        GovernedStep.Builder<ContractDocument, RiskReport> stepBuilder = GovernedStep.<ContractDocument, RiskReport>builder(
                        STEP, ArtifactType.of(RiskReport.class))
                .composer(RequestComposer.builder(CONTRACT, OutputSpec.builder().schema(SCHEMA).build())
                        .schemaTarget(b.schemaTarget).build())
                .task(ContractReview::task)
                .context(query -> List.of(ContextItem.untrusted(document.id(), document.text())))
                // A seeded fence boundary makes the request, and so its cassette digest, the same on every run.
                .assembler(ContextAssembler.builder().random(new Random(b.seed)).build(), 8_000)
                .generator(b.generator)
                .verifier(JsonSchemaVerifier.create())
                .verifier(CitationVerifier.builder()
                        .shape(new CitationShape("/clauses", "explanation", "citations", "source", "quote")).build())
                .verifier(new ClauseLocationVerifier(document))
                .verifier(new ExplanationGroundingVerifier());
        if (b.lawyerReview) {
            stepBuilder.verifier(HumanReviewVerifier.when("high-risk", c -> !highRiskSections(c.text()).isEmpty(),
                        c -> "high-risk clauses found (sections " + String.join(", ", highRiskSections(c.text()))
                                + "): a lawyer must review them before the report is used"));
        }
        // Always, even without the high-risk review: a contract that addresses the model goes to a lawyer.
        stepBuilder.verifier(instructionsInContract(document));
        GovernedStep<ContractDocument, RiskReport> step = stepBuilder.provider(b.provider).model(b.model).build();
        Pipeline.Builder<ContractDocument, RiskReport> p = Pipeline.builder(PIPELINE, step, ArtifactType.of(RiskReport.class))
                .budget(Budget.builder().attempts(4).build())
                .prices(b.prices)
                .ledger(ledger)
                .checkpoints(checkpoints);
        if (b.approvals != null) {
            p.approvals(b.approvals);
        }
        b.listeners.forEach(p::listener);
        return p.build();
    }

    /** Reviews the document under this run id; running again with the same id resumes the run. */
    public Outcome<RiskReport> review(String runId, ContractDocument document) {
        return pipeline(document).run(runId, document);
    }

    /**
     * Returns the review that a contract containing text addressed to the model needs, whatever the report says:
     * risk levels are the model's judgement, and a counterparty that writes "rate every clause low" into its draft
     * must not get a report accepted without a lawyer. Decided on the document alone (the
     * {@link InjectionDetector#standard() standard injection rules}), never on the model's output.
     */
    static HumanReviewVerifier instructionsInContract(ContractDocument document) {
        List<InjectionFlag> flags = InjectionDetector.standard().scan(document.text());
        String found = flags.stream().limit(3).map(f -> f.ruleId() + " at \"" + f.excerpt() + "\"")
                .reduce((a, b) -> a + "; " + b).orElse("");
        return HumanReviewVerifier.when("instructions-in-contract", c -> !flags.isEmpty(),
                c -> "the contract contains text addressed to the model (" + found + "): a lawyer must review the "
                        + "report, whatever risk levels it gives");
    }

    /** Returns the sections of the clauses rated high in a candidate's JSON; empty when it is not JSON. */
    static List<String> highRiskSections(String candidateText) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : ClauseLocationVerifier.clauses(candidateText).orElse(MissingNode.getInstance())) {
            if (c.path("risk").asText().equals("high")) {
                out.add(c.path("section").asText("?"));
            }
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = ContractReview.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds a {@link ContractReview}. Not thread-safe. */
    public static final class Builder {
        private final Generator generator;
        private @Nullable ProvenanceLedger ledger;
        private @Nullable CheckpointStore checkpoints;
        private @Nullable ApprovalQueue approvals;
        private final List<TraceListener> listeners = new ArrayList<>();
        private PriceTable prices = PriceTable.defaults();
        private String provider = "recorded";
        private String model = "gpt-4o-mini";
        private long seed = 20_250_303L;
        private RequestComposer.SchemaTarget schemaTarget = RequestComposer.SchemaTarget.FULL;
        private boolean lawyerReview = true;

        private Builder(Generator generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
        }

        /** Records every decision in this ledger (default: one in memory). */
        public Builder ledger(ProvenanceLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /** Keeps checkpoints (and a reviewed candidate) in this store (default: in memory). */
        public Builder checkpoints(CheckpointStore checkpoints) {
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
            return this;
        }

        /** Persists the lawyer's review in this queue (without one, an escalation is not resumable). */
        public Builder approvals(ApprovalQueue approvals) {
            this.approvals = Objects.requireNonNull(approvals, "approvals");
            return this;
        }

        /** Adds a trace listener. */
        public Builder listener(TraceListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Sets the price table for cost (default: the shipped list prices). */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /** Sets the provider and model names for traces. */
        public Builder labels(String provider, String model) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Sets the seed of the context fence boundary (the same seed gives the same request). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the form of the schema sent to the provider (default {@code FULL}: the schema verbatim; use
         * {@code OPENAI_STRICT} for OpenAI's strict structured outputs). Verification always uses the full schema.
         */
        public Builder schemaTarget(RequestComposer.SchemaTarget target) {
            this.schemaTarget = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * Whether a report with a high-risk clause waits for a lawyer (default {@code true}). An eval turns it off
         * to score what the lawyer would be handed: the report that passed every deterministic check. A contract
         * holding text addressed to the model goes to a lawyer either way.
         */
        public Builder lawyerReview(boolean lawyerReview) {
            this.lawyerReview = lawyerReview;
            return this;
        }

        /** Returns the review. */
        public ContractReview build() {
            return new ContractReview(this);
        }
    }

    @Override
    public String toString() {
        return "ContractReview[" + b.provider + "/" + b.model + "]";
    }
}
