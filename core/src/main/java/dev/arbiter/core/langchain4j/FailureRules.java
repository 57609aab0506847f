package dev.arbiter.core.langchain4j;

import com.fasterxml.jackson.core.JacksonException;
import dev.arbiter.core.FailureMode;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The classification rules of {@link ProviderFailures}, in order; see there for the list. */
final class FailureRules {

    /** The mode a failure gets and the reason given in the exception message. */
    record Verdict(FailureMode mode, String reason) {}

    private static final Set<String> CONTENT_FILTER_CODES =
            Set.of("content_filter", "content_policy_violation", "responsibleaipolicyviolation");
    private static final Set<String> QUOTA_CODES = Set.of("insufficient_quota", "billing_hard_limit_reached");
    private static final Set<String> REJECTED_TYPES = Set.of(
            "invalid_request_error", "authentication_error", "permission_error", "not_found_error", "billing_error");
    private static final Pattern CONTEXT_MESSAGE = Pattern.compile("(?i)prompt is too long"
            + "|exceeds? (the )?(model'?s )?(maximum )?context (limit|window|length)"
            + "|maximum context length|context length exceeded|context window exceeded"
            + "|exceeds the maximum number of tokens");

    private FailureRules() {}

    static Verdict decide(FailureFacts facts) {
        Verdict verdict = byCode(facts);
        if (verdict == null) {
            verdict = byStatus(facts.status());
        }
        if (verdict == null && facts.reportedInStream()) {
            verdict = byStreamErrorType(facts.body().type());
        }
        if (verdict == null) {
            verdict = byException(facts);
        }
        return verdict;
    }

    private static @Nullable Verdict byCode(FailureFacts facts) {
        ErrorBody body = facts.body();
        String code = lower(body.code());
        String type = lower(body.type());
        if (in(CONTENT_FILTER_CODES, code) || in(CONTENT_FILTER_CODES, lower(body.innerCode()))
                || facts.has(ContentFilteredException.class)) {
            return new Verdict(FailureMode.CONTENT_FILTERED, "the provider's content filter blocked the request");
        }
        if ("context_length_exceeded".equals(code) || "request_too_large".equals(type) || facts.status() == 413
                || (mayBeContextLimit(facts, type) && body.message() != null
                        && CONTEXT_MESSAGE.matcher(body.message()).find())) {
            return new Verdict(FailureMode.CONTEXT_OVERFLOW, "the request exceeds the model's context window");
        }
        if (in(QUOTA_CODES, code) || in(QUOTA_CODES, type)) {
            return new Verdict(FailureMode.PROVIDER_REJECTED, "the provider account has no quota left");
        }
        return null;
    }

    private static boolean mayBeContextLimit(FailureFacts facts, @Nullable String type) {
        int status = facts.status();
        return status == 400 || status == 0 || "invalid_request_error".equals(type);
    }

    private static @Nullable Verdict byStatus(int status) {
        if (status <= 0) {
            return null;
        }
        if (status == 429) {
            return unavailable("the provider rate-limited the request");
        }
        if (status == 408) {
            return unavailable("the provider timed out the request");
        }
        if (status == 409) {
            return unavailable("the provider reported a conflict; the request can be retried");
        }
        if (status == 529) {
            return unavailable("the provider is overloaded");
        }
        if (status >= 500 && status <= 599) {
            return unavailable("the provider failed with a server error");
        }
        if (status == 401) {
            return rejected("the provider rejected the credentials");
        }
        if (status == 403) {
            return rejected("the provider denied access");
        }
        if (status == 404) {
            return rejected("the provider does not know the model or endpoint");
        }
        if (status >= 400 && status <= 499) {
            return rejected("the provider rejected the request");
        }
        return rejected("the provider answered with an unexpected HTTP status");
    }

    private static Verdict byStreamErrorType(@Nullable String type) {
        if (in(REJECTED_TYPES, lower(type))) {
            return rejected("the provider rejected the request in the stream");
        }
        return unavailable("the provider reported an error in the stream");
    }

    private static Verdict byException(FailureFacts facts) {
        if (facts.has(InterruptedException.class)) {
            return rejected("the calling thread was interrupted during the provider call");
        }
        if (facts.has(dev.langchain4j.exception.TimeoutException.class) || facts.has(HttpTimeoutException.class)
                || facts.has(SocketTimeoutException.class) || facts.has(java.util.concurrent.TimeoutException.class)) {
            return unavailable("the provider did not answer in time");
        }
        if (facts.has(ConnectException.class) || facts.has(UnresolvedAddressException.class)
                || facts.has(UnresolvedModelServerException.class) || facts.has(UnknownHostException.class)
                || facts.has(NoRouteToHostException.class)) {
            return unavailable("could not connect to the provider");
        }
        if (facts.has(JacksonException.class) || facts.hasClassNamed("tools.jackson.")) {
            return unavailable("the provider sent a response that could not be parsed");
        }
        if (facts.has(IOException.class)) {
            return unavailable("the connection to the provider failed");
        }
        if (facts.has(dev.langchain4j.exception.RetriableException.class)) {
            return unavailable("the provider call failed in a way langchain4j considers transient");
        }
        if (facts.has(NullPointerException.class) || facts.has(IllegalStateException.class)
                || facts.has(ClassCastException.class) || facts.has(IndexOutOfBoundsException.class)) {
            return unavailable("the provider's response could not be mapped, it is probably malformed");
        }
        return rejected("the provider call failed with an unexpected error");
    }

    private static Verdict unavailable(String reason) {
        return new Verdict(FailureMode.PROVIDER_UNAVAILABLE, reason);
    }

    private static Verdict rejected(String reason) {
        return new Verdict(FailureMode.PROVIDER_REJECTED, reason);
    }

    private static boolean in(Set<String> values, @Nullable String value) {
        return value != null && values.contains(value);
    }

    private static @Nullable String lower(@Nullable String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
