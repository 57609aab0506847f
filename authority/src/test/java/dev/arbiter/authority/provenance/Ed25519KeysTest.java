package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {

    /** A test-only key pair made with {@code openssl genpkey -algorithm ed25519}. */
    static final String OPENSSL_PRIVATE = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIMI35TA2FA8t/MC+VjWWR0hpFQliOW86ZfdakSkowTDg
            -----END PRIVATE KEY-----
            """;
    static final String OPENSSL_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAKGVuYj9CkJolKMBrOcW1UBe2TVIR11kvi1p9v3mI3as=
            -----END PUBLIC KEY-----
            """;
    /** {@code printf abc | openssl pkeyutl -sign -inkey key.pem -rawin | base64}. */
    static final String OPENSSL_SIGNATURE_OF_ABC =
            "MRbJitihy6SKgSHSvLHsEd1IJEG904eGQftZY2nJx83269vb1Xeb4nLArrj9crvPf6XDXimS/ImjGzu9P2o/BQ==";

    @Test
    void keysWrittenAsPemReadBack() {
        KeyPair keys = Ed25519Keys.generate();

        PublicKey pub = Ed25519Keys.publicKeyFromPem(Ed25519Keys.toPem(keys.getPublic()));
        PrivateKey priv = Ed25519Keys.privateKeyFromPem(Ed25519Keys.toPem(keys.getPrivate()));

        assertThat(pub.getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(priv.getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    }

    @Test
    void opensslKeysReadAndSignLikeOpenssl() {
        PrivateKey priv = Ed25519Keys.privateKeyFromPem(OPENSSL_PRIVATE);

        byte[] signature = RecordSigner.ed25519("k", priv).sign("abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(Base64.getEncoder().encodeToString(signature)).isEqualTo(OPENSSL_SIGNATURE_OF_ABC);
    }

    @Test
    void theKeyIdIsDerivedFromThePublicKey() {
        PublicKey pub = Ed25519Keys.publicKeyFromPem(OPENSSL_PUBLIC);

        assertThat(Ed25519Keys.keyId(pub)).hasSize(16).isEqualTo(Ed25519Keys.keyId(Ed25519Keys.publicKeyFromPem(OPENSSL_PUBLIC)));
        assertThat(Ed25519Keys.keyId(pub)).isNotEqualTo(Ed25519Keys.keyId(Ed25519Keys.generate().getPublic()));
    }

    @Test
    void textThatIsNotAPublicKeyIsRejected() {
        assertThatThrownBy(() -> Ed25519Keys.publicKeyFromPem("hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PUBLIC KEY");
        assertThatThrownBy(() -> Ed25519Keys.publicKeyFromPem(OPENSSL_PRIVATE.replace("PRIVATE", "PUBLIC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an Ed25519 public key");
    }
}
