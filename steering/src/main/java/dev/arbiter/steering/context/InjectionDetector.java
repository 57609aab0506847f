package dev.arbiter.steering.context;

import dev.arbiter.steering.context.internal.LeadScanner;
import dev.arbiter.steering.context.internal.NormalizedText;
import dev.arbiter.steering.context.internal.RuleStarts;
import dev.arbiter.steering.context.internal.StandardInjectionRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** Per rule: its index in {@link #scanner}, or -1 for a rule scanned position by position. */
    private final int[] leadIndex;
    private final @Nullable LeadScanner scanner;
    /** Per rule in {@link #scanner}: what must follow its candidate starts. */
    private final RuleStarts.Follow[] follows;
    /**
     * Per rule in {@link #scanner}: whether its pattern ignores ASCII case (and no other case), so that on an ASCII
     * text it matches exactly where it matches the text lower-cased (its normalised view).
     */
    private final boolean[] caseless;
    /** Per rule: whether it has anchors and each holds a non-ASCII character (no ASCII text holds one). */
    private final boolean[] nonAsciiAnchors;

    private InjectionDetector(List<InjectionRule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> ids = new HashSet<>();
        for (InjectionRule r : this.rules) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("injection rule id '" + r.id() + "' is used twice");
            }
        }
        this.leadIndex = new int[this.rules.size()];
        this.nonAsciiAnchors = new boolean[this.rules.size()];
        List<List<String>> anchors = new ArrayList<>();
        List<RuleStarts> starts = new ArrayList<>();
        for (int i = 0; i < this.rules.size(); i++) {
            InjectionRule r = this.rules.get(i);
            nonAsciiAnchors[i] = !r.anchors().isEmpty()
                    && r.anchors().stream().allMatch(a -> a.chars().anyMatch(c -> c >= 0x80));
            @Nullable RuleStarts s = StandardInjectionRules.starts(r);
            if (s != null && r.input() == InjectionRule.Input.NORMALIZED && anchors.size() < 64
                    && LeadScanner.accepts(r.anchors(), s)) {
                leadIndex[i] = anchors.size();
                anchors.add(r.anchors());
                starts.add(s);
            } else {
                leadIndex[i] = -1;
            }
        }
        this.scanner = anchors.isEmpty() ? null : new LeadScanner(anchors, starts);
        this.follows = starts.stream().map(RuleStarts::follow).toArray(RuleStarts.Follow[]::new);
        this.caseless = new boolean[starts.size()];
        for (int i = 0; i < this.rules.size(); i++) {
            if (leadIndex[i] >= 0) {
                int flags = this.rules.get(i).pattern().flags();
                caseless[leadIndex[i]] = (flags & Pattern.CASE_INSENSITIVE) != 0
                        && (flags & (Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS | Pattern.CANON_EQ)) == 0;
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
        LeadScanner.@Nullable Result leads = null; // one pass for every built-in rule on the normalised text
        boolean ascii = false; // whether the text is known to be ASCII
        List<InjectionFlag> flags = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            InjectionRule rule = rules.get(i);
            boolean raw = rule.input() == InjectionRule.Input.RAW;
            int lead = leadIndex[i];
            if (lead >= 0) {
                if (leads == null) {
                    if (normalized == null) {
                        // an ASCII text is scanned as it is: its view is the text lower-cased, offset for offset
                        leads = scanner.scanAscii(text.toCharArray());
                        ascii = leads != null;
                    }
                    if (leads == null) {
                        if (normalized == null) {
                            normalized = NormalizedText.of(text);
                        }
                        leads = scanner.scan(normalized.text());
                    }
                }
                if (leads.lastAnchor(lead) < 0 || !leads.hasStarts(lead)) {
                    continue; // no anchor or no place to start: no match
                }
                if (ascii && caseless[lead]) {
                    // its pattern ignores ASCII case: on an ASCII text it matches where it matches the lower-cased text
                    scanLeads(rule, follows[lead], text, leads, lead, text, null, flags);
                    continue;
                }
                if (normalized == null) {
                    normalized = NormalizedText.ofAscii(text);
                }
                scanLeads(rule, follows[lead], normalized.text(), leads, lead, text, normalized, flags);
                continue;
            }
            if (raw && ascii && nonAsciiAnchors[i]) {
                continue; // an ASCII text holds none of the rule's anchors
            }
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
                addFlag(rule, m, raw ? null : normalized, text, flags);
            }
        }
        flags.sort(Comparator.comparingInt(InjectionFlag::start));
        return List.copyOf(flags);
    }

    /**
     * Finds exactly what {@code find()} over the whole view finds, trying the pattern only where a match can start
     * (the rule's {@link RuleStarts}) and no later than its last anchor (every match contains one): a match at a
     * position is what {@code lookingAt()} from there gives when the matcher sees the whole text (transparent,
     * non-anchoring bounds), and {@code find()} takes the first position that matches, then goes on from its end.
     */
    private static void scanLeads(InjectionRule rule, RuleStarts.Follow follow, String view, LeadScanner.Result leads,
            int index, String text, @Nullable NormalizedText normalized, List<InjectionFlag> flags) {
        int lastAnchor = leads.lastAnchor(index);
        if (lastAnchor < 0) {
            return; // no anchor: no match
        }
        int[] starts = leads.starts(index);
        if (starts.length == 0) {
            return;
        }
        @Nullable Matcher m = null;
        int next = 0;
        int n = view.length();
        for (int s : starts) {
            if (s < next) {
                continue;
            }
            if (s > lastAnchor || s > n) {
                break;
            }
            if (!follow.mayStartAt(view, s)) {
                continue;
            }
            if (m == null) {
                m = rule.pattern().matcher(view).useTransparentBounds(true).useAnchoringBounds(false);
            }
            m.region(s, n);
            if (!m.lookingAt()) {
                continue;
            }
            if (m.end() == m.start()) {
                next = s + 1;
                continue;
            }
            addFlag(rule, m, normalized, text, flags);
            next = m.end();
        }
    }

    private static void addFlag(InjectionRule rule, Matcher m, @Nullable NormalizedText normalized, String text,
            List<InjectionFlag> flags) {
        int start = normalized == null ? m.start() : normalized.originalStart(m.start());
        int end = normalized == null ? m.end() : normalized.originalEnd(m.end());
        flags.add(new InjectionFlag(rule.id(), start, end, excerpt(text.substring(start, end))));
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
