package dev.arbiter.workflow.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.Redactor;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Slf4jTraceListenerTest {

    private static final String KEY = "sk-live-0123456789abcdefXYZ";
    private static final TraceEvent.Scope SCOPE = new TraceEvent.Scope("run-1", "s1", "p", Instant.EPOCH);
    private static final GenerationRequest REQUEST = GenerationRequest.of(Message.system("Be exact."),
            Message.user("My e-mail is jane@example.com and my key is " + KEY));

    @Test
    void withoutContentNoMessageTextIsLogged() {
        String line = new Slf4jTraceListener(Redactor.standard())
                .describe(new TraceEvent.GenerationStarted(SCOPE, "openai", "gpt-4o-mini", REQUEST));
        assertThat(line).contains(REQUEST.digest()).doesNotContain("jane@example.com").doesNotContain("Be exact");
    }

    @Test
    void contentIsLoggedRedactedWhenEnabled() {
        Slf4jTraceListener listener = new Slf4jTraceListener(Redactor.builder().secret(KEY).build(), true);
        String line = listener.describe(new TraceEvent.GenerationStarted(SCOPE, "openai", "gpt-4o-mini", REQUEST));
        assertThat(line).contains("Be exact").doesNotContain(KEY).doesNotContain("jane@example.com");
    }

    @Test
    void providerErrorsThatEchoAKeyAreRedactedEvenWithoutContent() {
        String line = new Slf4jTraceListener(Redactor.builder().secret(KEY).build()).describe(
                new TraceEvent.GenerationEnded(SCOPE, "openai", null, FailureMode.PROVIDER_REJECTED,
                        "401 Incorrect API key provided: " + KEY));
        assertThat(line).contains("PROVIDER_REJECTED").contains("[REDACTED:secret]").doesNotContain(KEY);
    }

    @Test
    void generationLinesCarryModelAndUsage() {
        Generation g = Generation.builder().text("{}").modelId("gpt-4o-mini")
                .usage(dev.arbiter.core.Usage.of(12, 3)).build();
        String line = new Slf4jTraceListener(Redactor.standard())
                .describe(new TraceEvent.GenerationEnded(SCOPE, "openai", g, null, null));
        assertThat(line).contains("gpt-4o-mini").contains("usage=12/3").doesNotContain("text=");
    }
}
