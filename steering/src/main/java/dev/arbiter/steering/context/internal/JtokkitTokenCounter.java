package dev.arbiter.steering.context.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.arbiter.steering.context.TokenCounter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenCounter} over one jtokkit encoding. Thread-safe (jtokkit encodings are).
 */
public final class JtokkitTokenCounter implements TokenCounter {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    /** The o200k_base counter. */
    public static final JtokkitTokenCounter O200K_BASE = new JtokkitTokenCounter(EncodingType.O200K_BASE);
    /** The cl100k_base counter. */
    public static final JtokkitTokenCounter CL100K_BASE = new JtokkitTokenCounter(EncodingType.CL100K_BASE);

    /** Model id prefixes (after any provider prefix) that use o200k_base. */
    private static final List<String> O200K_PREFIXES =
            List.of("gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "gpt-oss", "o1", "o3", "o4");

    /** At most this many fixed texts are remembered per encoding; past it they are counted each time. */
    static final int MAX_FIXED = 4_096;

    private final EncodingType type;
    private final Encoding encoding;
    private final ConcurrentHashMap<String, Integer> fixed = new ConcurrentHashMap<>();
    /**
     * Counts of the pieces of lower-case hex runs, up to {@value #MAX_HEX_PIECE} characters, by {@link #hexCode}; 0
     * where a piece was not counted yet (every piece is at least one token). Written without a lock: a slot only ever
     * holds its piece's count, and a thread that does not see it yet counts the piece again.
     */
    private final int[] hexCounts = new int[HEX_CODES];

    /** The longest piece of a hex run whose count is remembered; longer ones (rare in random hex) are counted. */
    static final int MAX_HEX_PIECE = 4;
    /** Where the codes of digit pieces of one, two and three digits start. */
    private static final int[] DIGIT_CODES = {0, 0, 10, 110};
    /** Where the codes of letter pieces of one to four letters start, after the 1,110 digit pieces. */
    private static final int[] LETTER_CODES = {0, 1_110, 1_116, 1_152, 1_368};
    /** The hex pieces whose counts are remembered: 10 + 100 + 1,000 digit pieces, 6 + 36 + 216 + 1,296 letter ones. */
    static final int HEX_CODES = 2_664;

    /** Every this many pieces, a text whose pieces were mostly not remembered is handed to jtokkit whole. */
    static final int CHECK_EVERY = 64;
    /** A table that holds this many pieces knows a vocabulary: texts mostly new to it go to jtokkit whole. */
    static final int MATURE = 2_048;
    /** The longest piece whose count is remembered; longer ones (long runs of symbols or spaces) are counted. */
    static final int MAX_PIECE = 24;
    /** The slots of the table of remembered pieces (a power of two). */
    static final int PIECE_SLOTS = 1 << 15;
    /** The pieces the table holds before it is replaced by an empty one (three quarters of its slots). */
    static final int MAX_PIECES = PIECE_SLOTS / 4 * 3;

    /** True for o200k_base, whose text is split here; jtokkit splits cl100k_base with its own hand-written parser. */
    private final boolean split;
    /** The remembered pieces; replaced whole when full (a racy field: any table a thread sees is consistent). */
    private Piece[] pieces;
    /** How many pieces the current table holds (racy: it only decides when to start a new table). */
    private int remembered;

    private JtokkitTokenCounter(EncodingType type) {
        this.type = type;
        this.encoding = REGISTRY.getEncoding(type);
        this.split = type == EncodingType.O200K_BASE;
        this.pieces = split ? new Piece[PIECE_SLOTS] : null;
    }

    /**
     * Returns a new counter with its own empty tables, for measuring a cold start: {@link #O200K_BASE} and
     * {@link #CL100K_BASE} are shared by every assembler of the JVM, so their remembered pieces stay warm.
     */
    public static JtokkitTokenCounter unshared(EncodingType type) {
        if (type != EncodingType.O200K_BASE && type != EncodingType.CL100K_BASE) {
            throw new IllegalArgumentException("only o200k_base and cl100k_base are offered, not " + type.getName());
        }
        return new JtokkitTokenCounter(type);
    }

    /** Returns the counter for the model's family: o200k_base or cl100k_base (exact or approximate). */
    public static JtokkitTokenCounter forModel(String modelId) {
        return encodingFor(modelId) == EncodingType.O200K_BASE ? O200K_BASE : CL100K_BASE;
    }

    /** Returns the encoding used for the model id; cl100k_base for every family not known to use o200k_base. */
    static EncodingType encodingFor(String modelId) {
        String id = modelId.strip().toLowerCase(Locale.ROOT);
        int slash = id.lastIndexOf('/');
        if (slash >= 0) {
            id = id.substring(slash + 1);
        }
        for (String prefix : O200K_PREFIXES) {
            if (id.startsWith(prefix) && isFamilyEnd(id, prefix.length())) {
                return EncodingType.O200K_BASE;
            }
        }
        return EncodingType.CL100K_BASE;
    }

    /** True when the prefix ends the id or is not followed by a digit ("o1-mini", "gpt-5.1" match; "o10" does not). */
    private static boolean isFamilyEnd(String id, int at) {
        return at == id.length() || !Character.isDigit(id.charAt(at));
    }

    @Override
    public int count(String text) {
        if (!split) {
            return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
        }
        int n = text.length();
        int total = 0;
        int i = 0;
        int seen = 0;
        int missed = 0;
        while (i < n) {
            int end = O200kSplit.end(text, i);
            int count = piece(text, i, end);
            if (count < 0) {
                missed++;
                count = -count;
            }
            total += count;
            i = end;
            // Text whose pieces are mostly new to a table that already knows a vocabulary (random identifiers,
            // another language) is counted faster by jtokkit alone than piece by piece: hand it the rest. Its split
            // from a piece's end on is the rest of the text's split, so the sum is the same. A young table (a cold
            // start) keeps learning instead.
            if (++seen % CHECK_EVERY == 0 && missed * 2 > CHECK_EVERY && i < n && remembered >= MATURE) {
                return total + encoding.countTokensOrdinary(text.substring(i));
            }
            if (seen % CHECK_EVERY == 0) {
                missed = 0;
            }
        }
        return total;
    }

    /** The jtokkit encoding (for tests that compare against its split expression). */
    Encoding encoding() {
        return encoding;
    }

    /** jtokkit's own count of the text, without the hand-written split or the remembered pieces. */
    int countWithJtokkit(String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /**
     * Returns the token count of one piece of the split, {@code text[start, end)}. The byte-pair encoding of a piece
     * depends on its bytes alone, and a piece split again on its own is that one piece, so jtokkit's count of the
     * piece alone is its count in the text. Pieces of up to {@value #MAX_PIECE} chars are remembered in an
     * open-addressing table of {@value #PIECE_SLOTS} slots; when it holds {@value #MAX_PIECES} pieces it is replaced
     * by an empty one, so it keeps the recent vocabulary and never grows. The table is read and written without a
     * lock: a {@link Piece} is immutable, so a reader sees a slot empty or holding a whole piece; two threads that
     * fill one slot at once leave one of their pieces, the other is counted again the next time.
     *
     * @return the count, negated when the piece was not remembered (every piece has at least one token)
     */
    private int piece(String text, int start, int end) {
        int length = end - start;
        if (length > MAX_PIECE) {
            return -encoding.countTokensOrdinary(text.substring(start, end));
        }
        int h = length;
        for (int k = start; k < end; k++) {
            h = 31 * h + text.charAt(k);
        }
        Piece[] table = pieces;
        int mask = table.length - 1;
        int slot = (h * 0x9E3779B9) >>> 17 & mask;
        Piece known;
        while ((known = table[slot]) != null) {
            if (known.hash == h && known.text.length() == length && text.regionMatches(start, known.text, 0, length)) {
                return known.count;
            }
            slot = (slot + 1) & mask;
        }
        String piece = text.substring(start, end);
        int count = encoding.countTokensOrdinary(piece);
        if (++remembered > MAX_PIECES) {
            pieces = new Piece[PIECE_SLOTS];
            remembered = 0;
        } else {
            table[slot] = new Piece(piece, h, count);
        }
        return -count;
    }

    /** One remembered piece and its count. */
    private static final class Piece {
        final String text;
        final int hash;
        final int count;

        Piece(String text, int hash, int count) {
            this.text = text;
            this.hash = hash;
            this.count = count;
        }
    }

    /**
     * Returns the count of one of the context layout's fixed texts (the standing instruction and closing line with
     * the reference boundary, separators, short punctuation runs with line ends), remembered for the life of the
     * counter whatever the assembler's cache size: they are facts of the encoding, not of any content, and a
     * fresh assembly would otherwise count them again on every call. At most {@value #MAX_FIXED} are kept.
     */
    int countFixed(String text) {
        Integer known = fixed.get(text);
        if (known != null) {
            return known;
        }
        int n = count(text);
        if (fixed.size() < MAX_FIXED) {
            fixed.putIfAbsent(text, n);
        }
        return n;
    }

    /**
     * Returns the count of a run of lower-case hex digits ({@code [0-9a-f]+}, such as a fence boundary) from the
     * remembered counts of its pieces. The split expressions of o200k_base and cl100k_base cut such a run into the
     * same pieces: each maximal run of letters is one piece, and each maximal run of digits is cut into pieces of
     * three from its start ({@code \p{N}{1,3}}); jtokkit encodes every piece on its own, so the run's count is the
     * sum of its pieces' counts. A random 32-digit run has about 16 pieces, nearly all of one to three characters,
     * so after the first few calls the count is a few table look-ups instead of a pass of the split expression.
     *
     * @throws IllegalArgumentException if the text holds anything but {@code 0-9} and {@code a-f}
     */
    int countHex(String hex) {
        int total = 0;
        int n = hex.length();
        int i = 0;
        while (i < n) {
            boolean digit = isDigit(hex.charAt(i), hex);
            int j = i + 1;
            while (j < n && isDigit(hex.charAt(j), hex) == digit && (!digit || j - i < 3)) {
                j++;
            }
            total += hexPiece(hex, i, j, digit);
            i = j;
        }
        return total;
    }

    private static boolean isDigit(char c, String hex) {
        if (c >= '0' && c <= '9') {
            return true;
        }
        if (c >= 'a' && c <= 'f') {
            return false;
        }
        throw new IllegalArgumentException("not lower-case hex: " + hex);
    }

    /** The count of the piece {@code hex[from, to)}, all digits or all letters, remembered when it is short. */
    private int hexPiece(String hex, int from, int to, boolean digits) {
        if (to - from > MAX_HEX_PIECE) {
            return count(hex.substring(from, to));
        }
        int code = hexCode(hex, from, to, digits);
        int known = hexCounts[code];
        if (known == 0) {
            known = count(hex.substring(from, to));
            hexCounts[code] = known;
        }
        return known;
    }

    /**
     * A number of its own for each hex piece of at most {@value #MAX_HEX_PIECE} characters, below {@link #HEX_CODES}:
     * a piece of one to three digits (the split never makes longer ones) or of one to four letters {@code a-f},
     * numbered within its length and kind, after the pieces of the shorter lengths.
     */
    static int hexCode(String hex, int from, int to, boolean digits) {
        int value = 0;
        if (digits) {
            for (int k = from; k < to; k++) {
                value = value * 10 + (hex.charAt(k) - '0');
            }
            return DIGIT_CODES[to - from] + value;
        }
        for (int k = from; k < to; k++) {
            value = value * 6 + (hex.charAt(k) - 'a');
        }
        return LETTER_CODES[to - from] + value;
    }

    @Override
    public String name() {
        return type.getName();
    }

    @Override
    public String toString() {
        return "JtokkitTokenCounter[" + type.getName() + "]";
    }
}
