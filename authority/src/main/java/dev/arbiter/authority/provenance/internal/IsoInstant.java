package dev.arbiter.authority.provenance.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an instant exactly as {@link Instant#toString()} does ({@code DateTimeFormatter.ISO_INSTANT}: seconds always,
 * the fraction in groups of three digits, none when zero), without the formatter's machinery for the years 1970 to
 * 9999; any other instant is written by {@link Instant#toString()} itself. Stateless and thread-safe.
 */
public final class IsoInstant {

    /** 10000-01-01T00:00:00Z: from here on the year takes a sign and five digits. */
    private static final long YEAR_10000 = 253_402_300_800L;

    private IsoInstant() {}

    /** Returns {@code instant.toString()}. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        int nano = instant.getNano();
        LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
        int secondOfDay = (int) (seconds % 86_400);
        char[] out = new char[30];
        int year = date.getYear();
        two(out, 0, year / 100);
        two(out, 2, year % 100);
        out[4] = '-';
        two(out, 5, date.getMonthValue());
        out[7] = '-';
        two(out, 8, date.getDayOfMonth());
        out[10] = 'T';
        two(out, 11, secondOfDay / 3_600);
        out[13] = ':';
        two(out, 14, secondOfDay / 60 % 60);
        out[16] = ':';
        two(out, 17, secondOfDay % 60);
        int n = 19;
        if (nano > 0) {
            int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
            int value = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
            out[n++] = '.';
            for (int i = n + digits - 1; i >= n; i--) {
                out[i] = (char) ('0' + value % 10);
                value /= 10;
            }
            n += digits;
        }
        out[n++] = 'Z';
        return new String(out, 0, n);
    }

    private static void two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }
}
