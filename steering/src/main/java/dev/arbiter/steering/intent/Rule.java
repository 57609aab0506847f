package dev.arbiter.steering.intent;

import dev.arbiter.core.Digests;
import dev.arbiter.core.RuleCheck;
import dev.arbiter.steering.intent.internal.Text;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rule of an {@link IntentContract}: a constraint stated in words for the model, with the machine-checkable
 * forms ({@link RuleCheck}) that the authority layer verifies the output against, if it has any.
 *
 * <p>The id is stable: provenance records and lint findings name rules by it. Immutable and thread-safe; the text
 * is stored with its whitespace normalised (trimmed, runs of whitespace collapsed to one space).
 *
 * @param id the rule's stable id: letters, digits, {@code .}, {@code _} and {@code -}, at most 64 characters
 * @param text the rule in words, not blank
 * @param checks the machine-checkable forms of the rule, in order; empty when the rule can only be stated
 */
public record Rule(String id, String text, List<RuleCheck> checks) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        checks = List.copyOf(checks);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id must match " + ID + ", was '" + id + "'");
        }
        text = Text.prose(text);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("rule '" + id + "' has no text");
        }
    }

    /** Returns a rule whose id is derived from its text. */
    public static Rule of(String text, RuleCheck... checks) {
        return new Rule(derivedId(text), text, List.of(checks));
    }

    /** Returns a rule with the given id. */
    public static Rule of(String id, String text, RuleCheck... checks) {
        return new Rule(id, text, List.of(checks));
    }

    /**
     * Returns the id a rule without an explicit id gets: {@code rule-} and the first 8 hex digits of the SHA-256 of
     * its normalised text. It stays the same when rules are reordered and changes when the text changes.
     */
    public static String derivedId(String text) {
        return "rule-" + Digests.sha256Hex(Text.prose(text)).substring(0, 8);
    }
}
