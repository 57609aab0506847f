package dev.arbiter.benchmarks;

import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.benchmarks.BenchFixtures.Invoice;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.langchain4j.LangChain4jGenerator;
import dev.arbiter.steering.RequestComposer;
import dev.arbiter.steering.constraint.JsonSchemas;
import dev.arbiter.steering.constraint.OutputSpec;
import dev.arbiter.steering.context.ContextAssembler;
import dev.arbiter.steering.context.TokenCounter;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.PriceTable;
import dev.arbiter.workflow.RunBudget;
import dev.arbiter.workflow.Sleeper;
import dev.arbiter.workflow.StepContext;
import dev.arbiter.steering.constraint.Budget;
import dev.langchain4j.guardrail.JsonExtractorOutputGuardrail;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same work as langchain4j (issue #9, figure 1): one in-process {@link ChatModel} stub that answers a fixed
 * invoice JSON, called
 * <ul>
 *   <li>(a) {@link #rawChat}: raw, through {@code ChatModel.chat(String)};</li>
 *   <li>(b) {@link #aiServicesWithGuardrail}: through {@code AiServices} returning a record, with langchain4j's
 *       {@link JsonExtractorOutputGuardrail} for that record;</li>
 *   <li>(c) {@link #arbiterStep}: through an Arbiter {@link GovernedStep}: compose (contract and schema), generate
 *       through {@link LangChain4jGenerator}, verify against the record's JSON Schema, bind to the record, and
 *       what a governed step always does besides (a budget check, one provenance append to an in-memory ledger,
 *       trace events to no listener). Each call gets a new in-memory ledger, so records do not pile up in the heap
 *       across millions of calls (which made the garbage collector, not the step, the figure).</li>
 * </ul>
 * <ul>
 *   <li>(p) {@link #pipelineRun}: the step of (c) as the one stage of a {@link Pipeline}, run by
 *       {@code Pipeline.run(runId, input)} with the pipeline's defaults (an in-memory ledger behind the standard
 *       redactor, an in-memory checkpoint store, no listener). The difference (p) &minus; (c) is what the pipeline
 *       adds: run bookkeeping, the checkpoint key (the input's digest) and the checkpoint, trace events, redaction
 *       of the record. A new pipeline (ledger and checkpoint store) every {@value #RUNS_PER_PIPELINE} runs, so
 *       neither grows across millions of runs.</li>
 * </ul>
 * <ul>
 *   <li>(c&prime;) {@link #arbiterPartsOnly}: exactly the work of (b) with Arbiter's parts and no step around them:
 *       a request with the contract's instructions and the record's schema, {@link LangChain4jGenerator},
 *       {@link JsonSchemaVerifier}, binding with {@link ArtifactType}. The difference (c) &minus; (c&prime;) is what the
 *       step adds: composition, digests, the provenance record, the budget.</li>
 * </ul>
 * Target: (c) / (b) &le; 1.0.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SameWorkBenchmark -f 1 -wi 3 -w 2 -i 5 -r 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SameWorkBenchmark {

    /** The langchain4j service of (b). */
    public interface InvoiceExtractor {
        Invoice extract(String invoiceText);
    }

    private static final String INPUT = "Invoice INV-4711 from Acme Ltd, total EUR 1,190.00 incl. VAT, due 2024-07-31.";

    private ChatModel model;
    private InvoiceExtractor extractor;
    private GovernedStep<String, Invoice> step;
    private LangChain4jGenerator generator;
    private JsonSchemaVerifier verifier;
    private ResponseSchema schema;
    private String instructions;
    private final ArtifactType<Invoice> invoiceType = ArtifactType.of(Invoice.class);
    private static final int RUNS_PER_PIPELINE = 2_000;
    private final String[] runIds = new String[RUNS_PER_PIPELINE];
    private Pipeline<String, Invoice> pipeline;
    private int runs;

    @Setup
    public void setUp() {
        model = BenchFixtures.stubModel(BenchFixtures.INVOICE_JSON);
        extractor = AiServices.builder(InvoiceExtractor.class).chatModel(model)
                .outputGuardrails(new JsonExtractorOutputGuardrail<>(Invoice.class)).build();
        OutputSpec spec = OutputSpec.builder().schema(JsonSchemas.forType(Invoice.class)).build();
        step = GovernedStep.<String, Invoice>builder("extract", ArtifactType.of(Invoice.class))
                .composer(RequestComposer.builder(BenchFixtures.CONTRACT, spec).build())
                .assembler(ContextAssembler.builder().tokenCounter(TokenCounter.o200kBase()).build(), 4_000)
                .generator(LangChain4jGenerator.of(model))
                .verifier(JsonSchemaVerifier.create())
                .provider("stub").model("gpt-4o")
                .build();
        generator = LangChain4jGenerator.of(model);
        verifier = JsonSchemaVerifier.create();
        schema = JsonSchemas.forType(Invoice.class);
        instructions = BenchFixtures.CONTRACT.render();
        for (int i = 0; i < RUNS_PER_PIPELINE; i++) {
            runIds[i] = "run-" + i;
        }
        Invoice expected = new Invoice("INV-4711", 1190.0, "EUR", "2024-07-31");
        if (!expected.equals(aiServicesWithGuardrail()) || !expected.equals(arbiterStep())
                || !expected.equals(arbiterPartsOnly()) || !expected.equals(pipelineRun())) {
            throw new IllegalStateException("the benchmarked paths do not return the expected invoice");
        }
    }

    @Benchmark
    public String rawChat() {
        return model.chat(INPUT);
    }

    @Benchmark
    public Invoice aiServicesWithGuardrail() {
        return extractor.extract(INPUT);
    }

    @Benchmark
    public Invoice arbiterStep() {
        StepContext context = StepContext.of("run", "extract", "span", RunBudget.start(Budget.unlimited(),
                PriceTable.defaults(), Clock.systemUTC()), ProvenanceLedger.inMemory(),
                event -> { }, Sleeper.SYSTEM, Clock.systemUTC(), RANDOM);
        Outcome<Invoice> outcome = step.run(INPUT, context);
        if (outcome instanceof Outcome.Accepted<Invoice> accepted) {
            return accepted.value();
        }
        throw new IllegalStateException("not accepted: " + outcome);
    }

    @Benchmark
    public Invoice pipelineRun() {
        int n = runs++ % RUNS_PER_PIPELINE;
        if (n == 0) {
            pipeline = Pipeline.builder("extract-invoice", step, invoiceType).build();
        }
        Outcome<Invoice> outcome = pipeline.run(runIds[n], INPUT);
        if (outcome instanceof Outcome.Accepted<Invoice> accepted) {
            return accepted.value();
        }
        throw new IllegalStateException("not accepted: " + outcome);
    }

    @Benchmark
    public Invoice arbiterPartsOnly() {
        GenerationRequest request = GenerationRequest.builder().addMessage(Message.system(instructions))
                .addMessage(Message.user(INPUT)).responseSchema(schema).build();
        Generation generation = generator.generate(request);
        if (!(verifier.verify(Candidate.of(generation, request)) instanceof Verdict.Pass)) {
            throw new IllegalStateException("the stub's answer does not pass its schema");
        }
        return invoiceType.fromModelOutput(generation.text());
    }

    private static final Random RANDOM = new Random(1);
}
