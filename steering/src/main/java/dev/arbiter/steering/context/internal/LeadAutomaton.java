package dev.arbiter.steering.context.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the deterministic automaton a {@link LeadScanner} runs: the rules' start characters sorted by kind, the
 * ASCII characters grouped into columns, the literals (anchors, start words after a boundary, start characters, a
 * start character followed by a space) as sequences of column sets, their subset construction, and the table laid
 * out with the states that find something last. Built once per scanner by its constructor; the scanner copies the
 * results and keeps nothing else of it. Not thread-safe while it builds.
 */
final class LeadAutomaton {

    /** The item of every start word before its first letter. */
    private static final int AFTER_BOUNDARY = -1;

    private final List<List<String>> anchors;
    private final List<RuleStarts> starts;
    private final int rules;

    // the results the scanner copies
    /** Column of each ASCII character in {@link #step}, upper-case letters with their lower-case ones. */
    final int[] column = new int[128];
    int columns;
    /** Indexed by a state's row offset plus a column: the next state's row offset; finding states last. */
    char[] step;
    int findingRows;
    /** The longest literal: a state depends only on this many characters. */
    int warmUp;
    int startRow;
    int[][] anchorsEnding;
    long[][] startMasks;
    int[][] startOffsets;
    char[] otherChars;
    long[] otherAt;
    long[] otherAfter;
    long[] otherAfterSpaced;
    long textStartMask;

    // while building
    private final long[] atMask = new long[128];
    private final long[] afterMask = new long[128];
    private final long[] afterSpacedMask = new long[128];
    private long[] boundary;
    private long[] space;
    private final List<Literal> literals = new ArrayList<>();
    private final List<int[]> states = new ArrayList<>();
    private final List<int[]> table = new ArrayList<>();
    /** Per column: the other literals whose first element has it, and the start words whose first letter it is. */
    private int[][] beginning;
    private int[][] wordSecond;
    /** Each literal's length and elements, one bit per column. */
    private int[] lengths;
    private long[][] elements;
    /** Per column: the items of the state being expanded that go on with it, and how many. */
    private int[][] advanced;
    private int[] advancedCount;
    /** Per column, after a word character or not: the target when no item goes on (it depends on the column alone). */
    private final int[][] plainTarget = new int[2][];
    private int[] next = new int[64];

    /** One literal of the automaton: a sequence of column sets, and what it reports when it ends. */
    private record Literal(long[][] classes, boolean word, int anchorRule, long startMask, int startOffset) {}

    /**
     * @param anchors per rule, its anchors (empty: the rule always runs)
     * @param starts per rule, where its matches can start; every rule {@link LeadScanner#accepts} accepts
     */
    LeadAutomaton(List<List<String>> anchors, List<RuleStarts> starts) {
        this.anchors = anchors;
        this.starts = starts;
        this.rules = anchors.size();
        markStarts();
        assignColumns();
        collectLiterals();
        determinize();
        layOut();
    }

    /** The rules' start characters by kind: ASCII ones in per-character masks, the others in sorted arrays. */
    private void markStarts() {
        long textStart = 0;
        Map<Character, long[]> other = new HashMap<>();
        for (int r = 0; r < rules; r++) {
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
    }

    /** Columns: characters alike for every literal share one; upper-case letters go with their lower-case ones. */
    private void assignColumns() {
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
                        (LeadScanner.isRegexSpace(c) ? 1 : 0) | (LeadScanner.WORD_CHAR[c] ? 2 : 0)};
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
        boundary = new long[(cols + 63) / 64];
        space = new long[(cols + 63) / 64];
        for (char c = 0; c < 128; c++) {
            if (!LeadScanner.WORD_CHAR[c]) {
                boundary[column[c] >>> 6] |= 1L << column[c];
            }
            if (LeadScanner.isRegexSpace(c)) {
                space[column[c] >>> 6] |= 1L << column[c];
            }
        }
    }

