package dev.arbiter.core;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

/**
 * Unguessable random values for fence boundaries, run ids and approval ids, drawn from one cryptographically strong
 * generator per thread.
 *
 * <p>A shared {@code new SecureRandom()} on Linux is the {@code NativePRNG}: every draw takes one JVM-wide lock and
 * reads {@code /dev/urandom}, so the threads of a busy service queue on it (2,000 concurrent pipeline runs spent more
 * time waiting for it than drawing). Here each thread gets its own {@code DRBG} instance (NIST SP 800-90A, seeded
 * from the system's entropy source when the thread first draws), so no draw waits for another thread and none reads a
 * file. The values are as unguessable as before: each comes from a CSPRNG with its own seed. Thread-safe.
 */
public final class SecureRandoms {

    private static final ThreadLocal<SecureRandom> PER_THREAD = ThreadLocal.withInitial(SecureRandoms::newGenerator);

    private static final Random SHARED = new PerThread();

    private SecureRandoms() {}

    /**
     * Returns a {@link Random} whose every draw comes from the calling thread's own {@link SecureRandom}. Seeding it
     * has no effect: a caller's seed must never make its values predictable.
     */
    public static Random perThread() {
        return SHARED;
    }

    /** Returns a new random version-4 UUID, 122 bits from the calling thread's {@link SecureRandom}. */
    public static UUID uuid() {
        byte[] bytes = new byte[16];
        PER_THREAD.get().nextBytes(bytes);
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

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            // every Java 9+ runtime has DRBG; a stripped one still has the default
            return new SecureRandom();
        }
    }

    /** The per-thread generators behind one {@link Random}. */
    private static final class PerThread extends Random {
        private static final long serialVersionUID = 1L;

        private final boolean constructed;

        PerThread() {
            constructed = true;
        }

        @Override
        protected int next(int bits) {
            byte[] b = new byte[4];
            PER_THREAD.get().nextBytes(b);
            int value = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
            return value >>> (32 - bits);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            PER_THREAD.get().nextBytes(bytes);
        }

        @Override
        public synchronized void setSeed(long seed) {
            if (constructed) {
                throw new UnsupportedOperationException("the per-thread secure random cannot be seeded");
            }
            // Random's constructor seeds itself; nothing of it is used
        }

        @Override
        public String toString() {
            return "SecureRandoms.perThread()";
        }
    }
}
