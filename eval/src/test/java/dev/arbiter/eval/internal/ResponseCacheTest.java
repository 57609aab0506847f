package dev.arbiter.eval.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.testing.CassetteRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {

    @TempDir
    Path dir;

    private static final GenerationRequest HELLO = GenerationRequest.of(Message.user("hello"));

    @Test
    void storedGenerationsAreServedInOrderOncePerRunAndThenMissed() {
        Path file = dir.resolve("c.jsonl");
        ResponseCache writing = ResponseCache.open(file);
        writing.store(HELLO, Generation.ofText("one"));
        writing.store(HELLO, Generation.ofText("two"));

        ResponseCache reading = ResponseCache.open(file);

        assertThat(reading.size()).isEqualTo(2);
        assertThat(reading.lookup(HELLO).text()).isEqualTo("one");
        assertThat(reading.lookup(HELLO).text()).isEqualTo("two");
        assertThat(reading.lookup(HELLO)).isNull();
        assertThat(reading.lookup(GenerationRequest.of(Message.user("other")))).isNull();
    }

    @Test
    void attributesDoNotPreventAHit() {
        Path file = dir.resolve("c.jsonl");
        ResponseCache.open(file).store(HELLO, Generation.ofText("one"));

        GenerationRequest withRunId = HELLO.toBuilder().attribute("runId", "42").build();

        assertThat(ResponseCache.open(file).lookup(withRunId).text()).isEqualTo("one");
    }

    @Test
    void aFileWithARecordedFailureIsRefused() throws Exception {
        Path file = dir.resolve("failures.jsonl");
        CassetteRecorder recorder = CassetteRecorder.of(r -> {
            throw ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "503");
        }, file);
        assertThatThrownBy(() -> recorder.generate(HELLO)).isInstanceOf(ArbiterException.class);

        assertThatThrownBy(() -> ResponseCache.open(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":1: a response cache holds generations only, and this line records a failure");
    }

    @Test
    void aLineThatIsNotACassetteLineIsRefusedWithItsNumber() throws Exception {
        Path file = dir.resolve("junk.jsonl");
        Files.writeString(file, "\n{\"hello\": 1}\n");

        assertThatThrownBy(() -> ResponseCache.open(file))
                .hasMessage(file + ":2: not a cassette line (a JSON object with a 'digest')");
    }
}
