package dev.arbiter.cli.demo;

import dev.arbiter.core.Generator;
import dev.arbiter.core.langchain4j.ArbiterHttpClientBuilder;
import dev.arbiter.core.langchain4j.LangChain4jGenerator;
import dev.arbiter.core.testing.CassetteRecorder;
import dev.arbiter.examples.contracts.ContractReview;
import dev.arbiter.examples.contracts.ContractReviewDemo;
import dev.arbiter.examples.contracts.RecordedReviews;
import dev.arbiter.examples.contracts.eval.ContractReviewEval;
import dev.arbiter.steering.RequestComposer;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arbiter demo}: the contract review of the shipped NDA, printed for a person. Without a provider it
 * replays the recorded cassette (no key, no network). With {@code OPENAI_API_KEY}, or {@code ARBITER_PROVIDER}
 * (an OpenAI-compatible base URL such as Ollama's {@code http://localhost:11434/v1}, with {@code ARBITER_MODEL}
 * and optionally {@code ARBITER_API_KEY}), it runs on that model; {@code --record} also writes its answers to a
 * new cassette. Exit code 0 when the review ends accepted, 1 otherwise. {@code --eval} runs the contract review's
 * eval with drift instead ({@link ContractReviewEval}): exit code 1 when its gate fails on the candidate model.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Review a sample NDA for risky clauses, with every quote, location and explanation checked.",
                "Runs on recorded model answers unless OPENAI_API_KEY or ARBITER_PROVIDER is set."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "target/arbiter-demo",
            description = "Where the ledger, trace and HTML report go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--record", description = "With a real provider: also record its answers to OUT/cassettes/.")
    boolean record;

    @Option(names = "--offline", description = "Use the recorded answers even when a provider is configured.")
    boolean offline;

    @Option(names = "--eval", description = {"Instead of the review: the contract review's eval with drift, two"
            + " recorded model versions on the golden set, compared and gated (exit 1 when the gate fails on the"
            + " candidate, as in CI).", "Reports go to OUT/eval/."})
    boolean eval;

    @Option(names = "--eval-dir", defaultValue = "examples/eval/contracts",
            description = "The eval's folder: golden set, answers and cassettes (default: ${DEFAULT-VALUE}).")
    Path evalDir;

    private final Map<String, String> env;

    /** Creates the command over the process environment. */
    public DemoCommand() {
        this(System.getenv());
    }

    DemoCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        return run(stdout);
    }

    int run(PrintStream stdout) {
        if (eval) {
            return runEval(stdout);
        }
        String base = env.get("ARBITER_PROVIDER");
        String key = env.getOrDefault("ARBITER_API_KEY", env.get("OPENAI_API_KEY"));
        boolean live = !offline && (base != null && !base.isBlank() || key != null && !key.isBlank());
        ContractReviewDemo.Result result;
        if (!live) {
            if (record) {
                stdout.println("--record needs a provider: set OPENAI_API_KEY, or ARBITER_PROVIDER and ARBITER_MODEL.");
                return CommandLine.ExitCode.USAGE;
            }
            result = ContractReviewDemo.run(stdout, RecordedReviews.ndaPlayer(), "gpt-4o-mini",
                    "recorded answers from a cassette: no key, no network", out);
        } else {
            String model = env.getOrDefault("ARBITER_MODEL", "gpt-4o-mini");
            OpenAiChatModel.OpenAiChatModelBuilder chat = OpenAiChatModel.builder()
                    .apiKey(key == null || key.isBlank() ? "none" : key)
                    .modelName(model)
                    .temperature(0.0)
                    .timeout(Duration.ofSeconds(120))
                    .maxRetries(0) // retries are Arbiter's, counted and traced
                    .strictJsonSchema(true)
                    .httpClientBuilder(new ArbiterHttpClientBuilder());
            if (base != null && !base.isBlank()) {
                chat.baseUrl(base);
            }
            Generator generator = LangChain4jGenerator.of(chat.build());
            if (record) {
                Path cassette = out.resolve("cassettes").resolve("nda-" + model.replaceAll("[^A-Za-z0-9.-]", "_")
                        + ".jsonl");
                try {
                    java.nio.file.Files.createDirectories(cassette.getParent());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                generator = CassetteRecorder.of(generator, cassette);
                stdout.println("Recording to " + cassette);
            }
            result = ContractReviewDemo.run(stdout, ContractReview.builder(generator)
                    .schemaTarget(RequestComposer.SchemaTarget.OPENAI_STRICT), model,
                    base == null ? "OpenAI" : base, out);
        }
        return result.last() instanceof dev.arbiter.workflow.Outcome.Accepted ? CommandLine.ExitCode.OK : 1;
    }

    private int runEval(PrintStream stdout) {
        if (!java.nio.file.Files.isRegularFile(evalDir.resolve("contracts.jsonl"))) {
            stdout.println("No eval at " + evalDir.toAbsolutePath() + " (contracts.jsonl is missing): run from the"
                    + " repository's root, or give --eval-dir.");
            return CommandLine.ExitCode.USAGE;
        }
        stdout.println("Contract review eval: 6 contracts labelled by a lawyer, two model versions replayed from"
                + " cassettes through the governed review (no key, no network).");
        ContractReviewEval.Result r = ContractReviewEval.run(evalDir, out.resolve("eval"));
        ContractReviewEval.print(r, stdout);
        if (r.candidateGate().passed()) {
            return CommandLine.ExitCode.OK;
        }
        stdout.println("The gate failed on model B: a CI step running this stops here (exit code 1). Open "
                + out.resolve("eval").resolve("model-b").resolve("report.html") + " for the regressions.");
        return 1;
    }
}
