package dev.arbiter.examples.contracts;

import dev.arbiter.core.FinishReason;
import dev.arbiter.core.Generation;
import dev.arbiter.core.Usage;
import dev.arbiter.core.testing.CassettePlayer;
import dev.arbiter.core.testing.CassetteRecorder;
import dev.arbiter.core.testing.ScriptedGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The model outputs behind the demo's cassettes, written by hand as a model answers these prompts (including
 * the failures the demo shows), and the code that turns them into cassettes.
 *
 * <p>{@code nda-gpt-4o-mini.jsonl}: the first answer rates one clause {@code "severe"} (not in the rubric: a
 * schema error) and cites a quote that is not in the NDA (a fabrication); the repaired answer is correct and
 * lists two high-risk clauses, which sends the report to a lawyer. Cassettes match requests by their digest,
 * so they are regenerated ({@link #main}) whenever the contract, the schema or the prompt layout changes; a test
 * fails until they are.
 */
public final class RecordedReviews {

    /** The cassette of the NDA review, in this package's resources. */
    public static final String NDA_CASSETTE = "cassettes/nda-gpt-4o-mini.jsonl";

    static final String MODEL = "gpt-4o-mini-2024-07-18";

    private RecordedReviews() {}

    private static final String RESIDUALS = """
            {"title":"Residuals clause","section":"3.2","risk":"high",
             "explanation":"The Recipient may use for any purpose information retained in the unaided memory of its employees, so Confidential Information can be used outside the Purpose.",
             "citations":[{"source":"nda","quote":"the Recipient may use for any purpose the Residuals, meaning information retained in the unaided memory of its employees who had access to Confidential Information"}]}""";
    private static final String NON_SOLICITATION = """
            {"title":"Two-year non-solicitation","section":"6.1","risk":"medium",
             "explanation":"Neither party may solicit or hire the other party's employees during the term and for twenty-four months after it ends.",
             "citations":[{"source":"nda","quote":"for twenty-four (24) months after it ends, neither party shall solicit or hire any employee of the other party"}]}""";

    private static String survival(String risk) {
        return """
                {"title":"Confidentiality survives in perpetuity","section":"4.2","risk":"%s",
                 "explanation":"The obligations in clause 3 survive termination and continue in perpetuity.",
                 "citations":[{"source":"nda","quote":"The obligations in clause 3 survive termination and continue in perpetuity."}]}""".formatted(risk);
    }

    /** The first answer: a schema error (risk "severe") and a fabricated quote (clause 2). */
    static Generation ndaFirstAnswer() {
        return answer(clauses(RESIDUALS, """
                {"title":"Uncapped indemnity by Harbor","section":"7.2","risk":"high",
                 "explanation":"Harbor must indemnify Northwind against all losses from any breach, while Northwind's total liability is capped at EUR 5,000.",
                 "citations":[{"source":"nda","quote":"Harbor shall be liable for all damages without any cap whatsoever"}]}""",
                survival("severe"), NON_SOLICITATION), 1_412, 498);
    }

    /** The repaired answer: every quote verbatim, every level from the rubric; two high-risk clauses. */
    static Generation ndaRepairedAnswer() {
        return answer(clauses(RESIDUALS, """
                {"title":"Uncapped indemnity by Harbor","section":"7.2","risk":"high",
                 "explanation":"Harbor shall indemnify Northwind against all losses, costs and expenses arising from any breach without limitation as to amount.",
                 "citations":[{"source":"nda","quote":"Harbor shall indemnify Northwind against all losses, costs and expenses arising from any breach of this Agreement by Harbor, its employees or advisers, without limitation as to amount."}]}""",
                survival("medium"), NON_SOLICITATION, """
                {"title":"Exclusive jurisdiction in Munich","section":"8.1","risk":"low",
                 "explanation":"The courts of Munich have exclusive jurisdiction over any dispute arising from the Agreement.",
                 "citations":[{"source":"nda","quote":"The courts of Munich have exclusive jurisdiction over any dispute arising from it."}]}"""),
                2_236, 602);
    }

    private static String clauses(String... clauses) {
        return "{\"clauses\":[" + String.join(",", clauses) + "]}";
    }

    private static Generation answer(String json, int input, int output) {
        return Generation.builder().text(json.replaceAll("\\n\\s*", "")).modelId(MODEL).usage(Usage.of(input, output))
                .finishReason(FinishReason.STOP).latency(Duration.ofMillis(2_400)).build();
    }

    /** Returns the generator that replays the NDA cassette from the classpath. */
    public static CassettePlayer ndaPlayer() {
        return CassettePlayer.load(copyOut(NDA_CASSETTE));
    }

    private static Path copyOut(String resource) {
        try (InputStream in = RecordedReviews.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing cassette " + resource + "; run RecordedReviews.main");
            }
            Path file = Files.createTempFile("arbiter-cassette-", ".jsonl");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the NDA cassette: runs the review with the hand-written answers through a {@link CassetteRecorder}.
     *
     * @param args the resources folder to write to (default: this module's {@code src/main/resources})
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "examples/src/main/resources");
        Path file = root.resolve("dev/arbiter/examples/contracts").resolve(NDA_CASSETTE);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        ScriptedGenerator script = ScriptedGenerator.of(ndaFirstAnswer(), ndaRepairedAnswer());
        CassetteRecorder recorder = CassetteRecorder.of(script, file);
        ContractReview.builder(recorder).build().review("record-nda", ContractDocument.nda());
        System.out.println("wrote " + script.callCount() + " recorded calls to " + file);
    }
}
