package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ArbiterCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ArbiterCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void providersReplayPrintsALinePerRecordAndClosesWithTheCounts() throws IOException {
        Path fixtures = dev.arbiter.cli.providers.ProviderFixtureReplayTest.fixtures();
        long records = 0;
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                records += Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
            }
        }

        int code = run("providers", "replay", fixtures.toString());

        List<String> lines = out.toString().lines().toList();
        assertThat(code).as(out.toString()).isZero();
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo(records + " replayed, " + records + " as expected, 0 unexpected");
        assertThat(lines.stream().filter(l -> l.startsWith("expected "))).hasSize((int) records);
        assertThat(lines).anyMatch(l -> l.startsWith("not read") && l.contains("openai_error_schema.json"));
    }

    @Test
    void aRecordThatIsNotMappedAsItsTagsSayIsCountedUnexpectedAndFailsTheCommand(@TempDir Path dir) throws IOException {
        // The body ends normally, but the record claims the output was cut by the token limit.
        Files.writeString(dir.resolve("mislabelled.jsonl"), """
                {"provider":"openai","endpoint":"POST /v1/chat/completions","http_status":200,"tags":["finish_reason:length"],\
                "body":{"id":"c1","object":"chat.completion","model":"gpt-4o","choices":[{"index":0,\
                "message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}}
                """);

        int code = run("providers", "replay", dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("UNEXPECTED mislabelled.jsonl:1").contains("1 replayed, 0 as expected, 1 unexpected");
    }

    @Test
    void aBadRecordFileFailsWithTheFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.jsonl"), "{\"provider\":\"openai\",\"http_status\":200,\"body\":{}}\n{not json\n");

        int code = run("providers", "replay", dir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("bad.jsonl:2").contains("not JSON");
    }

    @Test
    void withoutASubcommandItPrintsUsage() {
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("Usage: arbiter").contains("providers");
    }
}
