package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Evidence;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceRefTest {

    @Test
    void evidenceRefsNameEverySourceByIdDigestAndTrust() {
        Source doc = Source.of("kb:1", "the document", Trust.UNTRUSTED);
        Source user = Source.of("user", "the request", Trust.TRUSTED);

        assertThat(EvidenceRef.of(Evidence.of(doc, user))).containsExactly(
                new EvidenceRef("kb:1", doc.digest(), Trust.UNTRUSTED),
                new EvidenceRef("user", user.digest(), Trust.TRUSTED));
        assertThat(EvidenceRef.of(Evidence.empty())).isEqualTo(List.of());
    }

    @Test
    void aDigestMustBeSha256HexAndIsNamedBySource() {
        assertThatThrownBy(() -> new EvidenceRef("kb:1", "abc", Trust.TRUSTED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evidence 'kb:1'");
    }
}
