package dev.arbiter.steering.context;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One heuristic for instruction-like text in untrusted content: a stable id, a description, and a pattern.
 *
 * <p>Patterns run either on a normalised view of the text ({@link Input#NORMALIZED}: each code point folded to its
 * Unicode compatibility form and lower-cased, so full-width and upper-case letters match; invisible format
 * characters removed, so {@code ig\u200Bnore} matches {@code ignore}) or on the raw text ({@link Input#RAW}, for rules
 * about the invisible characters themselves). Spans are always reported in the raw text. Patterns should be bounded
 * (no unbounded nested repetition) because they run on text from anyone.
 *
 * <p>Anchors make scanning cheap: literals of which every match of the pattern contains at least one (lower-case
 * for the normalised view). The pattern runs only on texts that contain an anchor; a rule without anchors always
 * runs. An anchor list that misses a literal some match needs makes the rule miss that match. Immutable and
 * thread-safe.
 *
 * @param id the stable id reported in flags, e.g. {@code ignore-instructions}
 * @param description what the rule looks for, for people
 * @param pattern the pattern
 * @param input which view of the text the pattern runs on
 * @param anchors literals of which every match contains one; empty to always run the pattern
 */
public record InjectionRule(String id, String description, Pattern pattern, Input input, List<String> anchors) {

    public InjectionRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(input, "input");
        anchors = List.copyOf(anchors);
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("injection rule id must be lower-case words joined by '-': " + id);
        }
        for (String anchor : anchors) {
            if (anchor.isEmpty() || (input == Input.NORMALIZED && !anchor.equals(anchor.toLowerCase(Locale.ROOT)))) {
                throw new IllegalArgumentException("anchor '" + anchor + "' of injection rule '" + id
                        + "' must be non-empty" + (input == Input.NORMALIZED ? " and lower-case" : ""));
            }
        }
    }

    /**
     * Returns a rule on the normalised (lower-cased) text; the regex is compiled case-insensitive, so it may be
     * written in any case.
     */
    public static InjectionRule of(String id, String description, String regex, String... anchors) {
        return new InjectionRule(id, description, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), Input.NORMALIZED,
                List.of(anchors));
    }

    /** Returns whether the text (in this rule's view) contains one of the anchors, or there are none. */
    public boolean mayMatch(String text) {
        if (anchors.isEmpty()) {
            return true;
        }
        for (String anchor : anchors) {
            if (text.contains(anchor)) {
                return true;
            }
        }
        return false;
    }

    /** Which view of the text a rule's pattern runs on. */
    public enum Input {
        /** NFKC-folded and lower-cased per code point, with invisible format characters (category Cf) removed. */
        NORMALIZED,
        /** The text exactly as given. */
        RAW
    }
}
