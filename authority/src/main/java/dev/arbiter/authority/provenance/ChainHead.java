package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.Checks;

/**
 * The tip of a hash chain: how many records it holds and the hash of the last one.
 *
 * <p>Publish or store a head somewhere the ledger's writer cannot change (another system, a signed message, a
 * ticket) and pass it to {@link VerifyOptions#withAnchor}: a hash chain alone cannot tell that its newest records
 * were cut off, an anchor can. Immutable and thread-safe.
 *
 * @param size the number of records
 * @param hash the hash of record {@code size - 1}, or {@link #GENESIS_HASH} when the chain is empty
 */
public record ChainHead(long size, String hash) {

    /** The previous hash of record 0: 64 zeros. */
    public static final String GENESIS_HASH = Checks.GENESIS_HASH;

    /** The head of an empty chain. */
    public static final ChainHead EMPTY = new ChainHead(0, GENESIS_HASH);

    public ChainHead {
        if (size < 0) {
            throw new IllegalArgumentException("chain head size must not be negative, was " + size);
        }
        Checks.sha256Hex(hash, "chain head hash");
        if (size == 0 && !hash.equals(GENESIS_HASH)) {
            throw new IllegalArgumentException("the head of an empty chain has the genesis hash, was " + hash);
        }
    }

    /**
     * Reads a head written as {@code SIZE:HASH} (the form {@link #toString()} writes).
     *
     * @throws IllegalArgumentException naming the text if it is not of that form
     */
    public static ChainHead parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a chain head is written SIZE:HASH, was '" + Checks.abbreviate(text) + "'");
        }
        long size;
        try {
            size = Long.parseLong(text.substring(0, colon).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the size of chain head '" + Checks.abbreviate(text) + "' is not a number", e);
        }
        return new ChainHead(size, text.substring(colon + 1).trim());
    }

    /** Returns {@code SIZE:HASH}. */
    @Override
    public String toString() {
        return size + ":" + hash;
    }
}
