package dev.arbiter.authority.verify.grounding.internal;

import java.math.BigDecimal;

/**
 * A number as a text states it, normalised: {@code five}, {@code 5}, {@code 5%}, {@code 5 percent},
 * {@code $2.1bn}, {@code 2.1 billion}, {@code third}, {@code Q3}.
 *
 * @param value the number as written, without its scale ({@code 2.1} for {@code $2.1bn})
 * @param scale the multiplier written after it (1, 1e3, 1e6, 1e9, 1e12)
 * @param decimals how many decimals were written, which says how precisely it was stated
 * @param ordinal whether it is an ordinal ({@code third}, {@code 3rd}, {@code Q3})
 * @param unit {@code "$"} for money (any currency sign), {@code "%"} for percentages, {@code ""} otherwise
 * @param text the text it was read from
 * @param start offset of the text
 * @param end offset after the text
 */
public record Quantity(double value, double scale, int decimals, boolean ordinal, String unit, String text, int start,
        int end) {

    /** Returns the value times its scale. */
    public double scaled() {
        return value * scale;
    }

    /**
     * Returns whether this (a claim's number) is what {@code other} (an evidence number) states, allowing the
     * claim to round the evidence to the precision it writes and to leave out a scale the evidence gives.
     */
    public boolean isSupportedBy(Quantity other) {
        if (ordinal != other.ordinal || !unitsAgree(other)) {
            return false;
        }
        if (roundsTo(other.scaled(), scaled(), decimals, scale)) {
            return true;
        }
        boolean sameNumber = roundsTo(other.value, value, decimals, 1);
        return sameNumber && (scale == 1 || other.scale == 1);
    }

    /** Returns whether the units are the same or one of them is unstated. */
    public boolean unitsAgree(Quantity other) {
        return unit.equals(other.unit) || unit.isEmpty() || other.unit.isEmpty();
    }

    private static boolean roundsTo(double evidence, double claim, int decimals, double scale) {
        double unit = BigDecimal.ONE.movePointLeft(decimals).doubleValue() * scale;
        return Math.abs(evidence - claim) <= unit / 2 + 1e-9 * Math.max(1, Math.abs(claim));
    }
}
