package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String KEY = "team-key-7f3a9c21";

    @Test
    void aConfiguredSecretIsRemovedWhereverItAppears() {
        Redactor r = Redactor.builder().secret(KEY).build();
        assertThat(r.redact("Incorrect API key provided: " + KEY + ". Use " + KEY))
                .isEqualTo("Incorrect API key provided: [REDACTED:secret]. Use [REDACTED:secret]");
    }

    @Test
    void standardPatternsRemovePersonalDataAndKeyShapes() {
        String text = "Mail jane.doe@example.com, call +49 30 1234 5678, card 4111 1111 1111 1111, "
                + "IBAN DE89 3704 0044 0532 0130 00, key sk-proj-abcdefghijklmnop1234, Authorization: Bearer abc.def.ghi123";
        String out = Redactor.standard().redact(text);
        assertThat(out).doesNotContain("jane.doe@example.com", "1234 5678", "4111 1111", "DE89 3704",
                "sk-proj-abcdefghijklmnop1234", "abc.def.ghi123");
        assertThat(out).contains("[REDACTED:email]", "[REDACTED:card]", "[REDACTED:iban]", "[REDACTED:api-key]",
                "[REDACTED:bearer]", "[REDACTED:phone]");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "Invoice INV-9902 total EUR 2380.00 due 2024-09-30, attempt 2 of 3.";
        assertThat(Redactor.standard().redact(text)).isEqualTo(text);
    }

    @Test
    void customPatternsAreApplied() {
        Redactor r = Redactor.builder().withoutStandardPatterns().pattern("customer", Pattern.compile("CUST-\\d+"))
                .build();
        assertThat(r.redact("customer CUST-123 wrote from a@b.org")).isEqualTo("customer [REDACTED:customer] wrote from a@b.org");
    }

    @Test
    void tooShortSecretsAreRefused() {
        assertThatThrownBy(() -> Redactor.builder().secret("ab")).hasMessageContaining("shorter than 4");
    }

    @Test
    void regressionAMegabyteWithoutAnAtSignIsRedactedInLinearTime() {
        // the e-mail pattern used to try every start position of a run of address characters: quadratic, minutes
        // for one megabyte (a tool call's 1 MB argument quoted in a refusal reason)
        Redactor r = Redactor.standard();
        for (String huge : new String[] {"a".repeat(1_000_000), "9".repeat(1_000_000), "x.".repeat(500_000),
            "ab@".repeat(300_000)}) {
            long start = System.nanoTime();
            r.redact(huge);
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms for %s…", huge.substring(0, 6)).isLessThan(3_000);
        }
        assertThat(r.redact("write to anna.keller@example.com or x+y@mail.example.org."))
                .isEqualTo("write to [REDACTED:email] or [REDACTED:email].");
    }
}
