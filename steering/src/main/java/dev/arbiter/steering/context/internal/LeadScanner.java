package dev.arbiter.steering.context.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** One literal of the automaton: a sequence of column sets, and what it reports when it ends. */
    private record Literal(long[][] classes, boolean word, int anchorRule, long startMask, int startOffset) {}

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
        long textStart = 0;
        long[] atMask = new long[128];
        long[] afterMask = new long[128];
        long[] afterSpacedMask = new long[128];
        Map<Character, long[]> other = new HashMap<>();
        for (int r = 0; r < rules; r++) {
            anchored[r] = !anchors.get(r).isEmpty();
            if (!accepts(anchors.get(r), starts.get(r))) {
                throw new IllegalArgumentException("literals must be non-empty ASCII without upper-case letters");
            }
            RuleStarts s = starts.get(r);
            mark(s.at(), r, 0, atMask, other);
            mark(s.after(), r, 1, afterMask, other);
            mark(s.afterSpaced(), r, 2, afterSpacedMask, other);
            if (s.fromTextStart()) {
                textStart |= 1L << r;
            }
        }
        this.textStartMask = textStart;
        this.otherChars = new char[other.size()];
        this.otherAt = new long[other.size()];
        this.otherAfter = new long[other.size()];
        this.otherAfterSpaced = new long[other.size()];
        int k = 0;
        for (Map.Entry<Character, long[]> e : other.entrySet()) {
            otherChars[k] = e.getKey();
            otherAt[k] = e.getValue()[0];
            otherAfter[k] = e.getValue()[1];
            otherAfterSpaced[k] = e.getValue()[2];
            k++;
        }
        // columns: characters alike for every literal share one; upper-case letters go with their lower-case ones
        boolean[] literalChar = new boolean[128];
        for (int r = 0; r < rules; r++) {
            for (String a : anchors.get(r)) {
                for (int i = 0; i < a.length(); i++) {
                    literalChar[a.charAt(i)] = true;
                }
            }
            for (String w : starts.get(r).words()) {
                for (int i = 0; i < w.length(); i++) {
                    literalChar[w.charAt(i)] = true;
                }
            }
        }
        List<long[]> columnKeys = new ArrayList<>(); // what makes characters alike, per column
        for (char c = 0; c < 128; c++) {
            char f = fold(c);
            long[] key = literalChar[f] ? new long[] {f, 0, 0, 0, 0}
                    : new long[] {-1, atMask[c], afterMask[c], afterSpacedMask[c],
                        (isRegexSpace(c) ? 1 : 0) | (WORD_CHAR[c] ? 2 : 0)};
            int col = 0;
            while (col < columnKeys.size() && !Arrays.equals(columnKeys.get(col), key)) {
                col++;
            }
            if (col == columnKeys.size()) {
                columnKeys.add(key);
            }
            column[c] = col;
        }
        int cols = columnKeys.size();
        this.columns = cols;
        // the column sets a literal's elements match
        long[] boundary = new long[(cols + 63) / 64];
        long[] space = new long[(cols + 63) / 64];
        for (char c = 0; c < 128; c++) {
            if (!WORD_CHAR[c]) {
                boundary[column[c] >>> 6] |= 1L << column[c];
            }
            if (isRegexSpace(c)) {
                space[column[c] >>> 6] |= 1L << column[c];
            }
        }
        List<Literal> literals = new ArrayList<>();
        for (int r = 0; r < rules; r++) {
            for (String a : anchors.get(r)) {
                literals.add(new Literal(charClasses("", a, cols), false, r, 0, 0));
            }
        }
        Map<String, Long> words = new java.util.TreeMap<>(); // each start word once, with every rule that has it
        for (int r = 0; r < rules; r++) {
            for (String w : starts.get(r).words()) {
                Long had = words.get(w);
                words.put(w, (had == null ? 0 : had) | 1L << r);
            }
        }
        for (String w : words.keySet()) {
            long[][] classes = charClasses(" ", w, cols);
            classes[0] = boundary;
            literals.add(new Literal(classes, true, -1, words.get(w), 1 - w.length()));
        }
        for (char c = 0; c < 128; c++) {
            if (atMask[c] != 0 || afterMask[c] != 0) {
                long[][] one = charClasses("", String.valueOf(c), cols);
                if (atMask[c] != 0) {
                    literals.add(new Literal(one, false, -1, atMask[c], 0));
                }
                if (afterMask[c] != 0) {
                    literals.add(new Literal(one, false, -1, afterMask[c], 1));
                }
            }
            if (afterSpacedMask[c] != 0) {
                long[][] two = charClasses(String.valueOf(c), " ", cols);
                two[1] = space;
                literals.add(new Literal(two, false, -1, afterSpacedMask[c], 1));
            }
        }
        // subset construction: a state is the set of (literal, characters matched) items, ends included; the start
        // words' items before their first letter are one item, AFTER_BOUNDARY (the last character was not a word
        // character, or there was none)
        List<int[]> states = new ArrayList<>();
        Map<Key, Integer> index = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int[] init = {AFTER_BOUNDARY}; // the text's start counts as a character before a start word
        states.add(init);
        index.put(new Key(init), 0);
        queue.add(0);
        int[][] beginning = new int[cols][]; // per column: the other literals whose first element has it
        int[][] wordSecond = new int[cols][]; // per column: the start words whose first letter it is
        for (int col = 0; col < cols; col++) {
            List<Integer> ls = new ArrayList<>();
            List<Integer> ws = new ArrayList<>();
            for (int l = 0; l < literals.size(); l++) {
                long[][] cls = literals.get(l).classes();
                if (literals.get(l).word()) {
                    if (has(cls[1], col)) {
                        ws.add(item(l, 2));
                    }
                } else if (has(cls[0], col)) {
                    ls.add(item(l, 1));
                }
            }
            beginning[col] = toArray(ls);
            wordSecond[col] = toArray(ws);
        }
        // each literal's elements as one bit per column (at most 64 columns)
        if (cols > 64) {
            throw new IllegalArgumentException("too many distinct literal characters: " + cols + " columns");
        }
        int[] lengths = new int[literals.size()];
        long[][] elements = new long[literals.size()][];
        for (int l = 0; l < literals.size(); l++) {
            long[][] cls = literals.get(l).classes();
            lengths[l] = cls.length;
            elements[l] = new long[cls.length];
            for (int e = 0; e < cls.length; e++) {
                elements[l][e] = cls[e][0];
            }
        }
        List<int[]> table = new ArrayList<>();
        int[] next = new int[64];
        int[][] advanced = new int[cols][16]; // per column: the items of the state that go on with it
        int[] advancedCount = new int[cols];
        int[][] plainTarget = new int[2][cols]; // per column, after a word character or not, when no item goes on
        Arrays.fill(plainTarget[0], -1);
        Arrays.fill(plainTarget[1], -1);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int[] items = states.get(s);
            int[] row = new int[cols];
            boolean afterBoundary = false;
            Arrays.fill(advancedCount, 0);
            for (int it : items) {
                if (it == AFTER_BOUNDARY) {
                    afterBoundary = true;
                    continue;
                }
                int l = it >>> 8;
                int pos = it & 0xFF;
                if (pos < lengths[l]) {
                    for (long bits = elements[l][pos]; bits != 0; bits &= bits - 1) {
                        int col = Long.numberOfTrailingZeros(bits);
                        if (advancedCount[col] == advanced[col].length) {
                            advanced[col] = Arrays.copyOf(advanced[col], advanced[col].length * 2);
                        }
                        advanced[col][advancedCount[col]++] = item(l, pos + 1);
                    }
                }
            }
            for (int col = 0; col < cols; col++) {
                int plain = afterBoundary ? 1 : 0;
                if (advancedCount[col] == 0 && plainTarget[plain][col] >= 0) {
                    row[col] = plainTarget[plain][col]; // no item goes on: the target depends on the column alone
                    continue;
                }
                int size = 0;
                int need = advancedCount[col] + beginning[col].length + wordSecond[col].length + 1;
                if (next.length < need) {
                    next = new int[need * 2];
                }
                System.arraycopy(advanced[col], 0, next, 0, advancedCount[col]);
                size += advancedCount[col];
                if (afterBoundary) {
                    for (int w : wordSecond[col]) {
                        next[size++] = w;
                    }
                }
                for (int b : beginning[col]) {
                    next[size++] = b;
                }
                if (has(boundary, col)) {
                    next[size++] = AFTER_BOUNDARY;
                }
                Arrays.sort(next, 0, size);
                int distinct = 0;
                for (int e = 0; e < size; e++) {
                    if (distinct == 0 || next[e] != next[distinct - 1]) {
                        next[distinct++] = next[e];
                    }
                }
                int[] set = Arrays.copyOf(next, distinct);
                Key key = new Key(set);
                Integer target = index.get(key);
                if (target == null) {
                    target = states.size();
                    states.add(set);
                    index.put(key, target);
                    queue.add(target);
                }
                row[col] = target;
                if (advancedCount[col] == 0) {
                    plainTarget[plain][col] = target;
                }
            }
            while (table.size() <= s) {
                table.add(null);
            }
            table.set(s, row);
        }
        int longest = 1;
        for (Literal l : literals) {
            longest = Math.max(longest, l.classes().length);
        }
        this.warmUp = longest;
        int n = states.size();
        int[][] anchorsAt = new int[n][];
        long[][] masksAt = new long[n][];
        int[][] offsetsAt = new int[n][];
        int[] pairs = new int[16];
        long[] masks = new long[8];
        int[] offsets = new int[8];
        for (int s = 0; s < n; s++) {
            int pairCount = 0;
            int offsetCount = 0;
            for (int it : states.get(s)) {
                if (it == AFTER_BOUNDARY) {
                    continue;
                }
                Literal lit = literals.get(it >>> 8);
                if ((it & 0xFF) != lit.classes().length) {
                    continue;
                }
                if (lit.anchorRule() >= 0) {
                    if (pairCount + 2 > pairs.length) {
                        pairs = Arrays.copyOf(pairs, pairs.length * 2);
                    }
                    pairs[pairCount++] = lit.anchorRule();
                    pairs[pairCount++] = lit.classes().length;
                } else {
                    int o = 0; // the starts at one offset share one mask; offsets ascending
                    while (o < offsetCount && offsets[o] < lit.startOffset()) {
                        o++;
                    }
                    if (o < offsetCount && offsets[o] == lit.startOffset()) {
                        masks[o] |= lit.startMask();
                        continue;
                    }
                    if (offsetCount == offsets.length) {
                        offsets = Arrays.copyOf(offsets, offsetCount * 2);
                        masks = Arrays.copyOf(masks, offsetCount * 2);
                    }
                    System.arraycopy(offsets, o, offsets, o + 1, offsetCount - o);
                    System.arraycopy(masks, o, masks, o + 1, offsetCount - o);
                    offsets[o] = lit.startOffset();
                    masks[o] = lit.startMask();
                    offsetCount++;
                }
            }
            if (pairCount > 0) {
                anchorsAt[s] = Arrays.copyOf(pairs, pairCount);
            }
            if (offsetCount > 0) {
                masksAt[s] = Arrays.copyOf(masks, offsetCount);
                offsetsAt[s] = Arrays.copyOf(offsets, offsetCount);
            }
        }
        // the states that find nothing first (the start state, which finds nothing, stays 0), then the others
        int[] renumbered = new int[n];
        int quiet = 0;
        for (int s = 0; s < n; s++) {
            if (anchorsAt[s] == null && masksAt[s] == null) {
                renumbered[s] = quiet++;
            }
        }
        int finding = quiet;
        for (int s = 0; s < n; s++) {
            if (anchorsAt[s] != null || masksAt[s] != null) {
                renumbered[s] = finding++;
            }
        }
        if ((long) n * cols > Character.MAX_VALUE + 1L) {
            throw new IllegalArgumentException("too many literals for one automaton: " + n + " states");
        }
        this.findingRows = quiet * cols;
        this.anchorsEnding = new int[n][];
        this.startMasks = new long[n][];
        this.startOffsets = new int[n][];
        this.step = new char[n * cols];
        for (int s = 0; s < n; s++) {
            int r = renumbered[s];
            anchorsEnding[r] = anchorsAt[s];
            startMasks[r] = masksAt[s];
            startOffsets[r] = offsetsAt[s];
            for (int col = 0; col < cols; col++) {
                step[r * cols + col] = (char) (renumbered[table.get(s)[col]] * cols);
            }
        }
        this.startRow = renumbered[0] * cols;
    }

    /** The item of every start word before its first letter. */
    private static final int AFTER_BOUNDARY = -1;

    /** A state's items, as a map key. */
    private static final class Key {
        private final int[] items;
        private final int hash;

        Key(int[] items) {
            this.items = items;
            this.hash = Arrays.hashCode(items);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Arrays.equals(items, ((Key) o).items);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static int item(int literal, int matched) {
        if (matched > 0xFF) {
            throw new IllegalArgumentException("literal longer than 255 characters");
        }
        return literal << 8 | matched;
    }

    private static boolean has(long[] set, int col) {
        return (set[col >>> 6] & (1L << col)) != 0;
    }

    private static int[] toArray(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    /** One column set per character of {@code prefix + literal}: the column of each character. */
    private long[][] charClasses(String prefix, String literal, int cols) {
        String s = prefix + literal;
        long[][] classes = new long[s.length()][];
        for (int i = 0; i < s.length(); i++) {
            long[] set = new long[(cols + 63) / 64];
            int col = column[s.charAt(i)];
            set[col >>> 6] |= 1L << col;
            classes[i] = set;
        }
        return classes;
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
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

    private static void mark(String chars, int rule, int kind, long[] ascii, Map<Character, long[]> other) {
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c < 128) {
                ascii[c] |= 1L << rule;
            } else {
                other.computeIfAbsent(c, x -> new long[3])[kind] |= 1L << rule;
            }
        }
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
    private static boolean isRegexSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** ASCII characters that {@code \b} counts as word characters. */
    private static final boolean[] WORD_CHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            WORD_CHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
    }
}
