package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.Ed25519;
import dev.arbiter.core.Digests;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Ed25519 keys for signing provenance records, with the JDK's own crypto: generation, key ids and PEM files
 * (the {@code PUBLIC KEY} and {@code PRIVATE KEY} forms that {@code openssl genpkey -algorithm ed25519} writes).
 *
 * <p>Thread-safe.
 */
public final class Ed25519Keys {

    private Ed25519Keys() {}

    /** Returns a new key pair. */
    public static KeyPair generate() {
        return Ed25519.generate();
    }

    /**
     * Returns the key id of a public key: the first 16 hex characters of the SHA-256 of its X.509 encoding. A
     * verifier holding only the public key derives the same id.
     */
    public static String keyId(PublicKey publicKey) {
        return Digests.sha256Hex(publicKey.getEncoded()).substring(0, 16);
    }

    /** Returns the public key in PEM form ({@code -----BEGIN PUBLIC KEY-----}). */
    public static String toPem(PublicKey publicKey) {
        return Ed25519.pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** Returns the private key in PEM form ({@code -----BEGIN PRIVATE KEY-----}, PKCS #8). Keep it secret. */
    public static String toPem(PrivateKey privateKey) {
        return Ed25519.pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /**
     * Reads an Ed25519 public key in PEM form.
     *
     * @throws IllegalArgumentException if the text is not an Ed25519 public key in PEM form
     */
    public static PublicKey publicKeyFromPem(String pem) {
        return Ed25519.publicKey(Ed25519.unpem("PUBLIC KEY", pem));
    }

    /**
     * Reads an Ed25519 private key in PEM form (PKCS #8).
     *
     * @throws IllegalArgumentException if the text is not an Ed25519 private key in PEM form
     */
    public static PrivateKey privateKeyFromPem(String pem) {
        return Ed25519.privateKey(Ed25519.unpem("PRIVATE KEY", pem));
    }
}
