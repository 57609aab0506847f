package dev.arbiter.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.FinishReason;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.NonRetriableException;
import dev.arbiter.core.ProviderDetail;
import dev.arbiter.core.RetriableException;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassettePlayerTest {

    private static final GenerationRequest ASK = GenerationRequest.builder()
            .addMessage(Message.system("Answer briefly."))
            .addMessage(Message.user("What is the total?"))
            .temperature(0.0)
            .build();
    private static final GenerationRequest ASK_TOOL = GenerationRequest.of(Message.user("Add 40 and 2."));
    private static final GenerationRequest ASK_FAILING = GenerationRequest.of(Message.user("Are you there?"));

    private static final Generation ANSWER = Generation.builder()
            .text("42").usage(Usage.of(20, 2)).modelId("m-1").latency(Duration.ofMillis(120)).build();
    private static final Generation TOOL_ANSWER = Generation.builder()
            .toolCalls(List.of(ToolCall.of("c1", "sum", "{\"a\":40,\"b\":2}"), ToolCall.of("c2", "log", "not json")))
            .finishReason(FinishReason.TOOL_CALLS).usage(Usage.of(9, 14)).modelId("m-1")
            .latency(Duration.ofNanos(1_234_567_891)).build();
    private static final ArbiterException RATE_LIMITED = ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE,
            "rate limited", ProviderDetail.builder().httpStatus(429).requestId("req_9")
                    .retryAfter(Duration.ofMillis(1500)).build(), null);
    private static final ArbiterException REJECTED = ArbiterException.of(FailureMode.PROVIDER_REJECTED, "bad key");

    @TempDir
    Path dir;

    private Path record(ScriptedGenerator script, GenerationRequest... requests) {
        Path file = dir.resolve("cassette.jsonl");
        CassetteRecorder recorder = CassetteRecorder.of(script, file);
        for (GenerationRequest request : requests) {
            try {
                recorder.generate(request);
            } catch (ArbiterException expected) {
                // recorded
            }
        }
        return file;
    }

    @Test
    void replayGivesTheRecordedGenerationsExactly() {
        Path file = record(ScriptedGenerator.of(ANSWER, TOOL_ANSWER), ASK, ASK_TOOL);
        CassettePlayer player = CassettePlayer.load(file);

        assertThat(player.generate(ASK)).isEqualTo(ANSWER);
        assertThat(player.generate(ASK_TOOL)).isEqualTo(TOOL_ANSWER);
        assertThat(player.size()).isEqualTo(2);
    }

    @Test
    void replayThrowsTheRecordedFailuresWithTheSameTypeModeMessageAndDetail() {
        Path file = record(ScriptedGenerator.builder().throwing(RATE_LIMITED).throwing(REJECTED).build(),
                ASK_FAILING, ASK_FAILING);
        CassettePlayer player = CassettePlayer.load(file);

        RetriableException first = catchThrowableOfType(RetriableException.class, () -> player.generate(ASK_FAILING));
        assertThat(first.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(first.getMessage()).isEqualTo("rate limited");
        assertThat(first.detail()).isEqualTo(RATE_LIMITED.detail());
        assertThat(first.detail().retryAfter()).contains(Duration.ofMillis(1500));

        NonRetriableException second = catchThrowableOfType(NonRetriableException.class, () -> player.generate(ASK_FAILING));
        assertThat(second.failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
        assertThat(second.detail()).isEqualTo(ProviderDetail.NONE);
    }

    @Test
    void severalRecordingsOfOneRequestAreServedInOrderThenCycle() {
        Path file = record(ScriptedGenerator.builder().throwing(RATE_LIMITED).respond(ANSWER).build(), ASK, ASK);
        CassettePlayer player = CassettePlayer.load(file);

        assertThatThrownBy(() -> player.generate(ASK)).isInstanceOf(RetriableException.class);
        assertThat(player.generate(ASK)).isEqualTo(ANSWER);
        assertThatThrownBy(() -> player.generate(ASK)).isInstanceOf(RetriableException.class);
        assertThat(player.generate(ASK)).isEqualTo(ANSWER);
    }

    @Test
    void concurrentReplaysShareTheCycleFairly() {
        Path file = record(ScriptedGenerator.of(Generation.ofText("a"), Generation.ofText("b")), ASK, ASK);
        CassettePlayer player = CassettePlayer.load(file);
        ConcurrentMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        IntStream.range(0, 1000).parallel().forEach(i ->
                counts.computeIfAbsent(player.generate(ASK).text(), k -> new AtomicInteger()).incrementAndGet());

        assertThat(counts.get("a")).hasValue(500);
        assertThat(counts.get("b")).hasValue(500);
    }

    @Test
    void attributesDoNotPreventAMatch() {
        Path file = record(ScriptedGenerator.of(ANSWER), ASK.toBuilder().attribute("run", "recorded").build());

        assertThat(CassettePlayer.load(file).generate(ASK.toBuilder().attribute("run", "replayed").build()))
                .isEqualTo(ANSWER);
    }

    @Test
    void anUnknownRequestFailsNamingItsDigestTheClosestRecordingAndWhatDiffers() {
        Path file = record(ScriptedGenerator.of(ANSWER, TOOL_ANSWER), ASK, ASK_TOOL);
        GenerationRequest changed = ASK.toBuilder()
                .messages(List.of(Message.system("Answer briefly."), Message.user("What is the VAT?")))
                .temperature(0.5)
                .build();

        assertThatThrownBy(() -> CassettePlayer.load(file).generate(changed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("request " + changed.digest() + " is not on the cassette ([" + file + "]); the closest of"
                        + " its 2 recorded requests is " + ASK.digest() + " (" + file + " line 1), which differs in 2"
                        + " members: /messages/1/text: recorded \"What is the total?\", requested \"What is the VAT?\";"
                        + " /temperature: recorded 0, requested 0.5");
    }

    @Test
    void theClosestRecordingIsTheOneWithFewestDifferingMembers() {
        Path file = record(ScriptedGenerator.of(ANSWER, TOOL_ANSWER), ASK_TOOL, ASK);
        GenerationRequest withSeed = ASK.toBuilder().seed(3L).build();

        assertThatThrownBy(() -> CassettePlayer.load(file).generate(withSeed))
                .hasMessageContaining("is " + ASK.digest() + " (" + file + " line 2), which differs in 1 member:"
                        + " /seed: recorded absent, requested 3");
    }

    @Test
    void aLongListOfDifferencesIsCutShort() {
        Path file = record(ScriptedGenerator.of(ANSWER), GenerationRequest.of(Message.user("a")));
        GenerationRequest other = GenerationRequest.builder()
                .messages(IntStream.range(0, 8).mapToObj(i -> (Message) Message.user("q" + i)).toList())
                .build();

        assertThatThrownBy(() -> CassettePlayer.load(file).generate(other))
                .hasMessageContaining("differs in 8 members: /messages/0/text: recorded \"a\", requested \"q0\";"
                        + " /messages/1: recorded absent, requested {\"role\":\"user\",\"text\":\"q1\"};")
                .hasMessageEndingWith("; and 3 more");
    }

    @Test
    void anEmptyCassetteSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");

        assertThatThrownBy(() -> CassettePlayer.load(file).generate(ASK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("request " + ASK.digest() + " is not on the cassette ([" + file + "]); the cassette is empty");
    }

    @Test
    void loadsEveryCassetteOfADirectoryInPathOrderAndIgnoresOtherFiles() throws IOException {
        Path first = record(ScriptedGenerator.of(Generation.ofText("from a")), ASK);
        Files.createDirectories(dir.resolve("set/nested"));
        Files.move(first, dir.resolve("set/a.jsonl"));
        record(ScriptedGenerator.of(Generation.ofText("from b")), ASK);
        Files.move(dir.resolve("cassette.jsonl"), dir.resolve("set/nested/b.jsonl"));
        Files.writeString(dir.resolve("set/notes.txt"), "not a cassette");

        CassettePlayer player = CassettePlayer.load(dir.resolve("set"));

        assertThat(player.files()).containsExactly(dir.resolve("set/a.jsonl"), dir.resolve("set/nested/b.jsonl"));
        assertThat(player.generate(ASK).text()).isEqualTo("from a");
        assertThat(player.generate(ASK).text()).isEqualTo("from b");
    }

    @Test
    void aPathThatDoesNotExistFailsOnLoad() {
        Path missing = dir.resolve("missing.jsonl");

        assertThatThrownBy(() -> CassettePlayer.load(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cassette " + missing + " does not exist");
    }

    @Test
    void aLineThatIsNotJsonFailsOnLoadWithFileAndLineNumber() throws IOException {
        Path file = record(ScriptedGenerator.of(ANSWER, ANSWER), ASK, ASK_TOOL);
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), "", lines.get(1).substring(0, 40)));

        assertThatThrownBy(() -> CassettePlayer.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":3: the line is not valid JSON: ");
    }

    @Test
    void aLineWhoseDigestDoesNotMatchItsRequestFailsOnLoad() throws IOException {
        Path file = record(ScriptedGenerator.of(ANSWER), ASK);
        String line = Files.readString(file).replace("What is the total?", "What is the VAT?");
        Files.writeString(file, line);

        assertThatThrownBy(() -> CassettePlayer.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":1: recorded digest " + ASK.digest() + " does not match the recorded request, whose"
                        + " digest is " + ASK.toBuilder().messages(List.of(Message.system("Answer briefly."),
                                Message.user("What is the VAT?"))).build().digest()
                        + " (the line was edited, or the canonical form changed)");
    }

    @Test
    void badLinesFailOnLoadNamingTheMemberAndTheReason() throws IOException {
        String request = "\"digest\":\"" + ASK_FAILING.digest() + "\",\"request\":"
                + "{\"messages\":[{\"role\":\"user\",\"text\":\"Are you there?\"}]}";
        assertBadLine("[1,2]", "a cassette line must be a JSON object, was ARRAY");
        assertBadLine("{\"request\":{}}", "member 'digest' must be a string, was missing");
        assertBadLine("{\"digest\":\"x\"}", "member 'request' must be an object");
        assertBadLine("{\"digest\":\"x\",\"request\":{\"messages\":[{\"role\":\"robot\"}]}}",
                "bad request: unknown message role 'robot'");
        assertBadLine("{" + request + "}", "a cassette line needs exactly one of 'generation' and 'failure'");
        assertBadLine("{" + request + ",\"generation\":{\"text\":\"\"}}", "bad generation: missing member 'usage' in {\"text\":\"\"}");
        assertBadLine("{" + request + ",\"failure\":{\"failureMode\":\"OOPS\",\"message\":\"m\"}}",
                "unknown failure.failureMode 'OOPS'");
        assertBadLine("{" + request + ",\"failure\":{\"failureMode\":\"REFUSAL\"}}",
                "member 'failure.message' must be a string, was missing");
        assertBadLine("{" + request + ",\"failure\":{\"failureMode\":\"REFUSAL\",\"message\":\"m\",\"detail\":"
                + "{\"retryAfter\":\"2s\"}}}", "member 'failure.detail.retryAfter' is not an ISO-8601 duration: '2s'");
        assertBadLine("{" + request + ",\"failure\":{\"failureMode\":\"REFUSAL\",\"message\":\"m\",\"detail\":"
                + "{\"httpStatus\":\"429\"}}}", "member 'failure.detail.httpStatus' must be an integer, was \"429\"");
    }

    private void assertBadLine(String line, String reason) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), line + "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CassettePlayer.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":1: " + reason);
    }
}
