package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PublicKey;
import org.junit.jupiter.api.Test;

class VerifyOptionsTest {

    @Test
    void defaultsCheckNeitherAnchorNorSignatures() {
        assertThat(VerifyOptions.defaults().anchor()).isEmpty();
        assertThat(VerifyOptions.defaults().publicKeys()).isEmpty();
    }

    @Test
    void aPublicKeyIsAcceptedUnderItsDerivedKeyId() {
        PublicKey key = Ed25519Keys.generate().getPublic();

        VerifyOptions options = VerifyOptions.defaults().withPublicKey(key);

        assertThat(options.publicKeys()).containsEntry(Ed25519Keys.keyId(key), key).hasSize(1);
        assertThat(VerifyOptions.defaults().publicKeys()).as("defaults unchanged").isEmpty();
    }

    @Test
    void copiesKeepWhatWasSetBefore() {
        PublicKey key = Ed25519Keys.generate().getPublic();
        ChainHead anchor = new ChainHead(2, "ab".repeat(32));

        VerifyOptions options = VerifyOptions.defaults().withPublicKey("hsm-1", key).withAnchor(anchor);

        assertThat(options.anchor()).contains(anchor);
        assertThat(options.publicKeys()).containsKey("hsm-1");
        assertThatThrownBy(() -> options.withPublicKey(" ", key)).isInstanceOf(IllegalArgumentException.class);
    }
}
