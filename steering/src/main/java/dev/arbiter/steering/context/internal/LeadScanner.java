package dev.arbiter.steering.context.internal;

import java.util.Arrays;
import java.util.List;

/**
 * One linear pass over a text that finds, for several injection rules at once, whether the text holds one of each
 * rule's anchors (the last place one starts) and every position where a match of the rule could start
 * ({@link RuleStarts}), as they are in the text's normalised (lower-cased) view. Immutable and thread-safe;
 * {@link #scan} allocates its result.
 *
 * <p>The pass is one deterministic automaton that reads each ASCII character once, with one table entry per
 * state and character class: the anchors anywhere, the start words after a character that is not an ASCII word
 * character (or at the text's start, or after a non-ASCII character), the start characters and a start character
 * followed by a space, all at once. Upper-case ASCII letters share the columns of their lower-case letters, so the
 * pass over an ASCII text gives what the pass over its lower-cased copy gives ({@link #scanAscii}); a text with
 * other characters is scanned in its normalised view ({@link #scan}), whose non-ASCII characters act as the start
 * of a text for the start words and end any anchor.
 *
 * <p>The automaton is built by {@link LeadAutomaton} when the scanner is made.
 *
 * <p>Built only over ASCII literals without upper-case letters (the built-in rules have no others); {@link #accepts}
 * tells whether a rule's literals are.
 */
public final class LeadScanner {

    private final int rules;
    private final boolean[] anchored;
    /** Column of each ASCII character in {@link #step}, upper-case letters with their lower-case ones. */
    private final int[] column = new int[128];
    private final int columns;
    /**
     * Indexed by a state's row offset ({@code state * columns}) plus a column: the next state's row offset. The
     * states that find something (an anchor's end or a candidate start) come last, from {@link #findingRows} on.
     */
    private final char[] step;
    private final int findingRows;
    /** The longest literal, with the character before a start word: a state depends only on this many characters. */
    private final int warmUp;
    /** The row offset of the state at the text's start, and after a non-ASCII character. */
    private final int startRow;
    /** Per state: pairs of (rule, anchor length) for the anchors that end there, or null. */
    private final int[][] anchorsEnding;
    /** Per state: the rules' masks of the candidate starts it finds, or null. */
    private final long[][] startMasks;
    /** Per state: for each of {@link #startMasks}, the start's offset from the current position. */
    private final int[][] startOffsets;
    private final char[] otherChars;
    private final long[] otherAt;
    private final long[] otherAfter;
    private final long[] otherAfterSpaced;
    private final long textStartMask;

    /**
     * @param anchors per rule, its anchors (empty: the rule always runs)
     * @param starts per rule, where its matches can start
     */
    public LeadScanner(List<List<String>> anchors, List<RuleStarts> starts) {
        if (anchors.size() != starts.size() || anchors.size() > 64) {
            throw new IllegalArgumentException("one anchor list and one start list per rule, at most 64 rules");
        }
        this.rules = anchors.size();
        this.anchored = new boolean[rules];
        for (int r = 0; r < rules; r++) {
            anchored[r] = !anchors.get(r).isEmpty();
            if (!accepts(anchors.get(r), starts.get(r))) {
                throw new IllegalArgumentException("literals must be non-empty ASCII without upper-case letters");
            }
        }
        LeadAutomaton a = new LeadAutomaton(anchors, starts);
        System.arraycopy(a.column, 0, column, 0, column.length);
        this.columns = a.columns;
        this.step = a.step;
        this.findingRows = a.findingRows;
        this.warmUp = a.warmUp;
        this.startRow = a.startRow;
        this.anchorsEnding = a.anchorsEnding;
        this.startMasks = a.startMasks;
        this.startOffsets = a.startOffsets;
        this.otherChars = a.otherChars;
        this.otherAt = a.otherAt;
        this.otherAfter = a.otherAfter;
        this.otherAfterSpaced = a.otherAfterSpaced;
        this.textStartMask = a.textStartMask;
    }

