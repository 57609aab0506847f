package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.Checks;
import dev.arbiter.authority.provenance.internal.Ed25519;
import dev.arbiter.authority.provenance.internal.RecordCodec;
import dev.arbiter.core.Digests;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One decision sealed into a hash chain: a {@link ProvenanceEntry} with its index, the previous record's hash,
 * its own hash and, when the ledger signs, the signer's key id and signature.
 *
 * <p>The hash is the SHA-256 (lower-case hex) of the record's canonical JSON form without the members
 * {@code hash} and {@code signature}: the entry's members plus {@code v} (format version, 1), {@code index},
 * {@code prevHash} and {@code keyId}. Canonical JSON is {@link dev.arbiter.core.CanonicalJson}: members sorted,
 * no whitespace, numbers in their shortest exact form. Optional parts are left out when absent and lists when
 * empty. The stored line ({@link #canonicalLine()}) is the canonical form with {@code hash} and {@code signature}
 * added. docs/provenance.md lists every member.
 *
 * <p>A record read back from a store is what the store holds: {@link #isIntact()} says whether its content still
 * matches its hash; whether it still belongs where it is in the chain is what {@link LedgerReader#verify()}
 * decides.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProvenanceRecord {

    private final long index;
    private final String prevHash;
    private final ProvenanceEntry entry;
    private final @Nullable String keyId;
    private final String hash;
    private final @Nullable String signature;
    /**
     * The canonical form that was hashed, of a record sealed here, until its line is made from it; null for a record
     * read from its line. Written after {@link #canonicalLine}, so a thread that finds it cleared finds the line.
     */
    private volatile @Nullable String canonicalHashed;
    /**
     * The stored line: given for a record read from it, made from {@link #canonicalHashed} when first asked for (a
     * ledger held in memory rarely asks; a benign race, every thread makes the same line).
     */
    private volatile @Nullable String canonicalLine;
    private final boolean intact;

    private ProvenanceRecord(long index, String prevHash, ProvenanceEntry entry, @Nullable String keyId,
            String hash, @Nullable String signature, @Nullable String canonicalHashed, @Nullable String canonicalLine,
            boolean intact) {
        this.index = index;
        this.prevHash = prevHash;
        this.entry = entry;
        this.keyId = keyId;
        this.hash = hash;
        this.signature = signature;
        this.canonicalHashed = canonicalHashed;
        this.canonicalLine = canonicalLine;
        this.intact = intact;
    }

    /**
     * Seals an entry at the given place in a chain: computes its hash and, with a signer, its signature. Stores
     * call this; so can custom {@link ProvenanceLedger} implementations.
     *
     * @param index the record's index: the number of records before it
     * @param prevHash the hash of record {@code index - 1}, or {@link ChainHead#GENESIS_HASH} for record 0
     * @param signer signs the record, or {@code null} for an unsigned record
     * @throws IllegalArgumentException if the index is negative or the previous hash is not a SHA-256 hex digest
     */
    public static ProvenanceRecord seal(long index, String prevHash, ProvenanceEntry entry, @Nullable RecordSigner signer) {
        Objects.requireNonNull(entry, "entry");
        String keyId = signer == null ? null : Checks.notBlank(signer.keyId(), "keyId of " + signer);
        checkLink(index, prevHash);
        // written at its place straight away: the text a prepared template filled in gives (RecordCodecTest)
        return sealed(index, prevHash, entry, signer, keyId, RecordCodec.canonicalHashed(index, prevHash, entry, keyId));
    }

    private static void checkLink(long index, String prevHash) {
        if (index < 0) {
            throw new IllegalArgumentException("record index must not be negative, was " + index);
        }
        Checks.sha256Hex(prevHash, "prevHash");
    }

    private static ProvenanceRecord sealed(long index, String prevHash, ProvenanceEntry entry,
            @Nullable RecordSigner signer, @Nullable String keyId, String canonical) {
        String hash = Digests.sha256Hex(canonical);
        String signature = null;
        if (signer != null) {
            byte[] sig = signer.sign(hash.getBytes(StandardCharsets.US_ASCII));
            if (sig == null || sig.length == 0) {
                throw new IllegalStateException("signer '" + keyId + "' returned no signature");
            }
            signature = Base64.getEncoder().encodeToString(sig);
        }
        return new ProvenanceRecord(index, prevHash, entry, keyId, hash, signature, canonical, null, true);
    }

    /**
     * Writes an entry's canonical form for sealing later, at whatever place in a chain: a store can call this outside
     * its lock and {@link Prepared#seal} inside, so only the chain link, the hash and the signature are serialised.
     *
     * @param signer signs the record, or {@code null} for an unsigned record
     */
    public static Prepared prepare(ProvenanceEntry entry, @Nullable RecordSigner signer) {
        Objects.requireNonNull(entry, "entry");
        String keyId = signer == null ? null : Checks.notBlank(signer.keyId(), "keyId of " + signer);
        return new Prepared(entry, signer, keyId, RecordCodec.template(entry, keyId));
    }

    /** An entry written once, ready to be sealed at a place in a chain. Immutable; sealing is thread-safe. */
    public static final class Prepared {
        private final ProvenanceEntry entry;
        private final @Nullable RecordSigner signer;
        private final @Nullable String keyId;
        private final RecordCodec.Template template;

        private Prepared(ProvenanceEntry entry, @Nullable RecordSigner signer, @Nullable String keyId,
                RecordCodec.Template template) {
            this.entry = entry;
            this.signer = signer;
            this.keyId = keyId;
            this.template = template;
        }

        /** Returns what will be recorded. */
        public ProvenanceEntry entry() {
            return entry;
        }

        /**
         * Seals the entry at the given place: the same record as {@link ProvenanceRecord#seal}.
         *
         * @throws IllegalArgumentException if the index is negative or the previous hash is not a SHA-256 hex digest
         */
        public ProvenanceRecord seal(long index, String prevHash) {
            checkLink(index, prevHash);
            return sealed(index, prevHash, entry, signer, keyId, template.fill(index, prevHash));
        }
    }

    /**
     * Reads a record from its stored line. The hash is taken as stored; {@link #isIntact()} tells whether the
     * content still matches it.
     *
     * @throws IllegalArgumentException naming the member when the line is not a record of this format
     */
    public static ProvenanceRecord fromCanonicalLine(String line) {
        RecordCodec.Parts p = RecordCodec.parse(line);
        return new ProvenanceRecord(p.index(), p.prevHash(), p.entry(), p.keyId(), p.hash(), p.signature(), null, line,
                p.hash().equals(p.computedHash()));
    }

    /** Returns the record's index: the number of records before it in the chain. */
    public long index() {
        return index;
    }

    /** Returns the hash of the record before it, or {@link ChainHead#GENESIS_HASH} for record 0. */
    public String prevHash() {
        return prevHash;
    }

    /** Returns what was recorded. */
    public ProvenanceEntry entry() {
        return entry;
    }

    /** Returns the record's hash as stored. */
    public String hash() {
        return hash;
    }

    /** Returns the id of the key that signed the record, if it was signed. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** Returns the record's signature in base64, if it was signed. */
    public Optional<String> signature() {
        return Optional.ofNullable(signature);
    }

    /** Returns whether the record's content matches its stored hash. Always true for a record just sealed. */
    public boolean isIntact() {
        return intact;
    }

    /**
     * Returns whether the record carries a valid Ed25519 signature of its hash under the key. False when the
     * record is unsigned or its signature is not valid base64.
     */
    public boolean hasValidSignature(PublicKey publicKey) {
        if (signature == null) {
            return false;
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Ed25519.verify(publicKey, hash.getBytes(StandardCharsets.US_ASCII), sig);
    }

    /** Returns the stored form: one line of canonical JSON, without a line terminator. */
    public String canonicalLine() {
        String line = canonicalLine;
        if (line == null) {
            String hashed = canonicalHashed;
            if (hashed == null) {
                return Objects.requireNonNull(canonicalLine, "canonicalLine"); // made meanwhile by another thread
            }
            line = RecordCodec.line(hashed, () -> RecordCodec.hashedJson(index, prevHash, entry, keyId), hash,
                    signature);
            canonicalLine = line;
            canonicalHashed = null; // after the line: the record keeps one text, as before
        }
        return line;
    }

    /** Returns the head of the chain that ends with this record. */
    public ChainHead head() {
        return new ChainHead(index + 1, hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProvenanceRecord r && canonicalLine().equals(r.canonicalLine());
    }

    @Override
    public int hashCode() {
        return canonicalLine().hashCode();
    }

    @Override
    public String toString() {
        return "ProvenanceRecord[" + index + ", " + entry.decision() + ", run " + entry.runId() + ", hash " + hash + "]";
    }
}
