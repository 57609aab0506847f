package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.Checks;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link LedgerReader#verify(VerifyOptions)} checks beyond the chain itself: an anchor (a head published
 * earlier, so that cutting off the newest records is found) and public keys (so that every record must carry a
 * valid signature by one of them).
 *
 * <p>With no public keys, signatures are not checked. With at least one, every record must be signed by a key
 * given here (matched by key id), or the chain is {@link LedgerVerification.Reason#BAD_SIGNATURE broken}.
 *
 * <p>Immutable and thread-safe; {@code with…} methods return copies.
 */
public final class VerifyOptions {

    private static final VerifyOptions DEFAULTS = new VerifyOptions(null, Map.of());

    private final @Nullable ChainHead anchor;
    private final Map<String, PublicKey> publicKeys;

    private VerifyOptions(@Nullable ChainHead anchor, Map<String, PublicKey> publicKeys) {
        this.anchor = anchor;
        this.publicKeys = publicKeys;
    }

    /** Returns options that check the chain only. */
    public static VerifyOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy that also checks the anchor: the chain holds at least {@code anchor.size()} records and
     * record {@code anchor.size() - 1} has {@code anchor.hash()}. Records appended after the anchor are fine.
     */
    public VerifyOptions withAnchor(ChainHead anchor) {
        return new VerifyOptions(Objects.requireNonNull(anchor, "anchor"), publicKeys);
    }

    /** Returns a copy that accepts signatures by this key, under its derived id ({@link Ed25519Keys#keyId}). */
    public VerifyOptions withPublicKey(PublicKey publicKey) {
        return withPublicKey(Ed25519Keys.keyId(publicKey), publicKey);
    }

    /** Returns a copy that accepts signatures by this key under the given key id. */
    public VerifyOptions withPublicKey(String keyId, PublicKey publicKey) {
        Map<String, PublicKey> keys = new LinkedHashMap<>(publicKeys);
        keys.put(Checks.notBlank(keyId, "keyId"), Objects.requireNonNull(publicKey, "publicKey"));
        return new VerifyOptions(anchor, Map.copyOf(keys));
    }

    /** Returns the anchor, if one was given. */
    public Optional<ChainHead> anchor() {
        return Optional.ofNullable(anchor);
    }

    /** Returns the accepted public keys by key id; empty when signatures are not checked. */
    public Map<String, PublicKey> publicKeys() {
        return publicKeys;
    }
}
