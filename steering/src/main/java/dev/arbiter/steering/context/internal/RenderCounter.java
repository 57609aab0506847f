package dev.arbiter.steering.context.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Counts the tokens of a rendered context exactly, from the counts of its parts, without tokenizing the whole
 * rendering again: the rendering of 20 items of 400 tokens is 8,000 tokens, and counting them a second time used to
 * cost as much as counting the items.
 *
 * <p>Byte-pair counts are not additive over concatenation in general, but they are over a split at which the
 * counter's pre-tokenizer always starts a new piece: BPE then runs on the same pieces either way. For the built-in
 * jtokkit encodings ({@code o200k_base}, {@code cl100k_base}) the pieces are those of their split expressions, and
 * these positions always start a piece:
 * <ol>
 *   <li>after a {@code \n} and before {@code <} or {@code [}: no piece runs through a line end into a following
 *       letter-less symbol other than {@code /} (the start of every block and of every closing fence line);</li>
 *   <li>after a label line's {@code >\n} or {@code ]\n} when the content does not start with {@code \r}, {@code \n}
 *       or {@code /} (which the piece {@code ">\n} would swallow);</li>
 *   <li>around the fence boundary: it is 32 lower-case hex digits between {@code ="} and {@code "}, so its count
 *       is the same wherever it stands, and a text with the boundary counts as the same text with any other
 *       boundary plus the difference of the two boundaries' counts;</li>
 *   <li>inside content, before a space between two ASCII letters and before an ASCII letter that follows a line
 *       end: so the count of {@code content + "\n"} is the content's count plus the difference that the line end
 *       makes to the content's tail, found by counting the few characters after the last such position;</li>
 *   <li>in a label line, at the first character of a source id that starts and ends with an ASCII letter or digit
 *       (after {@code ="}, or after the {@code :} of {@code [source:} with the space joined to the id) and right
 *       after its last character (before a quote or bracket).</li>
 * </ol>
 * The layout's fixed texts (the standing instruction, closing lines, separators) are counted once per encoding
 * ({@link JtokkitTokenCounter#countFixed}); label lines, which name a source, once per assembly and in the
 * assembler's count cache (under keys no content digest can take); the fence boundary once per assembly, from the remembered counts of its pieces
 * ({@link JtokkitTokenCounter#countHex}). What a line
 * end adds to a content ending in an ASCII letter or digit is the line end's own count, and to one ending in a short
 * run of ASCII punctuation after a letter or digit, what it adds to that run (the run and the line ends are one
 * piece, and no earlier piece reaches into the run); other tail differences are cached by content digest.
 * {@code RenderCounterTest} checks the sum against counting the whole rendering, for random contents (ends with
 * punctuation, spaces, line ends, digits, non-ASCII text, slashes) under both encodings.
 *
 * <p>Any other {@link dev.arbiter.steering.context.TokenCounter} is a black box: its rendering is counted whole.
 * Not thread-safe; one per pack.
 */
final class RenderCounter {

    /** The boundary whose counts stand for every boundary's (32 lower-case hex digits, like every boundary). */
    static final String REFERENCE_BOUNDARY = "0123456789abcdef0123456789abcdef";
    /** Key prefixes of cached counts; a content digest is 64 hex digits and never starts with these. */
    private static final String TEMPLATE_KEY = "\u0001";
    private static final char SUFFIX_KEY = '\u0000';
    /** How far back from its end a content is searched for a split before its tail; beyond, it is counted whole. */
    static final int MAX_TAIL = 256;
    /** The longest trailing punctuation run whose line-end difference is counted on its own. */
    static final int MAX_RUN = 8;

    /** A fenced block's opening line before its id, and after it (with the reference boundary) and its line end. */
    static final String OPEN_PREFIX = "<untrusted-data source=\"";
    static final String OPEN_SUFFIX = "\" fence=\"" + REFERENCE_BOUNDARY + "\">\n";
    /** A trusted block's label before the space and id, and after the id with its line end. */
    static final String TRUSTED_PREFIX = "[source:";
    static final String TRUSTED_SUFFIX = "]\n";

    /**
     * The fixed texts with the boundary, rendered once with the reference boundary: each assembly counts them from
     * {@link JtokkitTokenCounter#countFixed}'s table, which finds these instances by their kept hash.
     */
    private static final String REFERENCE_HEADER = Fences.header(REFERENCE_BOUNDARY);
    private static final String REFERENCE_HEADER_SEPARATED = REFERENCE_HEADER + Packer.SEPARATOR;
    private static final String REFERENCE_CLOSE = Fences.closeLine(REFERENCE_BOUNDARY);
    private static final String REFERENCE_CLOSE_SEPARATED = REFERENCE_CLOSE + Packer.SEPARATOR;
    private static final String REFERENCE_LINE_END_CLOSE = "\n" + REFERENCE_CLOSE;

    private final AssemblerSettings settings;
    private final String boundary;
    private final @Nullable JtokkitTokenCounter jtokkit;
    private final boolean additive;
    private final int boundaryDelta;
    /** Label lines counted in this pack: each is needed when placing and again when proving the total. */
    private final Map<String, Integer> labels = new HashMap<>();
    /** The opening lines without a note counted in this pack, by source id, without the boundary's difference. */
    private final Map<String, Integer> openLines = new HashMap<>();

    RenderCounter(AssemblerSettings settings, String boundary) {
        this.settings = settings;
        this.boundary = boundary;
        this.additive = settings.counter() instanceof JtokkitTokenCounter && isHexBoundary(boundary);
        this.jtokkit = additive ? (JtokkitTokenCounter) settings.counter() : null;
        this.boundaryDelta = additive
                ? jtokkit.countHex(boundary) - fixed(REFERENCE_BOUNDARY)
                : 0;
    }

    /** Returns whether the rendering is counted from its parts (true for the built-in counters). */
    boolean additive() {
        return additive;
    }

    /**
     * Returns the count of {@code render(boundary)}, where the boundary occurs {@code occurrences} times: a label line
     * that names a source.
     */
    int withBoundary(UnaryOperator<String> render, int occurrences) {
        if (!additive) {
            return settings.countUncached(render.apply(boundary));
        }
        return label(render.apply(REFERENCE_BOUNDARY)) + occurrences * boundaryDelta;
    }

    /** Returns the count of a label line without the boundary (a trusted block's label). */
    int plain(String text) {
        return additive ? label(text) : settings.countUncached(text);
    }

    /** Returns the count of the standing instruction, followed by a separator when {@code separated}. */
    int header(boolean separated) {
        if (!additive) {
            return settings.countUncached(Fences.header(boundary) + (separated ? Packer.SEPARATOR : ""));
        }
        return fixed(separated ? REFERENCE_HEADER_SEPARATED : REFERENCE_HEADER) + 2 * boundaryDelta;
    }

    /** Returns the count of a closing fence line after a line end (what a fenced block adds after its content). */
    int lineEndAndClose() {
        return additive ? fixed(REFERENCE_LINE_END_CLOSE) + boundaryDelta
                : settings.countUncached("\n" + Fences.closeLine(boundary));
    }

    /** Returns the count of a closing fence line followed by a separator when {@code separated}. */
    int close(boolean separated) {
        if (!additive) {
            return settings.countUncached(Fences.closeLine(boundary) + (separated ? Packer.SEPARATOR : ""));
        }
        return fixed(separated ? REFERENCE_CLOSE_SEPARATED : REFERENCE_CLOSE) + boundaryDelta;
    }

    /** Returns the count of a fenced block's opening line with the line end after it. */
    int openLine(String renderId, String note) {
        if (additive && note.isEmpty()) {
            Integer counted = openLines.get(renderId);
            if (counted != null) {
                return counted + boundaryDelta;
            }
            String id = Fences.escape(renderId);
            if (splitsAround(id)) {
                String text = OPEN_PREFIX + id + OPEN_SUFFIX;
                Integer known = labels.get(text);
                if (known == null) {
                    known = settings.counts().get(TEMPLATE_KEY + text,
                            k -> fixed(OPEN_PREFIX) + settings.countUncached(id) + fixed(OPEN_SUFFIX));
                    labels.put(text, known);
                }
                openLines.put(renderId, known);
                return known + boundaryDelta;
            }
        }
        return withBoundary(b -> Fences.openLine(renderId, b, note) + "\n", 1);
    }

    /** Returns the count of a trusted block's label line with the line end after it. */
    int trustedLabel(String renderId, String note) {
        String text = Fences.trustedLabel(renderId, note) + "\n";
        if (additive && note.isEmpty()) {
            String id = Fences.escape(renderId);
            if (splitsAround(id)) {
                Integer known = labels.get(text);
                if (known == null) {
                    known = settings.counts().get(TEMPLATE_KEY + text,
                            k -> fixed(TRUSTED_PREFIX) + settings.countUncached(" " + id) + fixed(TRUSTED_SUFFIX));
                    labels.put(text, known);
                }
                return known;
            }
        }
        return plain(text);
    }

    /**
     * Whether a label's (escaped) id starts and ends with an ASCII letter or digit: the pre-tokenizers of o200k and
     * cl100k then start a piece at the id's first character (the piece before is {@code ="}, or {@code :} before
     * the space that joins the id) and at the character after its last (a quote or bracket after a letter or
     * digit), so the line counts as the text before the id, the id and the text after it, each counted alone.
     */
    private static boolean splitsAround(String id) {
        return !id.isEmpty() && isAsciiLetterOrDigit(id.charAt(0)) && isAsciiLetterOrDigit(id.charAt(id.length() - 1));
    }

    /** Returns the count of a fixed text of the layout without the boundary (a separator). */
    int fixedPlain(String text) {
        return additive ? fixed(text) : settings.countUncached(text);
    }

    /**
     * The count of a label line without the real boundary: once per pack, and cached under a key no content digest
     * can take.
     */
    private int label(String text) {
        Integer known = labels.get(text);
        if (known == null) {
            known = settings.counts().get(TEMPLATE_KEY + text, k -> settings.countUncached(text));
            labels.put(text, known);
        }
        return known;
    }

    /** The count of a fixed text of the layout, once per encoding. Only when additive. */
    private int fixed(String text) {
        return text.isEmpty() ? 0 : jtokkit.countFixed(text);
    }

    /**
     * Returns the exact count of {@code Packer.render(blocks, boundary)}.
     */
    int total(List<Packer.Block> blocks) {
        if (!additive) {
            return settings.countUncached(Packer.render(blocks, boundary));
        }
        int total = 0;
        if (blocks.stream().anyMatch(Packer.Block::fenced)) {
            total += header(true);
        }
        for (int i = 0; i < blocks.size(); i++) {
            total += block(blocks.get(i), i == blocks.size() - 1);
        }
        return total;
    }

    /** The count of one block and the separator after it (none after the last). */
    private int block(Packer.Block b, boolean last) {
        String after = last ? "" : Packer.SEPARATOR;
        String content = b.content();
        if (b.fenced()) {
            int close = close(!last);
            if (!startsPiece(content)) {
                return settings.countUncached(Fences.openLine(b.renderId(), boundary, b.note()) + "\n" + content + "\n")
                        + close;
            }
            return openLine(b.renderId(), b.note()) + withSuffix(b, "\n") + close;
        }
        String label = Fences.trustedLabel(b.renderId(), b.note()) + "\n";
        if (!startsPiece(content)) {
            return settings.countUncached(label + content + after);
        }
        return trustedLabel(b.renderId(), b.note()) + withSuffix(b, after);
    }

    /** The count of a block's content followed by {@code suffix}. */
    private int withSuffix(Packer.Block b, String suffix) {
        if (suffix.isEmpty()) {
            return b.contentTokens();
        }
        String content = b.content();
        int fast = endDelta(content, suffix);
        if (fast >= 0) {
            return b.contentTokens() + fast;
        }
        int delta = settings.counts().get(b.contentDigest() + SUFFIX_KEY + suffix, k -> suffixDelta(content,
                b.contentTokens(), suffix));
        return b.contentTokens() + delta;
    }

    /**
     * How many tokens the line ends of {@code suffix} add to a content that ends in an ASCII letter or digit (the
     * line ends' own count: they are a piece of their own) or in a run of at most {@value #MAX_RUN} ASCII punctuation
     * characters after an ASCII letter or digit (what they add to the run alone: the run and the line ends make one
     * piece, and the piece before the run ends at its letter or digit); -1 for any other content.
     */
    private int endDelta(String content, String suffix) {
        int n = content.length();
        char last = content.charAt(n - 1);
        if (isAsciiLetterOrDigit(last)) {
            return fixed(suffix);
        }
        int run = n;
        while (run > 0 && n - run < MAX_RUN && isAsciiPunctuation(content.charAt(run - 1))) {
            run--;
        }
        if (run == n || run == 0 || !isAsciiLetterOrDigit(content.charAt(run - 1))) {
            return -1;
        }
        String tail = content.substring(run);
        return fixed(tail + suffix) - fixed(tail);
    }

    /** How many tokens {@code suffix} adds to {@code content}, counting only the content's tail again. */
    private int suffixDelta(String content, int contentTokens, String suffix) {
        int tail = tailStart(content);
        if (tail == 0) {
            return settings.countUncached(content + suffix) - contentTokens;
        }
        String t = content.substring(tail);
        return settings.countUncached(t + suffix) - settings.countUncached(t);
    }

    /**
     * Returns the last position in the final {@value #MAX_TAIL} characters at which a piece always starts (before a
     * space between two ASCII letters, or before an ASCII letter after a line end); 0 when there is none.
     */
    static int tailStart(String content) {
        int low = Math.max(1, content.length() - MAX_TAIL);
        for (int i = content.length() - 2; i >= low; i--) {
            char c = content.charAt(i);
            if (c == ' ' && isAsciiLetter(content.charAt(i - 1)) && isAsciiLetter(content.charAt(i + 1))) {
                return i;
            }
            if (content.charAt(i - 1) == '\n' && isAsciiLetter(c)) {
                return i;
            }
        }
        return 0;
    }

    /** True when the piece that ends a label line ({@code ">\n} or {@code ]\n}) cannot reach into the content. */
    static boolean startsPiece(String content) {
        if (content.isEmpty()) {
            return false;
        }
        char c = content.charAt(0);
        return c != '\r' && c != '\n' && c != '/';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9');
    }

    /** Printable ASCII that is neither a letter, a digit nor a space. */
    private static boolean isAsciiPunctuation(char c) {
        return c > ' ' && c < 0x7f && !isAsciiLetterOrDigit(c);
    }

    private static boolean isHexBoundary(String boundary) {
        if (boundary.length() != REFERENCE_BOUNDARY.length()) {
            return false;
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
