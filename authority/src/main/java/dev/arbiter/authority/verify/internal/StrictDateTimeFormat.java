package dev.arbiter.authority.verify.internal;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.format.Format;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code date-time} format exactly as RFC 3339 section 5.6 defines {@code date-time}: {@code T} (or {@code t})
 * between date and time, an offset of {@code Z} or {@code +hh:mm}, nothing after it, real calendar days, and a
 * leap second only at 23:59:60 UTC.
 *
 * <p>Replaces networknt's own check, which accepts text after a {@code Z} offset
 * ({@code 2022-01-01T12:00:00Z+01:00}, {@code ...ZZ}) and a space instead of {@code T}. Thread-safe.
 */
final class StrictDateTimeFormat implements Format {

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?(?:[Zz]|([+-])(\\d{2}):(\\d{2}))");

    @Override
    public String getName() {
        return "date-time";
    }

    @Override
    public String getMessageKey() {
        return "format.date-time";
    }

    @Override
    public boolean matches(ExecutionContext executionContext, String value) {
        return isDateTime(value);
    }

    static boolean isDateTime(String value) {
        Matcher m = DATE_TIME.matcher(value);
        if (!m.matches()) {
            return false;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()
                || hour > 23 || minute > 59 || second > 60) {
            return false;
        }
        int offsetMinutes = 0;
        if (m.group(7) != null) {
            int offsetHour = Integer.parseInt(m.group(8));
            int offsetMinute = Integer.parseInt(m.group(9));
            if (offsetHour > 23 || offsetMinute > 59) {
                return false;
            }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (m.group(7).equals("-") ? -1 : 1);
        }
        if (second == 60) {
            int utcMinuteOfDay = Math.floorMod(hour * 60 + minute - offsetMinutes, 24 * 60);
            return utcMinuteOfDay == 23 * 60 + 59;
        }
        return true;
    }
}
