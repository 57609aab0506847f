package dev.arbiter.authority.permission;

import java.util.Objects;

/**
 * The id and version of the policy a decision was made under; every {@link PermissionDecision} carries one.
 * Immutable and thread-safe.
 *
 * @param id the policy's id; not blank
 * @param version the policy's version; not blank
 */
public record PolicyRef(String id, String version) {

    public PolicyRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        if (id.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException("policy id and version must not be blank, were '" + id + "' and '"
                    + version + "'");
        }
    }

    /** Returns a policy reference. */
    public static PolicyRef of(String id, String version) {
        return new PolicyRef(id, version);
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
