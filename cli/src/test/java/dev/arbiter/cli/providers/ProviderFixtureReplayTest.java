package dev.arbiter.cli.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.Generation;
import dev.arbiter.core.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays every record of the provider fixtures through WireMock, langchain4j's OpenAI and Anthropic models and
 * {@code LangChain4jGenerator}, and checks each mapping against what the recorded body itself says (read by
 * {@link RecordedAnswer}, which shares no code with the generator): text, tool calls (parallel ones included),
 * usage, finish reason, model id and, for errors, the failure mode and the provider's detail.
 */
public class ProviderFixtureReplayTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static List<ReplayResult> results;

    public static Path fixtures() {
        String dir = System.getProperty("arbiter.data.dir");
        Path data = dir != null ? Path.of(dir) : Path.of("..", "..", "shared", "data");
        return data.resolve("provider-fixtures");
    }

    @BeforeAll
    static void replayEveryRecord() throws IOException {
        try (FixtureReplayer replayer = new FixtureReplayer()) {
            results = replayer.replayAll(FixtureRecords.load(fixtures()));
        }
    }

    @Test
    void everyRecordInTheFilesIsReplayed() throws IOException {
        long lines = 0;
        try (Stream<Path> files = Files.list(fixtures())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                lines += Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
            }
        }
        assertThat(lines).isPositive();
        assertThat(results).hasSize((int) lines);
    }

    @Test
    void everyRecordIsMappedAsItsTagsStatusAndErrorTypeSay() {
        assertThat(results.stream().filter(r -> !r.asExpected()).map(ReplayResult::line)).isEmpty();
    }

    @Test
    void generationsCarryTheTextToolCallsUsageFinishReasonAndModelOfTheRecordedBody() throws Exception {
        int compared = 0;
        boolean sawParallelCalls = false;
        for (ReplayResult r : results) {
            FixtureRecord record = r.record();
            if (record.status() != 200 || !isChat(record) || !Expectation.wellFormed(record.body())) {
                continue;
            }
            List<Generation> generations = generations(r.outcome());
            List<RecordedAnswer> answers = new ArrayList<>();
            if (record.method().equals("GET")) {
                for (JsonNode stored : MAPPER.readTree(record.body()).path("data")) {
                    answers.add(RecordedAnswer.of(withBody(record, stored.toString())));
                }
            } else {
                answers.add(RecordedAnswer.of(record));
            }
            assertThat(generations).as(record.location()).hasSameSizeAs(answers);
            for (int i = 0; i < answers.size(); i++) {
                assertMatches(record.location(), generations.get(i), answers.get(i));
                sawParallelCalls |= generations.get(i).toolCalls().size() > 1;
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(40);
        assertThat(sawParallelCalls).as("the fixtures hold parallel tool calls").isTrue();
    }

    @Test
    void providerErrorsCarryTheStatusTypeAndCodeTheProviderSent() throws Exception {
        int errors = 0;
        for (ReplayResult r : results) {
            if (r.record().status() < 400) {
                continue;
            }
            assertThat(r.outcome()).as(r.record().location()).isInstanceOf(ReplayOutcome.Failed.class);
            ArbiterException e = ((ReplayOutcome.Failed) r.outcome()).failure();
            JsonNode error = MAPPER.readTree(r.record().body()).path("error");
            assertThat(e.failureMode()).isEqualTo(r.expected().failure());
            assertThat(e.detail().httpStatus()).hasValue(r.record().status());
            if (error.path("code").isTextual()) {
                assertThat(e.detail().errorCode()).contains(error.path("code").asText());
            }
            if (error.path("type").isTextual()) {
                assertThat(e.detail().errorType()).contains(error.path("type").asText());
            }
            assertThat(e.detail().message()).contains(error.path("message").asText());
            errors++;
        }
        assertThat(errors).isGreaterThanOrEqualTo(5);
    }

    @Test
    void otherEndpointsAnswerWhatTheirBodiesSay() throws Exception {
        for (ReplayResult r : results) {
            FixtureRecord record = r.record();
            if (record.path().endsWith("/moderations")) {
                boolean flagged = MAPPER.readTree(record.body()).path("results").path(0).path("flagged").asBoolean();
                assertThat(r.outcome().describe()).isEqualTo(flagged ? "moderation: flagged" : "moderation: not flagged");
            } else if (record.path().equals("/v1/completions") && Expectation.wellFormed(record.body())
                    && !record.streaming()) {
                JsonNode choice = MAPPER.readTree(record.body()).path("choices").path(0);
                assertThat(r.outcome().describe()).startsWith("completion of " + choice.path("text").asText().length() + " chars");
            }
        }
    }

    private static void assertMatches(String where, Generation g, RecordedAnswer expected) {
        assertThat(g.text()).as(where + " text").isEqualTo(expected.text());
        assertThat(g.finishReason()).as(where + " finish reason").isEqualTo(expected.finish());
        assertThat(g.usage().inputTokens()).as(where + " input tokens").isEqualTo(expected.inputTokens());
        assertThat(g.usage().outputTokens()).as(where + " output tokens").isEqualTo(expected.outputTokens());
        if (!expected.model().isEmpty()) {
            assertThat(g.modelId()).as(where + " model").isEqualTo(expected.model());
        }
        assertThat(g.toolCalls()).as(where + " tool calls").hasSameSizeAs(expected.toolCalls());
        for (int i = 0; i < g.toolCalls().size(); i++) {
            ToolCall actual = g.toolCalls().get(i);
            RecordedAnswer.Call call = expected.toolCalls().get(i);
            assertThat(actual.id()).as(where + " tool call id").isEqualTo(call.id());
            assertThat(actual.name()).as(where + " tool name").isEqualTo(call.name());
            assertThat(actual.parsedArguments()).as(where + " arguments").contains(call.arguments());
        }
    }

    private static List<Generation> generations(ReplayOutcome outcome) {
        if (outcome instanceof ReplayOutcome.Generated g) {
            return List.of(g.generation());
        }
        if (outcome instanceof ReplayOutcome.Several several) {
            List<Generation> all = new ArrayList<>();
            several.outcomes().forEach(o -> all.addAll(generations(o)));
            return all;
        }
        throw new AssertionError("expected a generation, got " + outcome.describe());
    }

    private static boolean isChat(FixtureRecord r) {
        return r.path().endsWith("/chat/completions") || r.path().endsWith("/messages") || r.path().endsWith("/responses");
    }

    private static FixtureRecord withBody(FixtureRecord r, String body) {
        return new FixtureRecord(r.file(), r.line(), r.source(), r.provider(), "POST", "/v1/chat/completions", 200,
                r.headers(), body, false, r.tags(), r.raw());
    }
}
