package dev.arbiter.authority.provenance.internal;

/**
 * JSON text appended to a {@link StringBuilder} exactly as Jackson's generator writes it with the default settings
 * (no {@code ESCAPE_NON_ASCII}, no custom escapes): {@code \"}, {@code \\}, {@code \b \t \n \f \r}, the other
 * control characters as {@code \}{@code u00XX} with upper-case hex, every other character as it is (non-ASCII and
 * unpaired surrogates included), no whitespace. Stateless and thread-safe.
 */
final class JsonText {

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    /** For each ASCII character: 0 when written as is, the character after the backslash, or -1 for a u00XX escape. */
    private static final int[] ESCAPES = new int[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private JsonText() {}

    /** Appends {@code s} as a quoted, escaped JSON string. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128 && ESCAPES[c] != 0) {
                out.append(s, from, i);
                int esc = ESCAPES[c];
                out.append('\\');
                if (esc > 0) {
                    out.append((char) esc);
                } else {
                    out.append('u').append('0').append('0').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xF]);
                }
                from = i + 1;
            }
        }
        out.append(s, from, n).append('"');
    }

    /** The members of one object being written: each name is preceded by a comma but the first. Not thread-safe. */
    static final class Members {
        private final StringBuilder out;
        private boolean first = true;

        Members(StringBuilder out) {
            this.out = out;
        }

        /** Returns the builder the members are appended to (for a value written by hand after {@link #name}). */
        StringBuilder out() {
            return out;
        }

        /** Appends the member name, which needs no escaping (a name of the format), and its colon; the value follows. */
        void name(String name) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(name).append('"').append(':');
        }

        /**
         * Appends a member whose value needs no escaping: a validated digest (lower-case hex), an enum constant's
         * name, a time as {@code IsoInstant} writes it.
         */
        void plain(String name, String value) {
            name(name);
            out.append('"').append(value).append('"');
        }

        /** Appends a member with a string value. */
        void string(String name, String value) {
            name(name);
            JsonText.string(out, value);
        }
    }
}
