package dev.arbiter.cli.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.authority.verify.Verifiers;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter verify schemas DIR_OR_FILE}: runs {@link JsonSchemaVerifier} over JSONSchemaBench rows (each row's
 * schema as the request's response schema, each test instance as the candidate's text) and prints the agreement with
 * the {@code valid} labels per category and overall, then every disagreement grouped by cause and by schema feature.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Agreement of JsonSchemaVerifier with JSONSchemaBench's valid/invalid labels.")
public final class SchemasCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR_OR_FILE",
            description = "A JSONSchemaBench .jsonl.gz (or .jsonl) file, or a folder of them.")
    private Path path;

    @Option(names = "--default-draft", defaultValue = "DRAFT_2020_12",
            description = "Draft for schemas without $schema: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private JsonSchemaVerifier.Draft defaultDraft;

    @Option(names = "--format-assertions", defaultValue = "ALWAYS",
            description = "Whether format is asserted: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private JsonSchemaVerifier.FormatAssertions formats;

    @Option(names = "--max-listed", defaultValue = "200", description = "Most disagreements listed one by one (default: ${DEFAULT-VALUE}).")
    private int maxListed;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(path)) {
            spec.commandLine().getErr().println("no such file or folder: " + path);
            return 2;
        }
        Verifier verifier = Verifiers.guarded(
                JsonSchemaVerifier.builder().defaultDraft(defaultDraft).formatAssertions(formats).build());
        DisagreementCauses causes = new DisagreementCauses(defaultDraft, formats);
        SchemaAgreement tally = new SchemaAgreement();
        List<Path> files = BenchRows.files(path);
        for (Path file : files) {
            BenchRows.read(file, row -> run(row, verifier, causes, tally));
        }
        out.println("JSONSchemaBench: " + files.size() + " file(s) under " + path + "; JsonSchemaVerifier (networknt 2.0.8),"
                + " default draft " + defaultDraft + ", format assertions " + formats);
        out.println();
        tally.print(out, maxListed);
        return 0;
    }

    private static void run(BenchRow row, Verifier verifier, DisagreementCauses causes, SchemaAgreement tally) {
        GenerationRequest request = GenerationRequest.builder()
                .addMessage(Message.user("JSONSchemaBench " + row.id()))
                .responseSchema(ResponseSchema.of("bench", schemaObject(row.schema())))
                .build();
        for (int i = 0; i < row.tests().size(); i++) {
            BenchRow.Test test = row.tests().get(i);
            Candidate candidate = Candidate.of(Generation.ofText(text(test)), request);
            Verdict verdict = verifier.verify(candidate);
            if (DisagreementCauses.agrees(verdict, test.valid())) {
                tally.agree(row.category());
            } else {
                tally.disagree(row.category(), new SchemaAgreement.Disagreement(row.id(), i, test.valid(),
                        SchemaAgreement.verdictName(verdict), causes.classify(row, test, candidate, verdict),
                        detail(verdict, test), row.features()));
            }
        }
    }

    /** Returns the schema as an object: a boolean schema {@code b} becomes the equivalent {@code {"allOf":[b]}}. */
    private static String schemaObject(com.fasterxml.jackson.databind.JsonNode schema) {
        return schema.isObject() ? schema.toString() : "{\"allOf\":[" + schema + "]}";
    }

    private static String text(BenchRow.Test test) {
        try {
            return BenchRows.MAPPER.writeValueAsString(test.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a test instance back as JSON", e);
        }
    }

    private static String detail(Verdict verdict, BenchRow.Test test) {
        String d = verdict instanceof Verdict.Fail
                ? ((Verdict.Fail) verdict).findings().stream().map(Finding::message).limit(2).reduce((a, b) -> a + " | " + b).orElse("")
                : "no error found (" + test.description() + ")";
        return d.length() <= 220 ? d : d.substring(0, 217) + "...";
    }
}
