package dev.arbiter.authority.verify.internal;

import dev.arbiter.authority.verify.Location;
import dev.arbiter.core.RuleCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one {@link RuleCheck} against an output text. Terms match case-insensitively, as whole words where the term
 * begins or ends with a letter or digit ("art" does not match "start"; "C++" matches "C++"), with any white space
 * between a term's words. Regular expressions run with a bound on the work they may do. Thread-safe.
 */
public final class RuleEvaluator {

    private RuleEvaluator() {}

    /** Returns whether the text keeps the rule. */
    public static RuleOutcome check(RuleCheck rule, String text) {
        if (rule instanceof RuleCheck.Length) {
            return length((RuleCheck.Length) rule, text);
        } else if (rule instanceof RuleCheck.Language) {
            return LanguageDetector.check(text, ((RuleCheck.Language) rule).code());
        } else if (rule instanceof RuleCheck.RequiredTerms) {
            return required(((RuleCheck.RequiredTerms) rule).terms(), text);
        } else if (rule instanceof RuleCheck.ForbiddenTerms) {
            return forbidden(((RuleCheck.ForbiddenTerms) rule).terms(), text);
        } else if (rule instanceof RuleCheck.Format) {
            return TextFormats.check(text, ((RuleCheck.Format) rule).format());
        } else if (rule instanceof RuleCheck.MustMatch) {
            return mustMatch(((RuleCheck.MustMatch) rule).regex(), text);
        } else {
            return mustNotMatch(((RuleCheck.MustNotMatch) rule).regex(), text);
        }
    }

    /**
     * Returns the number of words (white-space separated runs with a letter or digit) in the text. One pass: the
     * regular expression this replaces ({@code \S*[\p{L}\p{N}]\S*}) backtracked over every run without a
     * letter from each of its characters, so 600,000 characters of {@code {},{},…} took minutes.
     */
    public static int words(String text) {
        int n = 0;
        boolean inRun = false;
        boolean counted = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isSpace(c)) {
                inRun = false;
                continue;
            }
            if (!inRun) {
                inRun = true;
                counted = false;
            }
            if (!counted && (Character.isLetter(c) || isNumber(c))) {
                counted = true;
                n++;
            }
        }
        return n;
    }

    /** The white space of {@code \s} in a java.util.regex pattern without UNICODE_CHARACTER_CLASS. */
    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** The characters of {@code \p{N}}. */
    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static RuleOutcome length(RuleCheck.Length rule, String text) {
        boolean inWords = rule.unit() == RuleCheck.Length.Unit.WORDS;
        int n = inWords ? words(text) : text.codePointCount(0, text.length());
        String unit = inWords ? "words" : "characters";
        if (n < rule.min()) {
            return new RuleOutcome.Broken(Location.whole(), "output has " + n + " " + unit + "; at least " + rule.min() + " required",
                    "Lengthen the output to at least " + rule.min() + " " + unit + " (it has " + n + ").");
        }
        if (n > rule.max()) {
            return new RuleOutcome.Broken(Location.whole(), "output has " + n + " " + unit + "; at most " + rule.max() + " allowed",
                    "Shorten the output to at most " + rule.max() + " " + unit + " (it has " + n + ").");
        }
        return new RuleOutcome.Kept(n + " " + unit + ", " + rule.describe());
    }

    private static RuleOutcome required(List<String> terms, String text) {
        List<String> missing = new ArrayList<>();
        for (String term : terms) {
            if (!termPattern(term).matcher(BoundedCharSequence.of(text)).find()) {
                missing.add("'" + term + "'");
            }
        }
        if (missing.isEmpty()) {
            return new RuleOutcome.Kept("mentions " + terms);
        }
        return new RuleOutcome.Broken(Location.whole(), "output does not mention " + String.join(", ", missing),
                "Mention " + String.join(" and ", missing) + ".");
    }

    private static RuleOutcome forbidden(List<String> terms, String text) {
        List<String> found = new ArrayList<>();
        int first = -1;
        int firstEnd = -1;
        for (String term : terms) {
            Matcher m = termPattern(term).matcher(BoundedCharSequence.of(text));
            if (m.find()) {
                found.add("'" + term + "' (characters [" + m.start() + "," + m.end() + "))");
                if (first < 0 || m.start() < first) {
                    first = m.start();
                    firstEnd = m.end();
                }
            }
        }
        if (found.isEmpty()) {
            return new RuleOutcome.Kept("mentions none of " + terms);
        }
        return new RuleOutcome.Broken(Location.span(first, firstEnd), "output mentions forbidden "
                + (found.size() == 1 ? "term " : "terms ") + String.join(", ", found),
                "Remove every mention of " + String.join(" and ", found.stream().map(f -> f.substring(0, f.indexOf(" ("))).toList())
                        + " and rephrase without them.");
    }

    private static RuleOutcome mustMatch(String regex, String text) {
        if (Pattern.compile(regex).matcher(BoundedCharSequence.of(text)).find()) {
            return new RuleOutcome.Kept("matches /" + regex + "/");
        }
        return new RuleOutcome.Broken(Location.whole(), "output does not match /" + regex + "/",
                "Change the output so that it contains a match of the regular expression /" + regex + "/.");
    }

    private static RuleOutcome mustNotMatch(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(BoundedCharSequence.of(text));
        if (!m.find()) {
            return new RuleOutcome.Kept("does not match /" + regex + "/");
        }
        String matched = TextFormats.abbreviate(text.substring(m.start(), m.end()));
        return new RuleOutcome.Broken(Location.span(m.start(), m.end()),
                "output matches /" + regex + "/ at characters [" + m.start() + "," + m.end() + "): \"" + matched + "\"",
                "Remove or rephrase \"" + matched + "\": the output must not match /" + regex + "/.");
    }

    static Pattern termPattern(String term) {
        String t = term.strip();
        StringBuilder p = new StringBuilder();
        if (Character.isLetterOrDigit(t.codePointAt(0))) {
            p.append("(?<![\\p{L}\\p{N}])");
        }
        String[] parts = t.split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            p.append(i == 0 ? "" : "\\s+").append(Pattern.quote(parts[i]));
        }
        if (Character.isLetterOrDigit(t.codePointBefore(t.length()))) {
            p.append("(?![\\p{L}\\p{N}])");
        }
        return Pattern.compile(p.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