    /**
     * Returns whether a rule's anchors and start words can be scanned: ASCII without upper-case letters, each start
     * word beginning with a lower-case letter, and no ASCII letter among its start characters.
     */
    public static boolean accepts(List<String> anchors, RuleStarts starts) {
        for (String a : anchors) {
            if (!acceptable(a)) {
                return false;
            }
        }
        for (String w : starts.words()) {
            if (!acceptable(w) || w.charAt(0) < 'a' || w.charAt(0) > 'z') {
                return false;
            }
        }
        String chars = starts.at() + starts.after() + starts.afterSpaced();
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean acceptable(String s) {
        if (s.isEmpty() || s.length() > 250) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || (c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** What one scan found, per rule. */
    public static final class Result {
        private final int[] lastAnchor;
        private final int[][] starts;
        private final int[] counts;

        private Result(int rules) {
            this.lastAnchor = new int[rules];
            Arrays.fill(lastAnchor, -1);
            this.starts = new int[rules][];
            this.counts = new int[rules];
        }

        void add(int rule, int position) {
            int[] s = starts[rule];
            if (s == null) {
                s = starts[rule] = new int[16];
            } else if (counts[rule] == s.length) {
                s = starts[rule] = Arrays.copyOf(s, s.length * 2);
            }
            s[counts[rule]++] = position;
        }

        void addAll(long mask, int position) {
            while (mask != 0) {
                int r = Long.numberOfTrailingZeros(mask);
                add(r, position);
                mask &= mask - 1;
            }
        }

        /**
         * Returns the start offset of the last anchor of the rule in the text, {@code Integer.MAX_VALUE} for a rule
         * without anchors, or -1 when the text holds none of its anchors (the rule cannot match).
         */
        public int lastAnchor(int rule) {
            return lastAnchor[rule];
        }

        /** Returns whether the scan found a position where a match of the rule may start. */
        public boolean hasStarts(int rule) {
            return counts[rule] > 0;
        }

        /** Returns the positions where a match of the rule may start, ascending, each once. */
        public int[] starts(int rule) {
            int n = counts[rule];
            if (n == 0) {
                return new int[0];
            }
            int[] s = starts[rule];
            Arrays.sort(s, 0, n);
            int m = 1;
            for (int i = 1; i < n; i++) {
                if (s[i] != s[m - 1]) {
                    s[m++] = s[i];
                }
            }
            return Arrays.copyOf(s, m);
        }
    }

    /** Scans a normalised text once. */
    public Result scan(String text) {
        return scan(text.toCharArray(), false);
    }

    /**
     * Scans an original text as its normalised view when the text is ASCII (its view is then the text lower-cased,
     * offset for offset); returns null, having stopped at the first non-ASCII character, when it is not.
     */
    public Result scanAscii(char[] text) {
        return scan(text, true);
    }

    private Result scan(char[] cs, boolean asciiOnly) {
        Result result = new Result(rules);
        for (int r = 0; r < rules; r++) {
            if (!anchored[r]) {
                result.lastAnchor[r] = Integer.MAX_VALUE;
            }
        }
        int n = cs.length;
        if (textStartMask != 0) {
            result.addAll(textStartMask, 0);
        }
        if (n < 4 * warmUp) {
            return scan(cs, 0, n, startRow, asciiOnly, result) < 0 ? null : result;
        }
        // two halves at once: two independent chains of table reads keep the processor busier than one. The second
        // starts warmUp characters before the middle, where its state is already what it would be after the first
        // half (a state depends only on the last warmUp characters), and reports only from the middle on
        int mid = n / 2;
        int rowB = startRow;
        for (int i = mid - warmUp; i < mid; i++) {
            char c = cs[i];
            if (c < 128) {
                rowB = step[rowB + column[c]];
            } else if (asciiOnly) {
                return null;
            } else {
                rowB = startRow;
            }
        }
        char[] step = this.step;
        int findingRows = this.findingRows;
        int[] column = this.column;
        int rowA = startRow;
        for (int a = 0, b = mid; a < mid; a++, b++) {
            char ca = cs[a];
            char cb = cs[b];
            if ((ca | cb) < 128) {
                rowA = step[rowA + column[ca]];
                rowB = step[rowB + column[cb]];
                if (rowA >= findingRows) {
                    found(rowA / columns, a, result);
                }
                if (rowB >= findingRows) {
                    found(rowB / columns, b, result);
                }
            } else {
                if (asciiOnly) {
                    return null;
                }
                rowA = ca < 128 ? advance(rowA, ca, a, result) : other(ca, a, cs, result);
                rowB = cb < 128 ? advance(rowB, cb, b, result) : other(cb, b, cs, result);
            }
        }
        return scan(cs, 2 * mid, n, rowB, asciiOnly, result) < 0 ? null : result;
    }

    /**
     * Scans {@code cs[from, to)} from the state at row {@code row}; returns the row reached, or -1 when asked for
     * ASCII only and a non-ASCII character came.
     */
    private int scan(char[] cs, int from, int to, int row, boolean asciiOnly, Result result) {
        char[] step = this.step;
        int findingRows = this.findingRows;
        int[] column = this.column;
        for (int i = from; i < to; i++) {
            char c = cs[i];
            if (c < 128) {
                row = step[row + column[c]];
                if (row >= findingRows) {
                    found(row / columns, i, result);
                }
            } else {
                if (asciiOnly) {
                    return -1;
                }
                row = other(c, i, cs, result);
            }
        }
        return row;
    }

    /** One ASCII character's step: returns the next row and records what it finds. */
    private int advance(int row, char c, int i, Result result) {
        int next = step[row + column[c]];
        if (next >= findingRows) {
            found(next / columns, i, result);
        }
        return next;
    }

    /** A non-ASCII character: records the starts it makes, returns the start state's row. */
    private int other(char c, int i, char[] cs, Result result) {
        for (int k = 0; k < otherChars.length; k++) {
            if (otherChars[k] == c) {
                result.addAll(otherAt[k], i);
                result.addAll(otherAfter[k], i + 1);
                if (otherAfterSpaced[k] != 0 && i + 1 < cs.length && isRegexSpace(cs[i + 1])) {
                    result.addAll(otherAfterSpaced[k], i + 2);
                }
            }
        }
        return startRow;
    }

    /** Records what the state reached at position {@code i} finds. */
    private void found(int state, int i, Result result) {
        int[] ends = anchorsEnding[state];
        if (ends != null) {
            for (int e = 0; e < ends.length; e += 2) {
                int r = ends[e];
                int start = i - ends[e + 1] + 1;
                if (start > result.lastAnchor[r]) {
                    result.lastAnchor[r] = start;
                }
            }
        }
        long[] masks = startMasks[state];
        if (masks != null) {
            int[] offsets = startOffsets[state];
            for (int e = 0; e < masks.length; e++) {
                result.addAll(masks[e], i + offsets[e]);
            }
        }
    }

    /** {@code \s} of java.util.regex without UNICODE_CHARACTER_CLASS. */
    static boolean isRegexSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** ASCII characters that {@code \b} counts as word characters. */
    static final boolean[] WORD_CHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            WORD_CHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
    }
}
