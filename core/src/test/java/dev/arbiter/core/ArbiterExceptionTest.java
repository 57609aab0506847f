package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArbiterExceptionTest {

    @ParameterizedTest
    @EnumSource(FailureMode.class)
    void ofPicksTheSubclassThatMatchesTheModesRetriability(FailureMode mode) {
        ArbiterException e = ArbiterException.of(mode, "failed");

        assertThat(e).isInstanceOf(mode.retriable() ? RetriableException.class : NonRetriableException.class);
        assertThat(e.isRetriable()).isEqualTo(mode.retriable());
        assertThat(e.failureMode()).isEqualTo(mode);
        assertThat(e.detail()).isEqualTo(ProviderDetail.NONE);
        assertThat(e.getCause()).isNull();
    }

    @Test
    void carriesTheProviderDetailAndTheCause() {
        ProviderDetail detail = ProviderDetail.builder().httpStatus(429).retryAfter(Duration.ofSeconds(3)).build();
        IOException cause = new IOException("connection reset");

        ArbiterException e = ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "rate limited", detail, cause);

        assertThat(e.detail().retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e).hasMessage("rate limited").hasToString("RetriableException[PROVIDER_UNAVAILABLE]: rate limited");
    }

    @Test
    void aRetriableExceptionRejectsANonRetriableMode() {
        assertThatThrownBy(() -> new RetriableException(FailureMode.PROVIDER_REJECTED, "m", ProviderDetail.NONE, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PROVIDER_REJECTED is not retriable; use ArbiterException.of");
    }

    @Test
    void aNonRetriableExceptionRejectsARetriableMode() {
        assertThatThrownBy(() -> new NonRetriableException(FailureMode.PROVIDER_UNAVAILABLE, "m", ProviderDetail.NONE, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PROVIDER_UNAVAILABLE is retriable; use ArbiterException.of");
    }

    @Test
    void nullsAreRejectedByName() {
        assertThatThrownBy(() -> ArbiterException.of(FailureMode.REFUSAL, null)).hasMessage("message");
        assertThatThrownBy(() -> ArbiterException.of(FailureMode.REFUSAL, "m", null, null)).hasMessage("detail");
        assertThatThrownBy(() -> ArbiterException.of(null, "m")).isInstanceOf(NullPointerException.class)
                .hasMessage("failureMode");
        assertThatThrownBy(() -> new RetriableException(null, "m", ProviderDetail.NONE, null)).hasMessage("failureMode");
        assertThatThrownBy(() -> new NonRetriableException(null, "m", ProviderDetail.NONE, null)).hasMessage("failureMode");
    }
}
