package dev.arbiter.workflow.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Span ids: random version-4 UUIDs drawn from {@link ThreadLocalRandom}, not {@link UUID#randomUUID()}. A span id
 * names a trace span and is no secret, so it does not need the shared {@link java.security.SecureRandom} behind
 * {@code randomUUID}, which every thread of a busy service would otherwise queue on, several times per run. Run ids
 * and approval ids, which must be unguessable, come from a {@code SecureRandom} of a few shared by stripes of threads
 * ({@code SecureRandoms.uuid()}, core). Thread-safe.
 */
public final class SpanIds {

    private SpanIds() {}

    /** Returns a new random span id in the form of a version-4 UUID. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }
}