    /** The anchors, each start word once (with every rule that has it), the start characters. */
    private void collectLiterals() {
        int cols = columns;
        for (int r = 0; r < rules; r++) {
            for (String a : anchors.get(r)) {
                literals.add(new Literal(charClasses("", a, cols), false, r, 0, 0));
            }
        }
        Map<String, Long> words = new TreeMap<>();
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
        int longest = 1;
        for (Literal l : literals) {
            longest = Math.max(longest, l.classes().length);
        }
        this.warmUp = longest;
    }

    /**
     * Subset construction: a state is the set of (literal, characters matched) items, ends included; the start
     * words' items before their first letter are one item, {@link #AFTER_BOUNDARY} (the last character was not a
     * word character, or there was none).
     */
    private void determinize() {
        prepareTransitions();
        Map<Key, Integer> index = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int[] init = {AFTER_BOUNDARY}; // the text's start counts as a character before a start word
        states.add(init);
        index.put(new Key(init), 0);
        queue.add(0);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            boolean afterBoundary = advance(states.get(s));
            int[] row = new int[columns];
            for (int col = 0; col < columns; col++) {
                row[col] = target(col, afterBoundary, index, queue);
            }
            while (table.size() <= s) {
                table.add(null);
            }
            table.set(s, row);
        }
    }

    /** What the subset construction reads per column and per literal. */
    private void prepareTransitions() {
        int cols = columns;
        beginning = new int[cols][];
        wordSecond = new int[cols][];
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
        lengths = new int[literals.size()];
        elements = new long[literals.size()][];
        for (int l = 0; l < literals.size(); l++) {
            long[][] cls = literals.get(l).classes();
            lengths[l] = cls.length;
            elements[l] = new long[cls.length];
            for (int e = 0; e < cls.length; e++) {
                elements[l][e] = cls[e][0];
            }
        }
        advanced = new int[cols][16];
        advancedCount = new int[cols];
        plainTarget[0] = new int[cols];
        plainTarget[1] = new int[cols];
        Arrays.fill(plainTarget[0], -1);
        Arrays.fill(plainTarget[1], -1);
    }

    /**
     * Sorts a state's items by the column each goes on with ({@link #advanced}); returns whether the state holds
     * {@link #AFTER_BOUNDARY}.
     */
    private boolean advance(int[] items) {
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
        return afterBoundary;
    }

    /** The state reached on a column from the state {@link #advance} sorted; a new one is queued. */
    private int target(int col, boolean afterBoundary, Map<Key, Integer> index, ArrayDeque<Integer> queue) {
        int plain = afterBoundary ? 1 : 0;
        if (advancedCount[col] == 0 && plainTarget[plain][col] >= 0) {
            return plainTarget[plain][col]; // no item goes on: the target depends on the column alone
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
        if (advancedCount[col] == 0) {
            plainTarget[plain][col] = target;
        }
        return target;
    }

    /** The table with the states that find nothing first (the start state, which finds nothing, stays 0). */
    private void layOut() {
        int n = states.size();
        int cols = columns;
        int[][] anchorsAt = new int[n][];
        long[][] masksAt = new long[n][];
        int[][] offsetsAt = new int[n][];
        for (int s = 0; s < n; s++) {
            findings(states.get(s), s, anchorsAt, masksAt, offsetsAt);
        }
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

    /**
     * What state {@code s} finds: pairs of (rule, anchor length) for the anchors that end there, and the rules'
     * masks of the candidate starts with their offsets, one mask per offset, offsets ascending.
     */
    private void findings(int[] items, int s, int[][] anchorsAt, long[][] masksAt, int[][] offsetsAt) {
        int[] pairs = new int[16];
        long[] masks = new long[8];
        int[] offsets = new int[8];
        int pairCount = 0;
        int offsetCount = 0;
        for (int it : items) {
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
                continue;
            }
            int o = 0; // the starts at one offset share one mask
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
        if (pairCount > 0) {
            anchorsAt[s] = Arrays.copyOf(pairs, pairCount);
        }
        if (offsetCount > 0) {
            masksAt[s] = Arrays.copyOf(masks, offsetCount);
            offsetsAt[s] = Arrays.copyOf(offsets, offsetCount);
        }
    }

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
}
