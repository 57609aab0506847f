package dev.arbiter.steering.intent.internal;

import dev.arbiter.core.FailureMode;
import dev.arbiter.steering.intent.Definition;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.steering.intent.LintFinding;
import dev.arbiter.steering.intent.LintFinding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints a contract: missing parts and glossary problems (UNDERSPECIFIED) here, contradicting machine-checkable
 * rules (CONSTRAINT_CONFLICT) in {@link RuleConflicts}. Never throws: a check that fails unexpectedly becomes a
 * finding itself. Errors come first; otherwise findings keep the order in which they were found. Thread-safe.
 */
public final class ContractLinter {

    /** The words that introduce an inline redefinition inside parentheses, e.g. {@code invoice (meaning a bill)}. */
    static final String REDEFINITION_WORDS = "meaning|means|i\\.e\\.|ie|that is|defined as|here|=";

    private ContractLinter() {}

    /** Returns the findings, errors first. */
    public static List<LintFinding> lint(IntentContract c) {
        List<LintFinding> out = new ArrayList<>();
        try {
            missing(c, out);
            duplicateDefinitions(c, out);
            inlineRedefinitions(c, out);
            RuleConflicts.find(c.rules(), out);
        } catch (RuntimeException e) {
            out.add(new LintFinding(Severity.ERROR, FailureMode.UNDERSPECIFIED, List.of("contract"),
                    "lint could not finish (" + e + "); treat the contract as unchecked"));
        }
        List<LintFinding> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(LintFinding::severity));
        return List.copyOf(sorted);
    }

    private static void missing(IntentContract c, List<LintFinding> out) {
        if (c.purpose().isEmpty()) out.add(underspecified("purpose", "the contract states no purpose"));
        if (c.audience().isEmpty()) out.add(underspecified("audience", "the contract names no audience"));
        if (c.successCriteria().isEmpty()) {
            out.add(underspecified("successCriteria", "the contract has no success criteria"));
        }
    }

    private static void duplicateDefinitions(IntentContract c, List<LintFinding> out) {
        for (Map.Entry<String, List<Definition>> e : byTerm(c.definitions()).entrySet()) {
            List<Definition> defs = e.getValue();
            if (defs.size() < 2) continue;
            long meanings = defs.stream().map(d -> d.meaning().toLowerCase(Locale.ROOT)).distinct().count();
            String subject = "definitions/" + e.getKey();
            if (meanings > 1) {
                StringBuilder m = new StringBuilder("'" + defs.get(0).term() + "' is defined " + defs.size()
                        + " times with different meanings:");
                defs.forEach(d -> m.append(" '").append(d.meaning()).append("';"));
                m.setLength(m.length() - 1);
                out.add(new LintFinding(Severity.ERROR, FailureMode.UNDERSPECIFIED, List.of(subject), m.toString()));
            } else {
                out.add(new LintFinding(Severity.WARNING, FailureMode.UNDERSPECIFIED, List.of(subject),
                        "'" + defs.get(0).term() + "' is defined " + defs.size() + " times (with the same meaning)"));
            }
        }
    }

    private static void inlineRedefinitions(IntentContract c, List<LintFinding> out) {
        if (c.task().isEmpty()) return;
        for (Map.Entry<String, List<Definition>> e : byTerm(c.definitions()).entrySet()) {
            Matcher m = redefinition(e.getKey()).matcher(c.task());
            while (m.find()) {
                String inline = comparable(m.group(1));
                boolean agrees = e.getValue().stream().anyMatch(d -> comparable(d.meaning()).equals(inline));
                if (!agrees) {
                    out.add(new LintFinding(Severity.ERROR, FailureMode.UNDERSPECIFIED,
                            List.of("task", "definitions/" + e.getKey()),
                            "the task uses '" + e.getValue().get(0).term() + "' to mean '" + m.group(1).strip()
                                    + "' but the definitions say '" + e.getValue().get(0).meaning() + "'"));
                }
            }
        }
    }

    /** Returns the pattern of "TERM (meaning ...)" for a term, quotes around the term allowed. */
    static Pattern redefinition(String term) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])[\"'\u201c\u2018]?" + Pattern.quote(term)
                + "[\"'\u201d\u2019]?\\s*\\(\\s*(?:" + REDEFINITION_WORDS + ")\\s*[:,]?\\s*([^)]*)\\)",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String comparable(String meaning) {
        return Text.prose(meaning).toLowerCase(Locale.ROOT).replaceAll("[\\s.;:,!]+$", "");
    }

    private static Map<String, List<Definition>> byTerm(List<Definition> definitions) {
        Map<String, List<Definition>> out = new LinkedHashMap<>();
        for (Definition d : definitions) {
            out.computeIfAbsent(d.term().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(d);
        }
        return out;
    }

    private static LintFinding underspecified(String subject, String message) {
        return new LintFinding(Severity.ERROR, FailureMode.UNDERSPECIFIED, List.of(subject), message);
    }
}
