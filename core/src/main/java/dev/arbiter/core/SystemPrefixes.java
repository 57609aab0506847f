package dev.arbiter.core;

import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 state after the constant start of a request's canonical form: the request's
 * {@code maxOutputTokens} and its first message when that is a system message,
 * <code>{"maxOutputTokens":N,"messages":[{"role":"system","text":"…"}</code>. A composer sends the same system text
 * with every request it makes (the contract's instructions, the output's rules), so a request digest that finds that
 * start kept goes on from a copy of the state instead of escaping and hashing the text again. The digest is the same
 * either way: the state is exactly what hashing those bytes gives ({@code GenerationRequestDigestTest}).
 *
 * <p>A small table of slots, chosen by the text's length and two of its characters; a slot holds one text, compared
 * by identity and then by content, and a new text takes the slot over. Texts shorter than {@value #MIN_CHARS}
 * characters are not kept (hashing them costs little more than copying a state) and neither are texts longer than
 * {@value #MAX_CHARS} characters, so the table holds at most {@value #SLOTS} texts of at most that length. Thread-safe:
 * a kept state is never changed, only copied.
 */
final class SystemPrefixes {

    static final int MIN_CHARS = 128;
    static final int MAX_CHARS = 16_384;
    private static final int SLOTS = 32;
    private static final boolean ENABLED = CanonicalSink.copiesDigests();
    private static final AtomicReferenceArray<Prefix> KEPT = new AtomicReferenceArray<>(SLOTS);

    /** A text, the request's {@code maxOutputTokens} ({@code -1}: none), and the state after the start they make. */
    private record Prefix(String text, int maxOutputTokens, MessageDigest state) {}

    private SystemPrefixes() {}

    /** Whether a request's start with this system text is kept, or would be. */
    static boolean keeps(String text) {
        return ENABLED && text.length() >= MIN_CHARS && text.length() <= MAX_CHARS;
    }

    /** Returns the kept state after the start with this text and {@code maxOutputTokens}, or {@code null}. */
    static @Nullable MessageDigest find(String text, int maxOutputTokens) {
        Prefix p = KEPT.get(slot(text));
        if (p == null || p.maxOutputTokens() != maxOutputTokens || !(p.text() == text || p.text().equals(text))) {
            return null;
        }
        return p.state();
    }

    /** Keeps the state after the start with this text and {@code maxOutputTokens}, in place of its slot's. */
    static void keep(String text, int maxOutputTokens, MessageDigest state) {
        KEPT.set(slot(text), new Prefix(text, maxOutputTokens, state));
    }

    private static int slot(String text) {
        int n = text.length();
        int h = n * 0x9E3779B1 + text.charAt(n >>> 1) * 31 + text.charAt(n - 1);
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
