package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.Checks;
import java.util.Objects;

/**
 * The intent contract a decision was made under, as a provenance record names it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the contract's stable id; not blank
 * @param version the contract's version as its owner writes it; may be empty
 * @param fingerprint the digest of the contract's rendered form, so a changed contract under an unchanged
 *     version is visible; may be empty
 */
public record ContractRef(String id, String version, String fingerprint) {

    public ContractRef {
        Checks.notBlank(id, "contract id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** Returns a contract reference. */
    public static ContractRef of(String id, String version, String fingerprint) {
        return new ContractRef(id, version, fingerprint);
    }
}
