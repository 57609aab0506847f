package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceTest {

    private static final Source CONTRACT = Source.of("contract", "the rules", Trust.TRUSTED);
    private static final Source PAGE = Source.of("web-1", "web", "a page", Trust.UNTRUSTED);
    private static final Source MAIL = Source.of("mail-1", "an e-mail", Trust.UNTRUSTED);

    @Test
    void keepsSourcesInTheOrderGivenAndFindsThemById() {
        Evidence evidence = Evidence.of(PAGE, CONTRACT, MAIL);

        assertThat(evidence.sources()).containsExactly(PAGE, CONTRACT, MAIL);
        assertThat(evidence.find("contract")).contains(CONTRACT);
        assertThat(evidence.find("nope")).isEmpty();
        assertThat(evidence.size()).isEqualTo(3);
    }

    @Test
    void splitsTrustedFromUntrustedSources() {
        Evidence evidence = Evidence.of(PAGE, CONTRACT, MAIL);

        assertThat(evidence.trusted()).containsExactly(CONTRACT);
        assertThat(evidence.untrusted()).containsExactly(PAGE, MAIL);
    }

    @Test
    void theSameSourceTwiceIsKeptOnce() {
        Evidence evidence = Evidence.of(PAGE, Source.of("web-1", "web", "a page", Trust.UNTRUSTED));

        assertThat(evidence.sources()).containsExactly(PAGE);
    }

    @Test
    void twoDifferentSourcesWithOneIdAreRejectedNamingTheIdAndDigests() {
        Source other = Source.of("web-1", "another page", Trust.UNTRUSTED);

        assertThatThrownBy(() -> Evidence.of(PAGE, other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two different sources share the id 'web-1' (digests " + PAGE.digest() + " and "
                        + other.digest() + ")");
        assertThatThrownBy(() -> Evidence.of(PAGE).with(other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Evidence.of(PAGE).plus(Evidence.of(other))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withAndPlusReturnNewEvidenceAndLeaveTheOriginalUnchanged() {
        Evidence original = Evidence.of(CONTRACT);

        Evidence more = original.with(PAGE).plus(Evidence.of(MAIL, CONTRACT));

        assertThat(more.sources()).containsExactly(CONTRACT, PAGE, MAIL);
        assertThat(original.sources()).containsExactly(CONTRACT);
    }

    @Test
    void emptyEvidenceHasNoSources() {
        assertThat(Evidence.empty().isEmpty()).isTrue();
        assertThat(Evidence.of(List.of())).isEqualTo(Evidence.empty());
        assertThat(Evidence.empty().trusted()).isEmpty();
    }

    @Test
    void equalityFollowsTheSourcesInOrder() {
        assertThat(Evidence.of(PAGE, MAIL)).isEqualTo(Evidence.of(PAGE, MAIL)).hasSameHashCodeAs(Evidence.of(PAGE, MAIL));
        assertThat(Evidence.of(PAGE, MAIL)).isNotEqualTo(Evidence.of(MAIL, PAGE));
    }

    @Test
    void theSourceListCannotBeModified() {
        assertThatThrownBy(() -> Evidence.of(PAGE).sources().add(MAIL)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNullSourceIsRejected() {
        assertThatThrownBy(() -> Evidence.of(java.util.Arrays.asList(PAGE, null))).isInstanceOf(NullPointerException.class);
    }
}
