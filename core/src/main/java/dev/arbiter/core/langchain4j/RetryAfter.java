package dev.arbiter.core.langchain4j;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads how long a provider asked the client to wait: the {@code retry-after-ms} header (milliseconds, sent by
 * OpenAI), the {@code Retry-After} header (seconds or an HTTP date), or, as a fallback, the hint in OpenAI's
 * rate-limit message ("Please try again in 6ms", "in 1.5s", "in 1m30s"). Never throws: a value it cannot read
 * counts as absent.
 */
final class RetryAfter {

    private static final Pattern HINT = Pattern.compile(
            "(?i)try again in\\s+((?:\\d+(?:\\.\\d+)?\\s*(?:ms|h|m|s)\\s*)+)");
    private static final Pattern HINT_PART = Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*(ms|h|m|s)");

    private RetryAfter() {}

    /** Returns the wait the provider asked for, or {@code null} when it asked for none that can be read. */
    static @Nullable Duration from(Map<String, List<String>> headers, @Nullable String message, Clock clock) {
        Duration wait = fromMillisHeader(header(headers, "retry-after-ms"));
        if (wait == null) {
            wait = fromHeader(header(headers, "retry-after"), clock);
        }
        if (wait == null) {
            wait = fromMessage(message);
        }
        return wait;
    }

    /** Reads {@code retry-after-ms}: a number of milliseconds. */
    static @Nullable Duration fromMillisHeader(@Nullable String value) {
        BigDecimal millis = number(value);
        return millis == null ? null : nanos(millis.multiply(BigDecimal.valueOf(1_000_000)));
    }

    /** Reads {@code Retry-After}: a number of seconds, or an HTTP date (a date in the past means now). */
    static @Nullable Duration fromHeader(@Nullable String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        BigDecimal seconds = number(value);
        if (seconds != null) {
            return nanos(seconds.multiply(BigDecimal.valueOf(1_000_000_000)));
        }
        try {
            Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads the hint in a message such as "Please try again in 1m30.5s." */
    static @Nullable Duration fromMessage(@Nullable String message) {
        if (message == null) {
            return null;
        }
        Matcher hint = HINT.matcher(message);
        if (!hint.find()) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        Matcher part = HINT_PART.matcher(hint.group(1));
        while (part.find()) {
            total = total.add(new BigDecimal(part.group(1)).multiply(nanosPer(part.group(2).toLowerCase())));
        }
        return nanos(total);
    }

    private static BigDecimal nanosPer(String unit) {
        switch (unit) {
            case "ms":
                return BigDecimal.valueOf(1_000_000L);
            case "s":
                return BigDecimal.valueOf(1_000_000_000L);
            case "m":
                return BigDecimal.valueOf(60_000_000_000L);
            default:
                return BigDecimal.valueOf(3_600_000_000_000L);
        }
    }

    private static @Nullable BigDecimal number(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (!stripped.matches("\\d{1,15}(\\.\\d{1,9})?")) {
            return null;
        }
        return new BigDecimal(stripped);
    }

    private static @Nullable Duration nanos(BigDecimal nanos) {
        try {
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException tooLarge) {
            return null;
        }
    }

    private static @Nullable String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                List<String> values = entry.getValue();
                return values == null || values.isEmpty() ? null : values.get(0);
            }
        }
        return null;
    }
}
