package dev.arbiter.steering.intent.internal;

import dev.arbiter.core.FailureMode;
import dev.arbiter.core.RuleCheck;
import dev.arbiter.core.RuleCheck.Length.Unit;
import dev.arbiter.steering.intent.LintFinding;
import dev.arbiter.steering.intent.LintFinding.Severity;
import dev.arbiter.steering.intent.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds machine-checkable rules that no output can satisfy together. Only provable contradictions are errors.
 * Words are maximal runs of non-whitespace characters; characters count every character, spaces included; terms
 * match case-insensitively. Thread-safe.
 */
final class RuleConflicts {

    /** A check and the rule it belongs to. */
    private record Tagged(String rule, RuleCheck check) {}

    /** A bound and the rule that set it. */
    private record Bound(String rule, int value) {}

    private static final Pattern CONTEXT_DEPENDENT =
            Pattern.compile("\\^|\\$|\\\\[bBAzZG]|\\(\\?<?[=!]");
    private static final Pattern CASE_INSENSITIVE_FLAG = Pattern.compile("^\\(\\?[a-zA-Z]*i[a-zA-Z]*[):]");
    private static final Pattern LITERAL = Pattern.compile("[\\p{L}\\p{N} _'-]+");

    private RuleConflicts() {}

    static void find(List<Rule> rules, List<LintFinding> out) {
        List<Tagged> all = new ArrayList<>();
        rules.forEach(r -> r.checks().forEach(k -> all.add(new Tagged(r.id(), k))));
        Bound minWords = lower(all, Unit.WORDS);
        Bound maxWords = upper(all, Unit.WORDS);
        Bound minChars = lower(all, Unit.CHARACTERS);
        Bound maxChars = upper(all, Unit.CHARACTERS);
        if (minWords.value() > maxWords.value()) {
            conflict(out, "at least " + minWords.value() + " words are required but at most " + maxWords.value()
                    + " are allowed", minWords.rule(), maxWords.rule());
        }
        if (minChars.value() > maxChars.value()) {
            conflict(out, "at least " + minChars.value() + " characters are required but at most "
                    + maxChars.value() + " are allowed", minChars.rule(), maxChars.rule());
        }
        if (minWords.value() > 0 && maxChars.value() < 2L * minWords.value() - 1) {
            conflict(out, minWords.value() + " words need at least " + (2L * minWords.value() - 1)
                    + " characters (one per word and a space between words) but at most " + maxChars.value()
                    + " characters are allowed", minWords.rule(), maxChars.rule());
        }
        distinct(out, all, RuleCheck.Language.class, "languages");
        distinct(out, all, RuleCheck.Format.class, "formats");
        terms(out, all, maxWords, maxChars);
        regexes(out, all);
    }

    private static void terms(List<LintFinding> out, List<Tagged> all, Bound maxWords, Bound maxChars) {
        for (Tagged req : all) {
            for (String term : required(req.check())) {
                if (term.length() > maxChars.value()) {
                    conflict(out, "required term '" + term + "' has " + term.length() + " characters but at most "
                            + maxChars.value() + " are allowed", req.rule(), maxChars.rule());
                }
                int words = term.strip().split("\\s+").length;
                if (words > maxWords.value()) {
                    conflict(out, "required term '" + term + "' has " + words + " words but at most "
                            + maxWords.value() + " are allowed", req.rule(), maxWords.rule());
                }
                for (Tagged forb : all) {
                    if (!(forb.check() instanceof RuleCheck.ForbiddenTerms f)) continue;
                    for (String banned : f.terms()) {
                        if (term.equalsIgnoreCase(banned)) {
                            conflict(out, "'" + term + "' is both required and forbidden", req.rule(), forb.rule());
                        } else if (containsWord(term, banned)) {
                            conflict(out, "required term '" + term + "' contains the forbidden term '" + banned + "'",
                                    req.rule(), forb.rule());
                        }
                    }
                }
                forbiddenByRegex(out, all, req.rule(), term);
            }
        }
    }

    private static void forbiddenByRegex(List<LintFinding> out, List<Tagged> all, String rule, String term) {
        for (Tagged t : all) {
            if (!(t.check() instanceof RuleCheck.MustNotMatch m)) continue;
            if (CONTEXT_DEPENDENT.matcher(m.regex()).find()) continue;
            java.util.regex.Matcher found = Pattern.compile(m.regex()).matcher(term);
            if (!found.find()) continue;
            String matched = found.group();
            boolean caseless = matched.toLowerCase(Locale.ROOT).equals(matched.toUpperCase(Locale.ROOT));
            if (caseless || CASE_INSENSITIVE_FLAG.matcher(m.regex()).find()) {
                conflict(out, "required term '" + term + "' matches the forbidden pattern /" + m.regex() + "/",
                        rule, t.rule());
            } else {
                out.add(new LintFinding(Severity.WARNING, FailureMode.CONSTRAINT_CONFLICT, subjects(rule, t.rule()),
                        "required term '" + term + "', written as given, matches the forbidden pattern /"
                                + m.regex() + "/ (only other casings of it can pass)"));
            }
        }
    }

    private static void regexes(List<LintFinding> out, List<Tagged> all) {
        for (Tagged a : all) {
            if (!(a.check() instanceof RuleCheck.MustMatch must)) continue;
            for (Tagged b : all) {
                if (b.check() instanceof RuleCheck.MustNotMatch not && not.regex().equals(must.regex())) {
                    conflict(out, "/" + must.regex() + "/ must both match and not match", a.rule(), b.rule());
                }
            }
        }
    }

    /** Returns the terms a check forces into the output: required terms, and a mustMatch regex that is a literal. */
    private static List<String> required(RuleCheck check) {
        if (check instanceof RuleCheck.RequiredTerms r) return r.terms();
        if (check instanceof RuleCheck.MustMatch m && LITERAL.matcher(m.regex()).matches()) return List.of(m.regex());
        return List.of();
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text).find();
    }

    private static <T extends RuleCheck> void distinct(List<LintFinding> out, List<Tagged> all, Class<T> kind,
            String what) {
        Map<String, String> firstRuleByValue = new LinkedHashMap<>();
        for (Tagged t : all) {
            if (kind.isInstance(t.check())) firstRuleByValue.putIfAbsent(t.check().describe(), t.rule());
        }
        if (firstRuleByValue.size() > 1) {
            conflict(out, "the output can have only one of these " + what + ": "
                    + String.join(", ", firstRuleByValue.keySet()), firstRuleByValue.values().toArray(String[]::new));
        }
    }

    private static Bound lower(List<Tagged> all, Unit unit) {
        Bound best = new Bound("", 0);
        for (Tagged t : all) {
            if (t.check() instanceof RuleCheck.Length l && l.unit() == unit && l.min() > best.value()) {
                best = new Bound(t.rule(), l.min());
            }
        }
        return best;
    }

    private static Bound upper(List<Tagged> all, Unit unit) {
        Bound best = new Bound("", Integer.MAX_VALUE);
        for (Tagged t : all) {
            if (t.check() instanceof RuleCheck.Length l && l.unit() == unit && l.max() < best.value()) {
                best = new Bound(t.rule(), l.max());
            }
        }
        return best;
    }

    private static void conflict(List<LintFinding> out, String message, String... rules) {
        out.add(new LintFinding(Severity.ERROR, FailureMode.CONSTRAINT_CONFLICT, subjects(rules), message));
    }

    private static List<String> subjects(String... rules) {
        List<String> s = new ArrayList<>();
        for (String r : rules) {
            if (!r.isEmpty() && !s.contains(r)) s.add(r);
        }
        return s;
    }
}
