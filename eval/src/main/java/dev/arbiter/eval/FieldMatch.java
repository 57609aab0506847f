package dev.arbiter.eval;

import java.util.Objects;

/**
 * How one field of a JSON output is compared with the same field of the expectation, for {@link
 * Scorers#jsonFields}: where it is (a JSON Pointer), how far numbers may be apart, and whether the case of
 * strings matters.
 *
 * <p>Numbers match when {@code |actual - expected| <= absoluteTolerance + relativeTolerance * |expected|}
 * (numbers also match when one is written as a string, e.g. {@code "42.50"} and {@code 42.5}). Strings match
 * exactly, or ignoring case and surrounding whitespace. Objects and arrays match when their canonical JSON is
 * equal. A field that is absent matches only an expected JSON {@code null} or absent field.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pointer the JSON Pointer of the field, e.g. {@code /total} or {@code /lines/0/amount}
 * @param absoluteTolerance how far numbers may be apart, absolutely; {@code >= 0}
 * @param relativeTolerance how far numbers may be apart, as a fraction of the expected value; {@code >= 0}
 * @param ignoreCase whether strings are compared ignoring case and surrounding whitespace
 */
public record FieldMatch(String pointer, double absoluteTolerance, double relativeTolerance, boolean ignoreCase) {

    public FieldMatch {
        Objects.requireNonNull(pointer, "pointer");
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new IllegalArgumentException("field pointer must be empty or start with '/', was '" + pointer + "'");
        }
        if (!(absoluteTolerance >= 0) || !(relativeTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances of field " + pointer + " must be >= 0, were "
                    + absoluteTolerance + " and " + relativeTolerance);
        }
    }

    /** Returns an exact match of the field at the pointer. */
    public static FieldMatch at(String pointer) {
        return new FieldMatch(pointer, 0.0, 0.0, false);
    }

    /** Returns a copy that lets numbers differ by the absolute tolerance. */
    public FieldMatch within(double absolute) {
        return new FieldMatch(pointer, absolute, relativeTolerance, ignoreCase);
    }

    /** Returns a copy that lets numbers differ by the fraction of the expected value. */
    public FieldMatch withinRelative(double relative) {
        return new FieldMatch(pointer, absoluteTolerance, relative, ignoreCase);
    }

    /** Returns a copy that compares strings ignoring case and surrounding whitespace. */
    public FieldMatch ignoringCase() {
        return new FieldMatch(pointer, absoluteTolerance, relativeTolerance, true);
    }
}
