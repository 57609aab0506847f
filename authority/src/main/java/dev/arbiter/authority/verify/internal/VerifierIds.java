package dev.arbiter.authority.verify.internal;

import java.util.Objects;

/** Checks verifier ids. */
public final class VerifierIds {

    private VerifierIds() {}

    /**
     * Returns the id if it is usable.
     *
     * @throws IllegalArgumentException if it is blank, longer than 200 characters or has control characters
     */
    public static String require(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 200 || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "a verifier id must be 1 to 200 characters without control characters and not blank, was '"
                            + id + "'");
        }
        return id;
    }
}
