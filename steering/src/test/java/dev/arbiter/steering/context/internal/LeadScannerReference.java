package dev.arbiter.steering.context.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lead scanner as it was before its deterministic automaton, kept to compare with: one linear pass over a normalised text that finds, for several injection rules at once, whether the text holds
 * one of each rule's anchors (the last place one starts) and every position where a match of the rule could start
 * ({@link RuleStarts}). The anchors are found with one Aho–Corasick automaton over their characters, the start
 * words with a trie walked only where a word starts, start characters with a table. Immutable and thread-safe; {@link #scan} allocates its result.
 *
 * <p>Built only over ASCII literals (the built-in rules have no others); {@link #accepts} tells whether a rule's
 * literals are.
 */
final class LeadScannerReference {

    private final int rules;
    private final boolean[] anchored;
    /** Column of each ASCII character in {@link #delta}; 0 for a character in no literal. */
    private final int[] column = new int[128];
    /**
     * Per ASCII character, all the scan asks of it in one read: its {@link #column} (low 16 bits) and whether it
     * carries start masks ({@link #MASKED}), is a lower-case letter ({@link #LOWER}) or a word character
     * ({@link #WORD}).
     */
    private final int[] info = new int[128];
    private static final int COLUMN_BITS = 0xFFFF;
    private static final int MASKED = 1 << 16;
    private static final int LOWER = 1 << 17;
    private static final int WORD = 1 << 18;
    private final int columns;
    private final int[] delta;
    /**
     * {@link #delta} for the scan: indexed by a state's row offset ({@code state * columns}) plus a column, it holds
     * the next state's row offset, or {@code -1 - offset} when literals end in that state.
     */
    private final int[] step;
    /** Per state: the literals that end there (their ids), or null. */
    private final int[][] output;
    private final int[] literalLength;
    private final int[] literalRule;
    /** Per ASCII character: rules for which a match may start at it, right after it, after it and a space. */
    private final long[] atMask = new long[128];
    private final long[] afterMask = new long[128];
    private final long[] afterSpacedMask = new long[128];
    private final char[] otherChars;
    private final long[] otherAt;
    private final long[] otherAfter;
    private final long[] otherAfterSpaced;
    private final long textStartMask;
    /** The start words' trie: child of node n for column c at {@code n * columns + c}, -1 for none. */
    private final int[] wordTrie;
    /** Per trie node: the rules with a start word that ends there. */
    private final long[] wordRules;

    /**
     * @param anchors per rule, its anchors (empty: the rule always runs)
     * @param starts per rule, where its matches can start
     */
    LeadScannerReference(List<List<String>> anchors, List<RuleStarts> starts) {
        if (anchors.size() != starts.size() || anchors.size() > 64) {
            throw new IllegalArgumentException("one anchor list and one start list per rule, at most 64 rules");
        }
        this.rules = anchors.size();
        this.anchored = new boolean[rules];
        List<String> literals = new ArrayList<>();
        List<int[]> meta = new ArrayList<>();
        long textStart = 0;
        Map<Character, long[]> other = new HashMap<>();
        for (int r = 0; r < rules; r++) {
            anchored[r] = !anchors.get(r).isEmpty();
            for (String a : anchors.get(r)) {
                literals.add(a);
                meta.add(new int[] {r});
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
        int cols = 1;
        for (String lit : literals) {
            if (!isAscii(lit) || lit.isEmpty()) {
                throw new IllegalArgumentException("literal must be non-empty ASCII: " + lit);
            }
            for (int i = 0; i < lit.length(); i++) {
                char c = lit.charAt(i);
                if (column[c] == 0) {
                    column[c] = cols++;
                }
            }
        }
        for (int r = 0; r < rules; r++) {
            for (String w : starts.get(r).words()) {
                if (!isAscii(w) || w.isEmpty()) {
                    throw new IllegalArgumentException("start word must be non-empty ASCII: " + w);
                }
                for (int i = 0; i < w.length(); i++) {
                    char c = w.charAt(i);
                    if (column[c] == 0) {
                        column[c] = cols++;
                    }
                }
            }
        }
        this.columns = cols;
        // the start words: a trie walked only where a word starts
        List<int[]> wordNext = new ArrayList<>();
        List<long[]> wordOut = new ArrayList<>();
        wordNext.add(newRow(cols));
        wordOut.add(new long[1]);
        for (int r = 0; r < rules; r++) {
            for (String w : starts.get(r).words()) {
                int node = 0;
                for (int i = 0; i < w.length(); i++) {
                    int col = column[w.charAt(i)];
                    if (wordNext.get(node)[col] < 0) {
                        wordNext.get(node)[col] = wordNext.size();
                        wordNext.add(newRow(cols));
                        wordOut.add(new long[1]);
                    }
                    node = wordNext.get(node)[col];
                }
                wordOut.get(node)[0] |= 1L << r;
            }
        }
        this.wordTrie = new int[wordNext.size() * cols];
        this.wordRules = new long[wordNext.size()];
        for (int node = 0; node < wordNext.size(); node++) {
            System.arraycopy(wordNext.get(node), 0, wordTrie, node * cols, cols);
            wordRules[node] = wordOut.get(node)[0];
        }
        this.literalLength = new int[literals.size()];
        this.literalRule = new int[literals.size()];
        // trie
        List<int[]> next = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        next.add(newRow(cols));
        ends.add(new ArrayList<>());
        for (int id = 0; id < literals.size(); id++) {
            String lit = literals.get(id);
            literalLength[id] = lit.length();
            literalRule[id] = meta.get(id)[0];
            int state = 0;
            for (int i = 0; i < lit.length(); i++) {
                int col = column[lit.charAt(i)];
                if (next.get(state)[col] < 0) {
                    next.get(state)[col] = next.size();
                    next.add(newRow(cols));
                    ends.add(new ArrayList<>());
                }
                state = next.get(state)[col];
            }
            ends.get(state).add(id);
        }
        // failure links, breadth first, turning the trie into a complete transition table
        int states = next.size();
        int[] fail = new int[states];
        this.delta = new int[states * cols];
        this.output = new int[states][];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int col = 0; col < cols; col++) {
            int child = next.get(0)[col];
            if (child > 0) {
                fail[child] = 0;
                delta[col] = child;
                queue.add(child);
            } else {
                delta[col] = 0;
            }
        }
        output[0] = toArray(ends.get(0));
        while (!queue.isEmpty()) {
            int state = queue.poll();
            List<Integer> out = new ArrayList<>(ends.get(state));
            if (output[fail[state]] != null) {
                for (int id : output[fail[state]]) {
                    out.add(id);
                }
            }
            output[state] = toArray(out);
            for (int col = 0; col < cols; col++) {
                int child = next.get(state)[col];
                if (child > 0) {
                    fail[child] = delta[fail[state] * cols + col];
                    delta[state * cols + col] = child;
                    queue.add(child);
                } else {
                    delta[state * cols + col] = delta[fail[state] * cols + col];
                }
            }
        }
        this.step = new int[delta.length];
        for (int e = 0; e < delta.length; e++) {
            int target = delta[e];
            step[e] = output[target] == null ? target * cols : -1 - target * cols;
        }
        for (char c = 0; c < 128; c++) {
            info[c] = column[c]
                    | ((atMask[c] | afterMask[c] | afterSpacedMask[c]) != 0 ? MASKED : 0)
                    | (c >= 'a' && c <= 'z' ? LOWER : 0)
                    | (WORD_CHAR[c] ? WORD : 0);
        }
    }

    /** Returns whether a rule's anchors and start words can be scanned (they are ASCII). */
    public static boolean accepts(List<String> anchors, RuleStarts starts) {
        return anchors.stream().allMatch(a -> !a.isEmpty() && isAscii(a))
                && starts.words().stream().allMatch(w -> !w.isEmpty() && isAscii(w));
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
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

    private static int[] newRow(int cols) {
        int[] row = new int[cols];
        Arrays.fill(row, -1);
        return row;
    }

    private static int[] toArray(List<Integer> ids) {
        return ids.isEmpty() ? null : ids.stream().mapToInt(Integer::intValue).toArray();
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
        Result result = new Result(rules);
        for (int r = 0; r < rules; r++) {
            if (!anchored[r]) {
                result.lastAnchor[r] = Integer.MAX_VALUE;
            }
        }
        int n = text.length();
        if (textStartMask != 0) {
            result.addAll(textStartMask, 0);
        }
        char[] cs = text.toCharArray(); // a plain array scans faster than charAt
        int row = 0; // the automaton's state, as its row offset in step
        boolean afterWordChar = false;
        for (int i = 0; i < n; i++) {
            char c = cs[i];
            if (c < 128) {
                int inf = info[c];
                int next = step[row + (inf & COLUMN_BITS)];
                if (next >= 0) {
                    row = next;
                } else {
                    row = -1 - next;
                    for (int id : output[row / columns]) {
                        int start = i - literalLength[id] + 1;
                        int r = literalRule[id];
                        if (start > result.lastAnchor[r]) {
                            result.lastAnchor[r] = start;
                        }
                    }
                }
                if ((inf & MASKED) != 0) {
                    long at = atMask[c];
                    long after = afterMask[c];
                    long spaced = afterSpacedMask[c];
                    result.addAll(at, i);
                    result.addAll(after, i + 1);
                    if (spaced != 0 && i + 1 < n && isRegexSpace(cs[i + 1])) {
                        result.addAll(spaced, i + 2);
                    }
                }
                if ((inf & LOWER) != 0 && !afterWordChar) {
                    long found = 0;
                    int node = 0;
                    for (int j = i; j < n; j++) {
                        char d = cs[j];
                        if (d >= 128 || (node = wordTrie[node * columns + (info[d] & COLUMN_BITS)]) < 0) {
                            break;
                        }
                        found |= wordRules[node];
                    }
                    if (found != 0) {
                        result.addAll(found, i);
                    }
                }
                afterWordChar = (inf & WORD) != 0;
            } else {
                row = 0;
                for (int k = 0; k < otherChars.length; k++) {
                    if (otherChars[k] == c) {
                        result.addAll(otherAt[k], i);
                        result.addAll(otherAfter[k], i + 1);
                        if (otherAfterSpaced[k] != 0 && i + 1 < n && isRegexSpace(cs[i + 1])) {
                            result.addAll(otherAfterSpaced[k], i + 2);
                        }
                    }
                }
                afterWordChar = false; // not an ASCII word character: a start word may follow (a superset)
            }
        }
        return result;
    }

    /** {@code \s} of java.util.regex without UNICODE_CHARACTER_CLASS. */
    private static boolean isRegexSpace(char c) {
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
