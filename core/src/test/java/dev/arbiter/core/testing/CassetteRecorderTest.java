package dev.arbiter.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import dev.arbiter.core.JsonCodec;
import dev.arbiter.core.Message;
import dev.arbiter.core.ProviderDetail;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.Usage;
import dev.arbiter.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassetteRecorderTest {

    private static final GenerationRequest REQUEST = GenerationRequest.builder()
            .addMessage(Message.user("What is the total?"))
            .attribute("run", "r-1")
            .build();
    private static final Generation ANSWER = Generation.builder()
            .text("42")
            .toolCalls(List.of(ToolCall.of("c1", "sum", "{\"a\":40,\"b\":2}")))
            .usage(Usage.of(12, 3))
            .modelId("gpt-4o-2024-08-06")
            .latency(Duration.ofMillis(850))
            .build();

    @TempDir
    Path dir;

    @Test
    void appendsOneLineWithTheDigestRequestAndGenerationAndReturnsTheGenerationUnchanged() throws IOException {
        Path file = dir.resolve("c.jsonl");
        CassetteRecorder recorder = CassetteRecorder.of(request -> ANSWER, file);

        assertThat(recorder.generate(REQUEST)).isSameAs(ANSWER);

        List<JsonNode> lines = lines(file);
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.get("digest").textValue()).isEqualTo(REQUEST.digest());
        assertThat(JsonCodec.requestFromJson(line.get("request"))).isEqualTo(REQUEST);
        assertThat(JsonCodec.generationFromJson(line.get("generation"))).isEqualTo(ANSWER);
        assertThat(line.has("failure")).isFalse();
    }

    @Test
    void recordsAFailureWithItsModeMessageAndDetailThenRethrowsIt() throws IOException {
        ArbiterException rateLimited = ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "429 Too Many Requests",
                ProviderDetail.builder().httpStatus(429).errorType("rate_limit_error").errorCode("rate_limited")
                        .message("slow down").requestId("req_1").retryAfter(Duration.ofSeconds(2)).build(),
                null);
        Path file = dir.resolve("c.jsonl");
        CassetteRecorder recorder = CassetteRecorder.of(request -> {
            throw rateLimited;
        }, file);

        assertThatThrownBy(() -> recorder.generate(REQUEST)).isSameAs(rateLimited);

        JsonNode failure = lines(file).get(0).get("failure");
        assertThat(Json.MAPPER.writeValueAsString(failure)).isEqualTo("{\"failureMode\":\"PROVIDER_UNAVAILABLE\","
                + "\"message\":\"429 Too Many Requests\",\"detail\":{\"httpStatus\":429,\"errorType\":\"rate_limit_error\","
                + "\"errorCode\":\"rate_limited\",\"message\":\"slow down\",\"requestId\":\"req_1\",\"retryAfter\":\"PT2S\"}}");
    }

    @Test
    void exceptionsThatAreNotArbiterExceptionsPassThroughUnrecorded() {
        Path file = dir.resolve("c.jsonl");
        IllegalStateException bug = new IllegalStateException("bug");
        CassetteRecorder recorder = CassetteRecorder.of(request -> {
            throw bug;
        }, file);

        assertThatThrownBy(() -> recorder.generate(REQUEST)).isSameAs(bug);
        assertThat(file).doesNotExist();
    }

    @Test
    void createsParentDirectoriesAndAppendsToAnExistingCassette() throws IOException {
        Path file = dir.resolve("a/b/c.jsonl");
        CassetteRecorder.of(request -> ANSWER, file).generate(REQUEST);
        CassetteRecorder.of(request -> ANSWER, file).generate(REQUEST);

        assertThat(lines(file)).hasSize(2);
    }

    @Test
    void aCassetteThatCannotBeWrittenFailsNamingTheFileAndKeepsTheProviderFailure() throws IOException {
        Path file = Files.createDirectory(dir.resolve("is-a-directory.jsonl"));
        ArbiterException failure = ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "timeout");
        CassetteRecorder answering = CassetteRecorder.of(request -> ANSWER, file);
        CassetteRecorder failing = CassetteRecorder.of(request -> {
            throw failure;
        }, file);

        assertThatThrownBy(() -> answering.generate(REQUEST))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot append to cassette " + file);
        assertThatThrownBy(() -> failing.generate(REQUEST))
                .isInstanceOf(UncheckedIOException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(failure));
    }

    @Test
    void aDelegateReturningNullFailsNamingTheRequest() {
        CassetteRecorder recorder = CassetteRecorder.of(request -> null, dir.resolve("c.jsonl"));

        assertThatThrownBy(() -> recorder.generate(REQUEST))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned null for request " + REQUEST.digest());
    }

    @Test
    void concurrentRecordingWritesEveryLineWhole() throws Exception {
        int calls = 400;
        Path file = dir.resolve("c.jsonl");
        String padding = "x".repeat(10_000);
        Generator slowAndLarge = request -> Generation.ofText(padding + request.digest());
        CassetteRecorder recorder = CassetteRecorder.of(slowAndLarge, file);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        Set<String> expected = new HashSet<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                GenerationRequest request = GenerationRequest.of(Message.user("question " + i));
                expected.add(request.digest());
                futures.add(pool.submit(() -> recorder.generate(request)));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<JsonNode> lines = lines(file);
        assertThat(lines).hasSize(calls);
        Set<String> digests = new HashSet<>();
        for (JsonNode line : lines) {
            String digest = line.get("digest").textValue();
            digests.add(digest);
            assertThat(line.get("generation").get("text").textValue()).isEqualTo(padding + digest);
        }
        assertThat(digests).isEqualTo(expected);
        assertThat(CassettePlayer.load(file).size()).isEqualTo(calls);
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(Json.parse(line, "cassette line"));
        }
        return out;
    }
}
