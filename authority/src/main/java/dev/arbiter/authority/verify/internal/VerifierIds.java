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
        if (id.isBlank() || id.length() > 200 || hasControl(id)) {
            throw new IllegalArgumentException(
                    "a verifier id must be 1 to 200 characters without control characters and not blank, was '"
                            + id + "'");
        }
        return id;
    }

    /** Whether the id has a control character: a loop, as it is checked on every verification. */
    private static boolean hasControl(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
