package dev.arbiter.authority.provenance.internal;

import java.util.Objects;

/** Argument checks shared by the provenance values. Thread-safe. */
public final class Checks {

    /** The hash a chain starts from: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private Checks() {}

    /**
     * Returns the value if it is a SHA-256 digest in lower-case hex.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static String sha256Hex(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!isSha256Hex(value)) {
            throw new IllegalArgumentException(what + " must be 64 lower-case hex characters (SHA-256), was '"
                    + abbreviate(value) + "'");
        }
        return value;
    }

    /** Returns whether the value is 64 lower-case hex characters. */
    public static boolean isSha256Hex(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the value if it is not blank.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static String notBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    /** Returns the text cut to about 80 characters, for error messages. */
    public static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
