package dev.arbiter.authority.provenance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Removes configured secrets and personal data from text before it leaves the process in a log line, a span or a
 * ledger record: every configured literal secret, then every pattern, is replaced by {@code [REDACTED:label]}.
 * Pipelines and tool gateways redact what they append to their ledger with {@link #standard()} unless told
 * otherwise ({@code redactor(…)} on their builders; {@link #none()} opts out).
 *
 * <p>{@link #standard()} covers e-mail addresses, phone numbers, payment card numbers, IBANs, bearer tokens and
 * common API key shapes (OpenAI/Anthropic {@code sk-…}, AWS {@code AKIA…}, GitHub {@code ghp_…}); add your own
 * secrets (the API keys you configured) with {@link Builder#secret}. Pattern redaction is best effort (phone numbers need an international prefix or
 * a bracketed area code, so that dates and amounts survive); literal
 * secrets are exact. Immutable and thread-safe.
 */
public final class Redactor {

    /**
     * A pattern and its label; {@code gate} names what a text must hold for the pattern to possibly match (one of the
     * {@code NEEDS_…} constants of {@link TextFacts}), so the regex is not run on a text that cannot hold a match.
     */
    private record Rule(String label, Pattern pattern, int gate, MatchWindows.@Nullable Finder windows) {
        Rule(String label, Pattern pattern, int gate) {
            this(label, pattern, gate, null);
        }
    }

    private static final List<Rule> STANDARD = List.of(
            new Rule("bearer", Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]{8,}"), TextFacts.NEEDS_BEARER),
            new Rule("api-key", Pattern.compile("\\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}"), TextFacts.NEEDS_K_DASH, MatchWindows::keys),
            new Rule("api-key", Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"), TextFacts.NEEDS_AKIA),
            new Rule("api-key", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b"), TextFacts.NEEDS_GH_UNDERSCORE),
            // starts only where a run of address characters starts and never gives characters back, so a long
            // run without '@' costs one pass instead of one pass per start position
            new Rule("email", Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"),
                    TextFacts.NEEDS_AT, MatchWindows::emails),
            new Rule("iban", Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\\b"),
                    TextFacts.NEEDS_UPPER_UPPER_DIGIT_DIGIT, MatchWindows::ibans),
            new Rule("card", Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b"), TextFacts.NEEDS_13_DIGITS, MatchWindows::cards),
            new Rule("phone", Pattern.compile("(?<![\\w.+])(?:\\+\\d{1,3}|\\(\\d{2,5}\\))(?:[ .-]?\\d{2,5}){2,5}(?![\\w.])"),
                    TextFacts.NEEDS_PLUS_OR_PAREN_AND_5_DIGITS, MatchWindows::phones));

    private static final Redactor NONE = new Redactor(List.of(), List.of());

    private final List<String> secrets;
    private final List<Rule> rules;

    private Redactor(List<String> secrets, List<Rule> rules) {
        List<String> sorted = new ArrayList<>(secrets);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
        this.rules = List.copyOf(rules);
    }

    /** Returns a redactor that changes nothing. */
    public static Redactor none() {
        return NONE;
    }

    /** Returns the standard personal-data and key patterns, without literal secrets. */
    public static Redactor standard() {
        return builder().build();
    }

    /** Starts a redactor with the standard patterns. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns {@code text} with every secret and pattern match replaced. */
    public String redact(String text) {
        String out = Objects.requireNonNull(text, "text");
        for (String secret : secrets) {
            out = out.replace(secret, "[REDACTED:secret]");
        }
        TextFacts facts = null;
        for (Rule rule : rules) {
            if (rule.gate() != TextFacts.ANY) {
                if (facts == null) {
                    facts = new TextFacts(out);
                }
                if (!facts.mayMatch(rule.gate())) {
                    continue; // the text lacks what every match of this pattern holds: replaceAll would change nothing
                }
            }
            String replaced = replace(rule, out);
            if (replaced != out) {
                out = replaced;
                facts = null; // the next gates look at the replaced text
            }
        }
        return out;
    }

    /**
     * {@link #redact} with every pattern run, gate or not, by {@code replaceAll}: the plain path the gates and the
     * replacement loop must agree with (tests).
     */
    String redactWithoutGates(String text) {
        String out = Objects.requireNonNull(text, "text");
        for (String secret : secrets) {
            out = out.replace(secret, "[REDACTED:secret]");
        }
        for (Rule rule : rules) {
            out = rule.pattern().matcher(out).replaceAll(Matcher.quoteReplacement("[REDACTED:" + rule.label() + "]"));
        }
        return out;
    }

    /** The labels of the patterns {@link #redact} would run on {@code text}, its gates passed (tests). */
    List<String> patternsRunOn(String text) {
        TextFacts facts = new TextFacts(text);
        return rules.stream().filter(r -> r.gate() == TextFacts.ANY || facts.mayMatch(r.gate())).map(Rule::label).toList();
    }

    /**
     * {@code text} with every match of the rule's pattern replaced, as {@code replaceAll} gives it, or {@code text}
     * itself when there is none: searched within the spans its matches can lie in, when the rule knows them, else
     * within the whole text.
     */
    private static String replace(Rule rule, String text) {
        MatchWindows.Finder windows = rule.windows();
        return replaceWithin(rule, text, windows != null ? windows.spans(text) : new int[] {0, text.length()});
    }

    /**
     * {@link #replace} for a pattern whose matches all lie within {@code spans} (start and end pairs, in order; see
     * {@link MatchWindows}): each span is searched from where the previous match ended, with transparent bounds, so
     * the matches and their replacement are those of the whole text's search. Goes on from each match found, never
     * searching the text again from its start.
     */
    private static String replaceWithin(Rule rule, String text, int[] spans) {
        if (spans.length == 0) {
            return text;
        }
        Matcher m = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        String replacement = "[REDACTED:" + rule.label() + "]";
        StringBuilder out = null;
        int done = 0; // the text before this is in out, as it was or replaced
        for (int k = 0; k < spans.length; k += 2) {
            int from = Math.max(spans[k], done);
            if (from > spans[k + 1]) { // an empty span is searched: a custom pattern may match the empty text
                continue;
            }
            m.region(from, spans[k + 1]);
            while (m.find()) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16);
                }
                out.append(text, done, m.start()).append(replacement);
                done = m.end();
            }
        }
        return out == null ? text : out.append(text, done, text.length()).toString();
    }

    /**
     * Returns a ledger that appends to {@code ledger} with the free text of every entry redacted: notes (which carry
     * provider error messages), verdict findings (which quote the model's output), permission reasons and kept model
     * content; ids, digests, decisions and approvers are kept. Give the same wrapped ledger to the pipeline and to
     * its tool gateways. Reading and verifying go to {@code ledger} unchanged.
     */
    public ProvenanceLedger ledger(ProvenanceLedger ledger) {
        Objects.requireNonNull(ledger, "ledger");
        return this == NONE ? ledger : new RedactingLedger(ledger, this::redact);
    }

    /**
     * Returns the ledger a pipeline or tool gateway appends to when given {@code ledger}: {@code ledger} itself when it
     * already redacts (made by {@link #ledger}, with whatever redactor the application chose) or when this is
     * {@link #none()} (the explicit opt-out); otherwise {@code ledger} wrapped by this redactor.
     */
    public ProvenanceLedger unlessRedacting(ProvenanceLedger ledger) {
        return ledger instanceof RedactingLedger ? ledger : ledger(ledger);
    }

    /** Builds a {@link Redactor}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private final List<String> secrets = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>(STANDARD);

        private Builder() {}

        /** Adds a literal secret (e.g. a configured API key); secrets shorter than 4 characters are refused. */
        public Builder secret(String secret) {
            if (Objects.requireNonNull(secret, "secret").length() < 4) {
                throw new IllegalArgumentException("a secret shorter than 4 characters would redact ordinary text");
            }
            secrets.add(secret);
            return this;
        }

        /** Adds a pattern whose matches are replaced by {@code [REDACTED:label]}. */
        public Builder pattern(String label, Pattern pattern) {
            rules.add(new Rule(Objects.requireNonNull(label, "label"), Objects.requireNonNull(pattern, "pattern"), TextFacts.ANY));
            return this;
        }

        /** Drops the standard patterns (keeps the secrets and the patterns added so far after this call). */
        public Builder withoutStandardPatterns() {
            rules.removeAll(STANDARD);
            return this;
        }

        public Redactor build() {
            return new Redactor(secrets, rules);
        }
    }
}
