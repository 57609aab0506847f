package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceTest {

    @Test
    void computesTheDigestOfTheContent() {
        Source source = Source.of("kb-1", "retrieval:kb", "abc", Trust.UNTRUSTED);
        assertThat(source.digest()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(source.origin()).isEqualTo("retrieval:kb");
        assertThat(Source.of("kb-1", "abc", Trust.UNTRUSTED).origin()).isEmpty();
    }

    @Test
    void acceptsTheCorrectDigest() {
        assertThat(new Source("kb-1", "", "abc", Trust.TRUSTED, Digests.sha256Hex("abc")).content()).isEqualTo("abc");
    }

    @Test
    void rejectsADigestThatDoesNotMatchTheContentNamingTheSourceAndBothDigests() {
        String wrong = Digests.sha256Hex("abd");
        assertThatThrownBy(() -> new Source("kb-1", "", "abc", Trust.TRUSTED, wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("digest of source 'kb-1' does not match its content: given " + wrong + ", actual "
                        + Digests.sha256Hex("abc"));
    }

    @Test
    void rejectsABlankId() {
        assertThatThrownBy(() -> Source.of(" ", "abc", Trust.TRUSTED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source id must not be blank");
    }

    @Test
    void rejectsNullsByName() {
        assertThatThrownBy(() -> Source.of("id", null, Trust.TRUSTED)).hasMessage("content");
        assertThatThrownBy(() -> Source.of("id", "c", null)).hasMessage("trust");
    }

    @Test
    void isTrustedOnlyWhenTheApplicationVouchesForIt() {
        assertThat(Source.of("a", "x", Trust.TRUSTED).isTrusted()).isTrue();
        assertThat(Source.of("a", "x", Trust.UNTRUSTED).isTrusted()).isFalse();
    }
}
