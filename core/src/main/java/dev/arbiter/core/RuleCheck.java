package dev.arbiter.core;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The machine-checkable form of a rule stated in words: how steering states a constraint to the model and how
 * authority checks that the output kept it. Steering and authority never import each other; they meet on this
 * type. A closed set of immutable records.
 *
 * <p>Example: the rule "Keep the summary under 100 words" carries {@code RuleCheck.length(Unit.WORDS, 0, 100)}.
 */
public sealed interface RuleCheck
        permits RuleCheck.Length, RuleCheck.Language, RuleCheck.RequiredTerms, RuleCheck.ForbiddenTerms,
                RuleCheck.Format, RuleCheck.MustMatch, RuleCheck.MustNotMatch {

    /** Returns the check in words, for findings and rendered instructions. */
    String describe();

    /** Returns a length bound. */
    static Length length(Length.Unit unit, int min, int max) {
        return new Length(unit, min, max);
    }

    /**
     * A bound on the output's length.
     *
     * @param unit words or characters
     * @param min the least allowed, {@code >= 0}
     * @param max the most allowed, {@code >= min}; {@link Integer#MAX_VALUE} for no upper bound
     */
    record Length(Unit unit, int min, int max) implements RuleCheck {
        /** What a length counts. */
        public enum Unit { WORDS, CHARACTERS }

        public Length {
            Objects.requireNonNull(unit, "unit");
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("length bounds must satisfy 0 <= min <= max, were " + min + ".." + max);
            }
        }

        @Override
        public String describe() {
            String u = unit.name().toLowerCase(java.util.Locale.ROOT);
            if (max == Integer.MAX_VALUE) return "at least " + min + " " + u;
            if (min == 0) return "at most " + max + " " + u;
            return "between " + min + " and " + max + " " + u;
        }
    }

    /**
     * The language the output must be written in.
     *
     * @param code an ISO 639-1 code such as {@code en} or {@code de}
     */
    record Language(String code) implements RuleCheck {
        public Language {
            Objects.requireNonNull(code, "code");
            if (!code.matches("[a-z]{2}")) {
                throw new IllegalArgumentException("language must be an ISO 639-1 code such as 'en', was '" + code + "'");
            }
        }

        @Override
        public String describe() {
            return "written in language '" + code + "'";
        }
    }

    /** Terms the output must contain (case-insensitive). */
    record RequiredTerms(List<String> terms) implements RuleCheck {
        public RequiredTerms {
            terms = nonEmptyTerms(terms);
        }

        @Override
        public String describe() {
            return "must mention " + terms;
        }
    }

    /** Terms the output must not contain (case-insensitive). */
    record ForbiddenTerms(List<String> terms) implements RuleCheck {
        public ForbiddenTerms {
            terms = nonEmptyTerms(terms);
        }

        @Override
        public String describe() {
            return "must not mention " + terms;
        }
    }

    /** The format the output must take. */
    record Format(OutputFormat format) implements RuleCheck {
        /** Output formats a rule can require. */
        public enum OutputFormat { JSON, MARKDOWN, PLAIN_TEXT }

        public Format {
            Objects.requireNonNull(format, "format");
        }

        @Override
        public String describe() {
            return "formatted as " + format.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** A regular expression the output must match somewhere. */
    record MustMatch(String regex) implements RuleCheck {
        public MustMatch {
            compile(regex);
        }

        @Override
        public String describe() {
            return "must match /" + regex + "/";
        }
    }

    /** A regular expression the output must not match anywhere. */
    record MustNotMatch(String regex) implements RuleCheck {
        public MustNotMatch {
            compile(regex);
        }

        @Override
        public String describe() {
            return "must not match /" + regex + "/";
        }
    }

    private static List<String> nonEmptyTerms(List<String> terms) {
        List<String> copy = List.copyOf(terms);
        if (copy.isEmpty() || copy.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("terms must be a non-empty list of non-blank terms, was " + terms);
        }
        return copy;
    }

    private static void compile(String regex) {
        Objects.requireNonNull(regex, "regex");
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regular expression: " + e.getMessage(), e);
        }
    }
}
