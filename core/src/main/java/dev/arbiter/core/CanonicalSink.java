package dev.arbiter.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.ref.WeakReference;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the {@link CanonicalJson canonical JSON form} as UTF-8 straight into a SHA-256, with no text, tree or byte
 * array in between: the bytes hashed are exactly those of {@code CanonicalJson.write(value).getBytes(UTF_8)}.
 *
 * <p>That means strings escaped as Jackson's generator escapes them ({@code \"}, {@code \\}, {@code \b \t \n \f \r},
 * other control characters as <code>&#92;u00XX</code> with upper-case hex digits; every other character as itself), then
 * encoded as {@link String#getBytes(java.nio.charset.Charset) String.getBytes(UTF_8)} encodes them: a surrogate that
 * is not part of a pair becomes {@code ?}. {@code CanonicalSinkTest} and {@code GenerationRequestDigestTest} compare
 * the two paths on every character and on many random values.
 *
 * <p>Each thread reuses one sink (its buffers and its {@link MessageDigest}); a sink asked for while its thread's sink
 * is in use is a new one. Not thread-safe: one thread uses a sink from {@link #open()} to {@link #hex()} or
 * {@link #close()}.
 */
final class CanonicalSink implements AutoCloseable {

    private static final ThreadLocal<CanonicalSink> LOCAL = ThreadLocal.withInitial(CanonicalSink::new);
    private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /**
     * For each ASCII character: 0 when written as itself, {@code -1} when written <code>&#92;u00XX</code>, otherwise the
     * character written after a backslash. Jackson's standard escapes.
     */
    private static final int[] ESCAPES = new int[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
    }

    private static final int BUFFER_BYTES = 2_048;
    /** The most bytes one character can take here: <code>&#92;u00XX</code>. */
    private static final int MAX_BYTES_PER_CHAR = 6;
    /** Strings this long or longer are encoded by {@link String#getBytes}; shorter ones character by character. */
    static final int LONG_STRING_CHARS = 256;
    private static final int CHUNK_CHARS = LONG_STRING_CHARS;
    /** Characters of a long string encoded at a time. */
    static final int ENCODE_CHARS = 1_024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Replaced by a copy of a kept state when the sink {@link #resume resumes} one. */
    private MessageDigest sha256;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private final char[] chars = new char[CHUNK_CHARS];
    /** Made when the thread first meets a long string, so threads that never do keep 3 KB less. */
    private @Nullable Encoding encoding;
    private int pos;
    private boolean inUse;

    private CanonicalSink() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }

    /** Returns this thread's sink, emptied, or a new one if this thread's sink is in use. */
    static CanonicalSink open() {
        CanonicalSink sink = LOCAL.get();
        if (sink.inUse) {
            sink = new CanonicalSink();
        }
        sink.inUse = true;
        sink.pos = 0;
        sink.sha256.reset();
        return sink;
    }

    /**
     * Returns this thread's sink (or a new one, as {@link #open}) holding a copy of {@code state}: what follows is
     * hashed after the bytes that state had taken in, as if they had been written again.
     */
    static CanonicalSink resume(MessageDigest state) {
        CanonicalSink sink = open();
        sink.sha256 = copy(state);
        return sink;
    }

    /**
     * Returns a copy of the digest's state after everything written so far, for {@link #resume}; the sink goes on.
     * Never changed afterwards by the sink: a state kept for other threads is only ever copied.
     */
    MessageDigest snapshot() {
        flush();
        return copy(sha256);
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be copied", e);
        }
    }

    /** Whether this platform's SHA-256 can be copied: {@link #snapshot} and {@link #resume} need it. */
    static boolean copiesDigests() {
        try (CanonicalSink sink = open()) {
            sink.sha256.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }

    /** Returns the SHA-256 of the canonical form of {@code value}, as 64 lower-case hex characters. */
    static String sha256Hex(JsonNode value) {
        try (CanonicalSink sink = open()) {
            sink.value(value);
            return sink.hex();
        }
    }

    /** Returns the SHA-256 of everything written, as 64 lower-case hex characters, and releases the sink. */
    String hex() {
        flush();
        String hex = Digests.hex(sha256.digest());
        inUse = false;
        return hex;
    }

    /** Releases the sink (also after a failure); what was written is discarded. */
    @Override
    public void close() {
        inUse = false;
    }

    /** Writes an ASCII literal that needs no escaping, such as punctuation or a pre-encoded member name. */
    CanonicalSink raw(byte[] ascii) {
        if (pos + ascii.length > buf.length) {
            flush();
            if (ascii.length > buf.length) {
                sha256.update(ascii);
                return this;
            }
        }
        System.arraycopy(ascii, 0, buf, pos, ascii.length);
        pos += ascii.length;
        return this;
    }

    /** Writes one ASCII character that needs no escaping. */
    CanonicalSink raw(char c) {
        if (pos == buf.length) {
            flush();
        }
        buf[pos++] = (byte) c;
        return this;
    }

    /** Writes an ASCII text that needs no escaping (a number). */
    CanonicalSink rawAscii(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            raw(ascii.charAt(i));
        }
        return this;
    }

    /** Writes {@code s} as a quoted, escaped JSON string. */
    CanonicalSink string(String s) {
        raw('"');
        int len = s.length();
        if (len >= LONG_STRING_CHARS) {
            longString(s, true);
        } else {
            s.getChars(0, len, chars, 0);
            chunk(chars, len);
        }
        raw('"');
        return this;
    }

    /**
     * A long string, a chunk at a time: the characters encoded to UTF-8 by a {@link CharsetEncoder} that writes
     * {@code ?} for a surrogate that is not part of a pair (as {@link String#getBytes} does, and so the definition),
     * then, when {@code escaped}, searched eight bytes at a time for the few ASCII bytes that need an escape, and hashed
     * in place between them. Multi-byte sequences never contain an ASCII byte, so the escapes are found in the bytes as
     * they would be in the characters. Nothing is allocated, whatever the string's length.
     */
    /** The buffers and the encoder of long strings. */
    private static final class Encoding {
        final char[] chars = new char[ENCODE_CHARS];
        final byte[] bytes = new byte[ENCODE_CHARS * 3];
        final CharBuffer charView = CharBuffer.wrap(chars);
        final ByteBuffer byteView = ByteBuffer.wrap(bytes);
        /** UTF-8 with {@code ?} for what is not Unicode (a surrogate not part of a pair), as String.getBytes writes. */
        final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {'?'});
    }

    private void longString(String s, boolean escaped) {
        int len = s.length();
        Encoding e = encoding;
        if (e == null) {
            e = new Encoding();
            encoding = e;
        }
        char[] encodeChars = e.chars;
        byte[] encodeBytes = e.bytes;
        CharBuffer charView = e.charView;
        ByteBuffer byteView = e.byteView;
        CharsetEncoder encoder = e.utf8.reset();
        int i = 0;
        while (i < len) {
            int end = Math.min(len, i + ENCODE_CHARS);
            s.getChars(i, end, encodeChars, 0);
            CharBuffer in = charView.clear().limit(end - i);
            ByteBuffer out = byteView.clear();
            CoderResult result = encoder.encode(in, out, end == len);
            // a high surrogate that ends a chunk stays in the input (its pair may follow): it starts the next chunk,
            // which is then at least two characters long, or is the last and ends the input
            if (!result.isUnderflow() || (end == len && in.hasRemaining()) || in.position() == 0) {
                throw new IllegalStateException("UTF-8 encoding stopped early: " + result); // room for 3 bytes a char
            }
            int n = out.position();
            if (escaped) {
                escapedBytes(encodeBytes, n);
            } else {
                flush();
                sha256.update(encodeBytes, 0, n);
            }
            i += in.position();
        }
    }

    /**
     * Hashes {@code n} UTF-8 bytes of {@code u}, escaping the ASCII bytes that need it. Every byte goes through the
     * buffer, which the digest takes 2 KB at a time: eight bytes at once where none of them needs escaping, one by one
     * in a word that holds one. So text with many escapes (quoted JSON, short lines) costs a copy per byte, not two
     * digest updates per escape.
     */
    private void escapedBytes(byte[] u, int n) {
        byte[] b = buf;
        int p = pos;
        int i = 0;
        while (i < n) {
            if (p > BUFFER_BYTES - 8 * MAX_BYTES_PER_CHAR) { // room for eight bytes, each escaped
                pos = p;
                flush();
                p = 0;
            }
            if (i + 8 <= n) {
                long w = (long) LONGS.get(u, i);
                LONGS.set(b, p, w); // all eight; where one needs escaping, only those before it are kept
                long flags = escapeFlags(w);
                if (flags == 0) {
                    p += 8;
                    i += 8;
                } else {
                    int k = Long.numberOfTrailingZeros(flags) >>> 3; // the first flagged byte needs escaping
                    byte c = u[i + k];
                    p = writeEscape(b, p + k, c, ESCAPES[c]);
                    i += k + 1;
                }
                continue;
            }
            for (int stop = Math.min(n, i + 8); i < stop; i++) {
                byte c = u[i];
                int esc = c >= 0 ? ESCAPES[c] : 0;
                if (esc == 0) {
                    b[p++] = c;
                } else {
                    p = writeEscape(b, p, c, esc);
                }
            }
        }
        pos = p;
    }

    /**
     * Returns the SHA-256 of the string's UTF-8 bytes ({@code Digests.sha256Hex(text.getBytes(UTF_8))}) without
     * making those bytes.
     */
    static String utf8Sha256Hex(String text) {
        try (CanonicalSink sink = open()) {
            sink.longString(text, false);
            return sink.hex();
        }
    }

    /**
     * Flags (the top bit of a byte, little-endian) the bytes of the eight that may be below 0x20, a quote or a
     * backslash; 0 when none is. A flag can be wrong only above a byte truly flagged (a borrow carries upward), so the
     * lowest flag always marks a byte that needs escaping.
     */
    private static long escapeFlags(long w) {
        long control = (w - 0x2020202020202020L) & ~w & 0x8080808080808080L;
        long q = w ^ 0x2222222222222222L;
        long quote = (q - 0x0101010101010101L) & ~q & 0x8080808080808080L;
        long b = w ^ 0x5C5C5C5C5C5C5C5CL;
        long backslash = (b - 0x0101010101010101L) & ~b & 0x8080808080808080L;
        return control | quote | backslash;
    }

    /** Writes the escape of an ASCII character whose {@link #ESCAPES} entry is not 0. */
    private void escape(char c) {
        if (pos > BUFFER_BYTES - MAX_BYTES_PER_CHAR) {
            flush();
        }
        pos = writeEscape(buf, pos, c, ESCAPES[c]);
    }

    /** Writes at {@code p} the escape of ASCII {@code c}, whose {@link #ESCAPES} entry is {@code esc}; returns the end. */
    private static int writeEscape(byte[] b, int p, int c, int esc) {
        b[p++] = '\\';
        if (esc > 0) {
            b[p++] = (byte) esc;
        } else {
            b[p++] = 'u';
            b[p++] = '0';
            b[p++] = '0';
            b[p++] = UPPER_HEX[c >> 4];
            b[p++] = UPPER_HEX[c & 0xF];
        }
        return p;
    }

    /**
     * Writes {@code n} characters of {@code cs}: runs of plain ASCII (no escape) in a copy loop the compiler can
     * vectorise, every other character on its own.
     */
    private void chunk(char[] cs, int n) {
        byte[] b = buf;
        int j = 0;
        while (j < n) {
            int k = j;
            while (k < n) {
                char c = cs[k];
                if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                    break;
                }
                k++;
            }
            int run = k - j;
            if (run > 0) {
                if (pos + run > BUFFER_BYTES) {
                    flush(); // a run is at most CHUNK_CHARS bytes, less than the buffer
                }
                int p = pos;
                for (int m = 0; m < run; m++) {
                    b[p + m] = (byte) cs[j + m];
                }
                pos = p + run;
                j = k;
                if (j == n) {
                    return;
                }
            }
            char c = cs[j++];
            if (c < 0x80) {
                escape(c);
                continue;
            }
            if (pos > BUFFER_BYTES - MAX_BYTES_PER_CHAR) {
                flush();
            }
            if (c < 0x800) {
                b[pos++] = (byte) (0xC0 | (c >> 6));
                b[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                b[pos++] = (byte) (0xE0 | (c >> 12));
                b[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && j < n && Character.isLowSurrogate(cs[j])) {
                int cp = Character.toCodePoint(c, cs[j++]);
                b[pos++] = (byte) (0xF0 | (cp >> 18));
                b[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[pos++] = '?'; // as String.getBytes(UTF_8) writes a surrogate that is not part of a pair
            }
        }
    }

    /** The canonical UTF-8 bytes of a response schema's tree, kept with a weak reference to that tree. */
    private record TreeBytes(WeakReference<JsonNode> tree, byte[] bytes) {}

    /**
     * The canonical bytes of the response schemas written last, one per slot by the identity of their tree, so a
     * request's digest does not walk and sort the same schema again on every call. Only for trees nobody changes
     * ({@link ResponseSchema#tree()}: copied on the way in and out). Written without a lock: a reader sees a slot's
     * entry, an older one or none (final fields), and then writes the tree itself.
     */
    private static final TreeBytes[] SCHEMA_TREES = new TreeBytes[8];

    /**
     * Writes the tree of a {@link ResponseSchema} in canonical form: the same bytes as {@link #value}, which are
     * {@code CanonicalJson.write(tree)} in UTF-8 (the definition; {@code GenerationRequestDigestTest}), kept for the
     * next request with the same schema.
     */
    CanonicalSink schemaTree(JsonNode tree) {
        int slot = System.identityHashCode(tree) & (SCHEMA_TREES.length - 1);
        TreeBytes kept = SCHEMA_TREES[slot];
        byte[] bytes;
        if (kept != null && kept.tree().get() == tree) {
            bytes = kept.bytes();
        } else {
            bytes = CanonicalJson.write(tree).getBytes(StandardCharsets.UTF_8);
            SCHEMA_TREES[slot] = new TreeBytes(new WeakReference<>(tree), bytes);
        }
        return raw(bytes);
    }

    /** Writes {@code value} in canonical form: members sorted by name, numbers canonical. */
    CanonicalSink value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
                fields.sort(Map.Entry.comparingByKey());
                raw('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> f : fields) {
                    if (!first) {
                        raw(',');
                    }
                    first = false;
                    string(f.getKey());
                    raw(':');
                    value(f.getValue());
                }
                raw('}');
            }
            case ARRAY -> {
                raw('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        raw(',');
                    }
                    value(node.get(i));
                }
                raw(']');
            }
            case STRING -> string(node.textValue());
            case NUMBER -> rawAscii(CanonicalJson.canonicalNumber(node));
            case BOOLEAN -> raw(node.booleanValue() ? TRUE : FALSE);
            case NULL -> raw(NULL);
            default -> throw new IllegalArgumentException(
                    "cannot write a " + node.getNodeType() + " node as canonical JSON");
        }
        return this;
    }

    private void flush() {
        if (pos > 0) {
            sha256.update(buf, 0, pos);
            pos = 0;
        }
    }
}
