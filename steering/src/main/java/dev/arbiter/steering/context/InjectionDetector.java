package dev.arbiter.steering.context;

import dev.arbiter.steering.context.internal.NormalizedText;
import dev.arbiter.steering.context.internal.StandardInjectionRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * Finds instruction-like text in untrusted content with a list of {@link InjectionRule}s: heuristics, not a
 * security boundary. What it finds is flagged in the {@link ContextManifest}; nothing is removed, and the text
 * stays fenced as data whatever the flags say.
 *
 * <p>{@link #standard()} holds the built-in rules (their ids and descriptions are listed by {@link #rules()} and
 * in {@code docs/steering.md, "Context assembly"}). Immutable and thread-safe.
 *
 * <pre>{@code
 * List<InjectionFlag> flags = InjectionDetector.standard().scan(webPage);
 * }</pre>
 */
public final class InjectionDetector {

    private static final int MAX_EXCERPT = 120;
    private static final InjectionDetector STANDARD = new InjectionDetector(StandardInjectionRules.all());

    private final List<InjectionRule> rules;

    private InjectionDetector(List<InjectionRule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> ids = new HashSet<>();
        for (InjectionRule r : this.rules) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("injection rule id '" + r.id() + "' is used twice");
            }
        }
    }

    /** Returns the detector with the built-in rules. */
    public static InjectionDetector standard() {
        return STANDARD;
    }

    /**
     * Returns a detector with exactly the given rules (e.g. the standard ones plus your own).
     *
     * @throws IllegalArgumentException if two rules share an id
     */
    public static InjectionDetector of(List<InjectionRule> rules) {
        return new InjectionDetector(rules);
    }

    /** Returns the rules, in the order they run. */
    public List<InjectionRule> rules() {
        return rules;
    }

    /**
     * Returns every match of every rule in the text, ordered by start offset, then rule order.
     *
     * @param text the untrusted content
     * @return the flags, with spans in {@code text}; empty when nothing matched
     */
    public List<InjectionFlag> scan(String text) {
        @Nullable NormalizedText normalized = null; // made when the first rule on the normalised text needs it
        List<InjectionFlag> flags = new ArrayList<>();
        for (InjectionRule rule : rules) {
            boolean raw = rule.input() == InjectionRule.Input.RAW;
            if (!raw && normalized == null) {
                normalized = NormalizedText.of(text);
            }
            String view = raw ? text : normalized.text();
            if (!rule.mayMatch(view)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(view);
            while (m.find()) {
                if (m.end() == m.start()) {
                    continue;
                }
                int start = raw ? m.start() : normalized.originalStart(m.start());
                int end = raw ? m.end() : normalized.originalEnd(m.end());
                flags.add(new InjectionFlag(rule.id(), start, end, excerpt(text.substring(start, end))));
            }
        }
        flags.sort(Comparator.comparingInt(InjectionFlag::start));
        return List.copyOf(flags);
    }

    private static String excerpt(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_EXCERPT ? oneLine : oneLine.substring(0, MAX_EXCERPT - 1) + "…";
    }

    @Override
    public String toString() {
        return "InjectionDetector" + rules.stream().map(InjectionRule::id).toList();
    }
}
