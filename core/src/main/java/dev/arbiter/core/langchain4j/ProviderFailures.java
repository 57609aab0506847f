package dev.arbiter.core.langchain4j;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ProviderDetail;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns whatever a langchain4j provider call threw into an {@link ArbiterException} carrying its
 * {@link FailureMode} and the {@link ProviderDetail} the provider sent (HTTP status, error type and code,
 * message, request id, Retry-After).
 *
 * <p>The rules, first match wins:
 * <ol>
 *   <li>Content-filter codes ({@code content_filter}, {@code content_policy_violation}, Azure's
 *       {@code ResponsibleAIPolicyViolation}) or langchain4j's {@code ContentFilteredException}:
 *       {@link FailureMode#CONTENT_FILTERED}.</li>
 *   <li>Code {@code context_length_exceeded}, type {@code request_too_large}, HTTP 413, or a 400 /
 *       {@code invalid_request_error} whose message says the prompt exceeds the context window (Anthropic's
 *       "prompt is too long: N tokens &gt; M maximum", "input length and `max_tokens` exceed context limit"):
 *       {@link FailureMode#CONTEXT_OVERFLOW}.</li>
 *   <li>Code or type {@code insufficient_quota} or {@code billing_hard_limit_reached}, even on HTTP 429:
 *       {@link FailureMode#PROVIDER_REJECTED}.</li>
 *   <li>HTTP 408, 409, 429, 5xx (529 included): {@link FailureMode#PROVIDER_UNAVAILABLE}; any other status
 *       (400, 401, 403, 404, ...): {@link FailureMode#PROVIDER_REJECTED}.</li>
 *   <li>An error reported inside a stream without a status: by its type ({@code invalid_request_error},
 *       {@code authentication_error}, {@code permission_error}, {@code not_found_error},
 *       {@code billing_error}: rejected; any other, e.g. {@code overloaded_error}, {@code api_error},
 *       {@code rate_limit_error}: unavailable).</li>
 *   <li>No response at all: timeouts (langchain4j {@code TimeoutException}, {@code HttpTimeoutException},
 *       {@code SocketTimeoutException}), connection failures (any {@code IOException}, unresolved host) and
 *       unreadable responses (Jackson parse errors; {@code NullPointerException}, {@code IllegalStateException},
 *       {@code ClassCastException} or {@code IndexOutOfBoundsException} while mapping a response; langchain4j's
 *       retriable exceptions such as "no choices returned"): {@link FailureMode#PROVIDER_UNAVAILABLE}.</li>
 *   <li>Anything else is not taken to be transient: {@link FailureMode#PROVIDER_REJECTED}, with a message
 *       naming the cause. This includes requests langchain4j could not build ({@code IllegalArgumentException},
 *       {@code UnsupportedFeatureException}) and an interrupted caller.</li>
 * </ol>
 *
 * <p>Retry-After is read from the {@code retry-after-ms} header, the {@code Retry-After} header (seconds or
 * an HTTP date) or OpenAI's "Please try again in 6ms" message. Headers are only available when the model was
 * built with {@link ArbiterHttpClientBuilder}: langchain4j's own HTTP clients drop them.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * try {
 *     ChatResponse response = model.chat(request);
 * } catch (RuntimeException e) {
 *     throw ProviderFailures.classify(e);
 * }
 * }</pre>
 */
public final class ProviderFailures {

    private ProviderFailures() {}

    /**
     * Returns the Arbiter exception for a failed provider call; an {@link ArbiterException} is returned as is.
     * Never returns {@code null} and never throws for anything a provider sent: a failure that cannot be read
     * becomes {@link FailureMode#PROVIDER_REJECTED} naming its class.
     *
     * @param failure what the call threw
     * @return the exception to throw, with {@code failure} as its cause
     * @throws NullPointerException if {@code failure} is {@code null}
     */
    public static ArbiterException classify(Throwable failure) {
        return classify(failure, Clock.systemUTC());
    }

    static ArbiterException classify(Throwable failure, Clock clock) {
        Objects.requireNonNull(failure, "failure");
        if (failure instanceof ArbiterException arbiterException) {
            return arbiterException;
        }
        try {
            FailureFacts facts = FailureFacts.of(failure, clock);
            FailureRules.Verdict verdict = FailureRules.decide(facts);
            return ArbiterException.of(verdict.mode(), verdict.reason() + describe(facts), facts.detail(), failure);
        } catch (RuntimeException unreadable) {
            return ArbiterException.of(FailureMode.PROVIDER_REJECTED,
                    "the provider call failed with " + failure.getClass().getName()
                            + " and the failure could not be read", ProviderDetail.NONE, failure);
        }
    }

    private static String describe(FailureFacts facts) {
        List<String> parts = new ArrayList<>();
        if (facts.status() > 0) {
            parts.add("HTTP " + facts.status());
        }
        if (facts.body().type() != null) {
            parts.add("type " + facts.body().type());
        }
        if (facts.body().code() != null) {
            parts.add("code " + facts.body().code());
        }
        if (facts.retryAfter() != null) {
            parts.add("retry after " + facts.retryAfter());
        }
        String head = parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
        String message = facts.body().message();
        if (message == null) {
            Throwable root = facts.root();
            message = root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        return head + ": " + message;
    }
}
