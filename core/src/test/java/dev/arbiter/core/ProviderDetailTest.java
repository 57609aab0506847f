package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderDetailTest {

    @Test
    void noneHasNothingSet() {
        assertThat(ProviderDetail.NONE.httpStatus()).isEmpty();
        assertThat(ProviderDetail.NONE.retryAfter()).isEmpty();
        assertThat(ProviderDetail.NONE.errorType()).isEmpty();
        assertThat(ProviderDetail.NONE).hasToString("ProviderDetail{}");
    }

    @Test
    void toBuilderKeepsEveryPart() {
        ProviderDetail detail = ProviderDetail.builder().httpStatus(529).errorType("overloaded_error")
                .errorCode("overloaded").message("Overloaded").requestId("req_1").retryAfter(Duration.ofSeconds(1))
                .build();

        assertThat(detail.toBuilder().build()).isEqualTo(detail).hasSameHashCodeAs(detail);
        assertThat(detail.toBuilder().httpStatus(503).build()).isNotEqualTo(detail);
        assertThat(detail).hasToString("ProviderDetail{status=529 type=overloaded_error code=overloaded retryAfter=PT1S"
                + " requestId=req_1 message=Overloaded}");
    }

    @Test
    void rejectsNegativeStatusAndWait() {
        assertThatThrownBy(() -> ProviderDetail.builder().httpStatus(-1)).hasMessage("httpStatus must be >= 0, was -1");
        assertThatThrownBy(() -> ProviderDetail.builder().retryAfter(Duration.ofSeconds(-1)))
                .hasMessage("retryAfter must not be negative, was PT-1S");
    }
}
