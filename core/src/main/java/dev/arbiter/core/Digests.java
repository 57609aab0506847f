package dev.arbiter.core;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 digests in lower-case hex, the form every Arbiter digest takes (sources, requests, provenance).
 *
 * <p>Thread-safe. Each thread remembers the last {@value #MEMO_SIZE} long strings it hashed, by identity and weakly (so
 * nothing is kept alive), because the same content is often hashed more than once in a short while: a context item's
 * content is hashed to find its cached token count, and again when its {@link Source} is made and checked.
 */
public final class Digests {

    /** Strings shorter than this are hashed again rather than looked up: hashing them costs less than a lookup. */
    static final int MEMO_MIN_CHARS = 512;
    /** Contents shorter than this are hashed by {@link #contentSha256Hex} rather than looked up. */
    static final int CONTENT_MIN_CHARS = 128;
    /** Characters of content {@link #contentSha256Hex} keeps, in all. */
    static final long CONTENT_MEMO_CHARS = 4L * 1024 * 1024;
    /** The longest content {@link #contentSha256Hex} keeps. */
    static final int CONTENT_MAX_CHARS = 65_536;
    private static final ContentDigests CONTENTS = new ContentDigests(CONTENT_MEMO_CHARS, CONTENT_MAX_CHARS);
    /** How many long strings each thread remembers. */
    static final int MEMO_SIZE = 32;
    private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);
    /** Each thread's SHA-256 instance: looking one up costs more than hashing a short text. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digests::newSha256);
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Digests() {}

    /** The last long strings a thread hashed, by identity, with their digests; a ring, oldest overwritten first. */
    private static final class Memo {
        @SuppressWarnings("unchecked")
        final @Nullable WeakReference<String>[] texts = new WeakReference[MEMO_SIZE];
        final @Nullable String[] digests = new String[MEMO_SIZE];
        int next;

        @Nullable String find(String text) {
            for (int i = 0; i < MEMO_SIZE; i++) {
                WeakReference<String> ref = texts[i];
                if (ref != null && ref.get() == text) {
                    return digests[i];
                }
            }
            return null;
        }

        void remember(String text, String digest) {
            texts[next] = new WeakReference<>(text);
            digests[next] = digest;
            next = (next + 1) % MEMO_SIZE;
        }
    }

    /** Returns the SHA-256 of the string's UTF-8 bytes, as 64 lower-case hex characters. */
    public static String sha256Hex(String text) {
        if (text.length() < MEMO_MIN_CHARS) {
            return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
        }
        Memo memo = MEMO.get();
        String known = memo.find(text);
        if (known != null) {
            return known;
        }
        String digest = CanonicalSink.utf8Sha256Hex(text); // the same bytes, encoded a chunk at a time, not copied
        memo.remember(text, digest);
        return digest;
    }

    /**
     * Returns {@link #sha256Hex(String) sha256Hex(content)}, for contents likely to be hashed again as other strings:
     * the documents a store returns run after run, the items of a context, the sources of evidence. A content of 128
     * characters or more that equals one hashed here recently is not hashed again; its digest is found by comparing
     * the two ({@code ContentDigests}: up to {@value #CONTENT_MEMO_CHARS} characters of contents kept in all, each of
     * at most {@value #CONTENT_MAX_CHARS}, the least recently used evicted first). Texts that are new every time,
     * such as records, are better hashed with {@link #sha256Hex(String)}, which keeps nothing of them but a weak
     * reference.
     */
    public static String contentSha256Hex(String content) {
        if (content.length() < CONTENT_MIN_CHARS) {
            return sha256Hex(content);
        }
        if (content.length() < MEMO_MIN_CHARS) {
            return CONTENTS.digest(content, Digests::sha256Hex);
        }
        Memo memo = MEMO.get();
        String known = memo.find(content);
        if (known != null) {
            return known;
        }
        String digest = CONTENTS.digest(content, CanonicalSink::utf8Sha256Hex);
        memo.remember(content, digest);
        return digest;
    }

    /** Returns the SHA-256 of the bytes, as 64 lower-case hex characters. */
    public static String sha256Hex(byte[] bytes) {
        return hex(sha256(bytes));
    }

    /** Returns the SHA-256 of the bytes. */
    public static byte[] sha256(byte[] bytes) {
        // digest(bytes) hashes and resets in one call, so the thread's instance is never seen half-used
        return SHA256.get().digest(bytes);
    }

    /** Lower-case hex of the bytes: {@code HexFormat.of().formatHex(bytes)} with one array and one string. */
    static String hex(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xF];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }
}
