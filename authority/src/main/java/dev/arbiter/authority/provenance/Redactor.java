package dev.arbiter.authority.provenance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private record Rule(String label, Pattern pattern) {}

    private static final List<Rule> STANDARD = List.of(
            new Rule("bearer", Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]{8,}")),
            new Rule("api-key", Pattern.compile("\\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}")),
            new Rule("api-key", Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b")),
            new Rule("api-key", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b")),
            // starts only where a run of address characters starts and never gives characters back, so a long
            // run without '@' costs one pass instead of one pass per start position
            new Rule("email", Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")),
            new Rule("iban", Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\\b")),
            new Rule("card", Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b")),
            new Rule("phone", Pattern.compile("(?<![\\w.+])(?:\\+\\d{1,3}|\\(\\d{2,5}\\))(?:[ .-]?\\d{2,5}){2,5}(?![\\w.])")));

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
        for (Rule rule : rules) {
            out = rule.pattern().matcher(out).replaceAll(Matcher.quoteReplacement("[REDACTED:" + rule.label() + "]"));
        }
        return out;
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
            rules.add(new Rule(Objects.requireNonNull(label, "label"), Objects.requireNonNull(pattern, "pattern")));
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
