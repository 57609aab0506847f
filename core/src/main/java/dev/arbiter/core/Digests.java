package dev.arbiter.core;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests in lower-case hex, the form every Arbiter digest takes (sources, requests, provenance).
 *
 * <p>Thread-safe. Each thread remembers the last long string it hashed (weakly, so nothing is kept alive), because
 * the same content is often hashed twice in a row: {@link Source#of} computes a digest that the {@link Source}
 * constructor then checks.
 */
public final class Digests {

    /** Strings shorter than this are hashed again rather than looked up: hashing them costs less than a lookup. */
    static final int MEMO_MIN_CHARS = 512;
    private static final ThreadLocal<Memo> LAST = ThreadLocal.withInitial(Memo::new);

    private Digests() {}

    /** The last long string a thread hashed, by identity, and its digest. */
    private static final class Memo {
        WeakReference<String> text = new WeakReference<>(null);
        String digest = "";
    }

    /** Returns the SHA-256 of the string's UTF-8 bytes, as 64 lower-case hex characters. */
    public static String sha256Hex(String text) {
        if (text.length() < MEMO_MIN_CHARS) {
            return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
        }
        Memo memo = LAST.get();
        if (memo.text.get() == text) {
            return memo.digest;
        }
        String digest = sha256Hex(text.getBytes(StandardCharsets.UTF_8));
        memo.text = new WeakReference<>(text);
        memo.digest = digest;
        return digest;
    }

    /** Returns the SHA-256 of the bytes, as 64 lower-case hex characters. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    /** Returns the SHA-256 of the bytes. */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }
}
