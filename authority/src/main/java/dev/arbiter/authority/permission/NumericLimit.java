package dev.arbiter.authority.permission;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Inclusive bounds on one numeric argument, and what happens to a call outside them. Immutable and thread-safe.
 *
 * @param min the smallest value allowed automatically, or {@code null} for none
 * @param max the largest value allowed automatically, or {@code null} for none
 * @param onBreach deny the call, or ask a person
 */
public record NumericLimit(@Nullable BigDecimal min, @Nullable BigDecimal max, Refusal onBreach) {

    public NumericLimit {
        Objects.requireNonNull(onBreach, "onBreach");
        if (min == null && max == null) {
            throw new IllegalArgumentException("a numeric limit needs a min, a max or both");
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("numeric limit min " + min + " is above max " + max);
        }
    }

    /** Returns a limit that denies values outside [min, max]; either bound may be {@code null}. */
    public static NumericLimit between(@Nullable Number min, @Nullable Number max) {
        return new NumericLimit(decimal(min), decimal(max), Refusal.DENY);
    }

    /** Returns a copy with this breach behaviour. */
    public NumericLimit onBreach(Refusal refusal) {
        return new NumericLimit(min, max, refusal);
    }

    /** Returns whether the value lies within the bounds. */
    public boolean admits(BigDecimal value) {
        return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
    }

    private static @Nullable BigDecimal decimal(@Nullable Number n) {
        return n == null ? null : new BigDecimal(n.toString());
    }
}
