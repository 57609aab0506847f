package dev.arbiter.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2025-11-21T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void headerInSecondsIsRead() {
        assertThat(RetryAfter.fromHeader("20", NOW)).isEqualTo(Duration.ofSeconds(20));
        assertThat(RetryAfter.fromHeader(" 1.5 ", NOW)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void headerAsHttpDateIsTheWaitUntilThatDate() {
        assertThat(RetryAfter.fromHeader("Fri, 21 Nov 2025 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void httpDateInThePastMeansRetryNow() {
        assertThat(RetryAfter.fromHeader("Fri, 21 Nov 2025 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void unreadableHeadersCountAsAbsent() {
        for (String value : new String[] {"", "soon", "-3", "1e3", "Friday", "99999999999999999999"}) {
            assertThat(RetryAfter.fromHeader(value, NOW)).as(value).isNull();
        }
        assertThat(RetryAfter.fromMillisHeader("abc")).isNull();
    }

    @Test
    void millisecondsHeaderIsRead() {
        assertThat(RetryAfter.fromMillisHeader("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(RetryAfter.fromMillisHeader("0.5")).isEqualTo(Duration.ofNanos(500_000));
    }

    @Test
    void openAiMessageHintsAreRead() {
        assertThat(RetryAfter.fromMessage("Limit: 10000 / min. Please try again in 6ms. Contact us"))
                .isEqualTo(Duration.ofMillis(6));
        assertThat(RetryAfter.fromMessage("Please try again in 1.5s.")).isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryAfter.fromMessage("Please try again in 1m30s.")).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryAfter.fromMessage("Please try again in 2h5m.")).isEqualTo(Duration.ofMinutes(125));
        assertThat(RetryAfter.fromMessage("Please reduce the length of the messages.")).isNull();
    }

    @Test
    void millisecondsHeaderWinsOverRetryAfterWhichWinsOverTheMessage() {
        String message = "Please try again in 6ms.";
        Map<String, List<String>> both = Map.of("Retry-After-Ms", List.of("100"), "Retry-After", List.of("2"));
        Map<String, List<String>> seconds = Map.of("RETRY-AFTER", List.of("2"));

        assertThat(RetryAfter.from(both, message, NOW)).isEqualTo(Duration.ofMillis(100));
        assertThat(RetryAfter.from(seconds, message, NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryAfter.from(Map.of(), message, NOW)).isEqualTo(Duration.ofMillis(6));
        assertThat(RetryAfter.from(Map.of(), null, NOW)).isNull();
    }
}
