package dev.arbiter.authority.provenance.internal;

import dev.arbiter.authority.provenance.RecordSigner;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/** Ed25519 with the JDK's provider (Java 15+): keys, PEM, signing and verification. Thread-safe. */
public final class Ed25519 {

    private static final String ALGORITHM = "Ed25519";

    private Ed25519() {}

    /** Returns a new key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no Ed25519 provider", e);
        }
    }

    /** Returns whether the signature is a valid Ed25519 signature of the message under the key. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm(), e);
        } catch (SignatureException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no Ed25519 provider", e);
        }
    }

    /** Returns the PEM text of a DER encoding. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Returns the DER bytes of PEM text of the given type. */
    public static byte[] unpem(String type, String pem) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a PEM " + type + " (expected '" + begin + "')");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM " + type + " is not valid base64", e);
        }
    }

    /** Reads an X.509 encoded Ed25519 public key. */
    public static PublicKey publicKey(byte[] der) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no Ed25519 provider", e);
        }
    }

    /** Reads a PKCS #8 encoded Ed25519 private key. */
    public static PrivateKey privateKey(byte[] der) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no Ed25519 provider", e);
        }
    }

    /** The built-in Ed25519 record signer. Thread-safe: a new {@link Signature} per call. */
    public static final class Signer implements RecordSigner {

        private final String keyId;
        private final PrivateKey key;

        /** Returns a signer; fails fast if the key is not an Ed25519 private key. */
        public Signer(String keyId, PrivateKey key) {
            this.keyId = Checks.notBlank(keyId, "keyId");
            this.key = Objects.requireNonNull(key, "privateKey");
            sign(new byte[0]);
        }

        @Override
        public String keyId() {
            return keyId;
        }

        @Override
        public byte[] sign(byte[] message) {
            try {
                Signature s = Signature.getInstance(ALGORITHM);
                s.initSign(key);
                s.update(message);
                return s.sign();
            } catch (InvalidKeyException e) {
                throw new IllegalArgumentException("key '" + keyId + "' is not an Ed25519 private key", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 signing failed with key '" + keyId + "'", e);
            }
        }
    }
}
