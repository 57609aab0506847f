package dev.arbiter.steering.context;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One heuristic for instruction-like text in untrusted content: a stable id, a description, and a pattern.
 *
 * <p>Patterns run either on a normalised view of the text ({@link Input#NORMALIZED}: Unicode compatibility
 * forms folded, so full-width letters match; invisible format characters removed, so {@code ig\u200Bnore} matches
 * {@code ignore}) or on the raw text ({@link Input#RAW}, for rules about the invisible characters themselves).
 * Spans are always reported in the raw text. Patterns should be bounded (no unbounded nested repetition) because
 * they run on text from anyone. Immutable and thread-safe.
 *
 * @param id the stable id reported in flags, e.g. {@code ignore-instructions}
 * @param description what the rule looks for, for people
 * @param pattern the pattern; compile it case-insensitive where case does not matter
 * @param input which view of the text the pattern runs on
 */
public record InjectionRule(String id, String description, Pattern pattern, Input input) {

    public InjectionRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(input, "input");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("injection rule id must be lower-case words joined by '-': " + id);
        }
    }

    /** Returns a rule on the normalised text whose regex is compiled case-insensitive (Unicode-aware). */
    public static InjectionRule of(String id, String description, String regex) {
        return new InjectionRule(id, description,
                Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), Input.NORMALIZED);
    }

    /** Which view of the text a rule's pattern runs on. */
    public enum Input {
        /** NFKC-folded, with invisible format characters (Unicode category Cf) removed. */
        NORMALIZED,
        /** The text exactly as given. */
        RAW
    }
}
