package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.steering.context.InjectionDetector;
import dev.arbiter.steering.context.InjectionRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lead scanner's automaton finds exactly what the scanner before it ({@link LeadScannerReference}: the anchors'
 * Aho–Corasick automaton, a trie walk at each word start, tables of start characters) found: the same last anchor
 * and the same candidate starts for every rule, on a normalised view, and on an ASCII text read as it is against
 * its lower-cased copy.
 */
class LeadScannerTest {

    private static final List<List<String>> ANCHORS = new ArrayList<>();
    private static final List<RuleStarts> STARTS = new ArrayList<>();
    private static final List<String> PIECES = new ArrayList<>();

    static {
        for (InjectionRule r : InjectionDetector.standard().rules()) {
            RuleStarts s = StandardInjectionRules.starts(r);
            if (s != null && r.input() == InjectionRule.Input.NORMALIZED) {
                ANCHORS.add(r.anchors());
                STARTS.add(s);
                PIECES.addAll(r.anchors());
                PIECES.addAll(s.words());
                for (String chars : List.of(s.at(), s.after(), s.afterSpaced())) {
                    chars.chars().forEach(c -> PIECES.add(String.valueOf((char) c)));
                }
            }
        }
        PIECES.addAll(List.of(" ", " ", "  ", "\t", "\n", "\r\n", "\u000B", "\f", "_", "0", "7", "x", "q", "Z", "the",
                "total", "invoice", "pending", "closed", "\u2022", "\u2028", "\u0085", "\u00E9", "\uFF29", "\u200B",
                "\uDB40\uDC41", "\u00A0", ". ", ".\n", "!  ", "<|", "|>", "a.i.", "e-mail", "inst]", "sys>>"));
    }

    private static final LeadScanner SCANNER = new LeadScanner(ANCHORS, STARTS);
    private static final LeadScannerReference REFERENCE = new LeadScannerReference(ANCHORS, STARTS);

    @Test
    void findsWhatTheScannerBeforeFound() {
        SplittableRandom random = new SplittableRandom(20261121);
        int ascii = 0;
        int starts = 0;
        for (int t = 0; t < 20_000; t++) {
            String text = text(random);
            String view = NormalizedText.of(text).text();
            LeadScannerReference.Result expected = REFERENCE.scan(view);
            assertSame(SCANNER.scan(view), expected, view);
            LeadScanner.Result original = SCANNER.scanAscii(text.toCharArray());
            if (text.chars().allMatch(c -> c < 0x80)) {
                ascii++;
                assertThat(original).as("ASCII text %s", text).isNotNull();
                assertSame(original, expected, text);
            } else {
                assertThat(original).as("non-ASCII text %s", text).isNull();
            }
            for (int r = 0; r < ANCHORS.size(); r++) {
                starts += expected.starts(r).length;
            }
        }
        assertThat(ascii).isGreaterThan(5_000);
        assertThat(starts).isGreaterThan(100_000);
    }

    /**
     * Texts long enough to be scanned as two halves at once (the second half's state warmed up from before the
     * middle), of every length around the threshold and with non-ASCII characters near the middle.
     */
    @Test
    void findsWhatTheScannerBeforeFoundInLongTexts() {
        SplittableRandom random = new SplittableRandom(4242);
        for (int t = 0; t < 3_000; t++) {
            String text = text(random, 4_000, 1_000);
            if (t % 3 == 0 && text.length() > 4) {
                int mid = text.length() / 2 + random.nextInt(41) - 20;
                mid = Math.max(0, Math.min(text.length(), mid));
                text = text.substring(0, mid) + (random.nextBoolean() ? "\u2022 " : "\u00E9") + text.substring(mid);
            }
            for (String s : List.of(text, text.substring(0, Math.min(text.length(), t % 120)))) {
                String view = NormalizedText.of(s).text();
                LeadScannerReference.Result expected = REFERENCE.scan(view);
                assertSame(SCANNER.scan(view), expected, view);
                LeadScanner.Result original = SCANNER.scanAscii(s.toCharArray());
                if (s.chars().allMatch(c -> c < 0x80)) {
                    assertSame(original, expected, s);
                } else {
                    assertThat(original).isNull();
                }
            }
        }
    }

    @Test
    void emptyAndOneCharacterTexts() {
        for (char c = 0; c < 0x3000; c++) {
            for (String text : List.of("", String.valueOf(c), c + " ", " " + c, c + "to", "end" + c)) {
                String view = NormalizedText.of(text).text();
                assertSame(SCANNER.scan(view), REFERENCE.scan(view), view);
            }
        }
    }

    private static void assertSame(LeadScanner.Result actual, LeadScannerReference.Result expected, String text) {
        for (int r = 0; r < ANCHORS.size(); r++) {
            assertThat(actual.lastAnchor(r)).as("last anchor of rule %d in %s", r, text)
                    .isEqualTo(expected.lastAnchor(r));
            int[] e = expected.starts(r);
            assertThat(actual.hasStarts(r)).as("rule %d has starts in %s", r, text).isEqualTo(e.length > 0);
            assertThat(actual.starts(r)).as("starts of rule %d in %s", r, text).isEqualTo(e);
        }
    }

    private static String text(SplittableRandom random) {
        return text(random, 400, 60);
    }

    private static String text(SplittableRandom random, int maxLength, int maxPieces) {
        StringBuilder sb = new StringBuilder();
        boolean asciiOnly = random.nextInt(2) == 0;
        int n = random.nextInt(maxPieces);
        while (sb.length() < maxLength && n-- > 0) {
            String p;
            switch (random.nextInt(6)) {
                case 0:
                    p = String.valueOf((char) random.nextInt(128));
                    break;
                case 1:
                    p = String.valueOf((char) (0x80 + random.nextInt(0x2100)));
                    break;
                default:
                    p = PIECES.get(random.nextInt(PIECES.size()));
                    break;
            }
            int cas = random.nextInt(6);
            if (cas == 0) {
                p = p.toUpperCase(Locale.ROOT);
            } else if (cas == 1 && !p.isEmpty()) {
                p = Character.toUpperCase(p.charAt(0)) + p.substring(1);
            }
            if (asciiOnly && !p.chars().allMatch(c -> c < 0x80)) {
                continue;
            }
            if (random.nextInt(3) == 0 && p.length() > 2) {
                p = p.substring(0, 1 + random.nextInt(p.length() - 1)); // a literal cut short
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
