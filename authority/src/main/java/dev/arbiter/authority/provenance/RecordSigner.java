package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.Ed25519;
import java.security.KeyPair;
import java.security.PrivateKey;

/**
 * Signs provenance records as a ledger appends them, so that a record rewritten by someone without the key is
 * found by {@link LedgerReader#verify(VerifyOptions)} even when its hashes were recomputed.
 *
 * <p>A signer signs the ASCII bytes of the record's hash (64 hex characters); the record names the signer's
 * {@link #keyId()} in its hashed part, and stores the signature, base64, beside its hash. The built-in signer is
 * Ed25519 with the JDK's own crypto ({@link #ed25519(KeyPair)}); implement this interface to sign with a key kept
 * elsewhere (an HSM, a cloud KMS).
 *
 * <p>Implementations must be thread-safe and must not return {@code null}.
 */
public interface RecordSigner {

    /** Returns the id of the key, written into every record this signer signs; not blank. */
    String keyId();

    /**
     * Returns the signature of the message.
     *
     * @throws RuntimeException if signing fails; the append fails with it and nothing is written
     */
    byte[] sign(byte[] message);

    /** Returns an Ed25519 signer whose key id is {@link Ed25519Keys#keyId} of the pair's public key. */
    static RecordSigner ed25519(KeyPair keyPair) {
        return ed25519(Ed25519Keys.keyId(keyPair.getPublic()), keyPair.getPrivate());
    }

    /** Returns an Ed25519 signer with the given key id. */
    static RecordSigner ed25519(String keyId, PrivateKey privateKey) {
        return new Ed25519.Signer(keyId, privateKey);
    }
}
