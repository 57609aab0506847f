package dev.arbiter.steering.intent.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.RuleCheck;
import dev.arbiter.core.RuleCheck.Format.OutputFormat;
import dev.arbiter.core.RuleCheck.Length.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the friendly YAML form of a rule's machine-checkable part:
 *
 * <pre>
 * check: {maxWords: 100, minWords: 20, maxChars: 600, minChars: 1, language: en,
 *         require: [total, due date], forbid: [guarantee], format: json | markdown | plain_text,
 *         mustMatch: "regex", mustNotMatch: "regex"}
 * </pre>
 *
 * Each key may appear once; a bound pair in one unit becomes one length check (two when minimum exceeds maximum,
 * so that lint reports the contradiction). Thread-safe.
 */
final class CheckReader {

    static final List<String> KEYS = List.of("maxWords", "minWords", "maxChars", "minChars", "language",
            "require", "forbid", "format", "mustMatch", "mustNotMatch");

    private CheckReader() {}

    static List<RuleCheck> read(LocatedTree tree, String at, @Nullable JsonNode check) {
        List<RuleCheck> out = new ArrayList<>();
        if (ContractReader.absent(check)) return out;
        if (!check.isObject()) {
            throw tree.error(at, "'check' must be a mapping such as {maxWords: 100}, was " + Kinds.describe(check));
        }
        ContractReader.knownKeys(tree, at, check, KEYS);
        length(tree, at, check, Unit.WORDS, "minWords", "maxWords", out);
        length(tree, at, check, Unit.CHARACTERS, "minChars", "maxChars", out);
        try {
            if (check.has("language")) out.add(new RuleCheck.Language(text(tree, at, check, "language")));
            if (check.has("require")) out.add(new RuleCheck.RequiredTerms(terms(tree, at, check, "require")));
            if (check.has("forbid")) out.add(new RuleCheck.ForbiddenTerms(terms(tree, at, check, "forbid")));
            if (check.has("format")) out.add(new RuleCheck.Format(format(tree, at, check)));
            if (check.has("mustMatch")) out.add(new RuleCheck.MustMatch(text(tree, at, check, "mustMatch")));
            if (check.has("mustNotMatch")) {
                out.add(new RuleCheck.MustNotMatch(text(tree, at, check, "mustNotMatch")));
            }
        } catch (IllegalArgumentException e) {
            if (e instanceof dev.arbiter.steering.intent.ContractFormatException) throw e;
            throw tree.error(at, "bad check: " + e.getMessage());
        }
        return out;
    }

    private static void length(LocatedTree tree, String at, JsonNode check, Unit unit, String minKey, String maxKey,
            List<RuleCheck> out) {
        Integer min = count(tree, at, check, minKey);
        Integer max = count(tree, at, check, maxKey);
        if (min == null && max == null) return;
        int lo = min == null ? 0 : min;
        int hi = max == null ? Integer.MAX_VALUE : max;
        if (lo <= hi) {
            out.add(RuleCheck.length(unit, lo, hi));
        } else {
            out.add(RuleCheck.length(unit, lo, Integer.MAX_VALUE));
            out.add(RuleCheck.length(unit, 0, hi));
        }
    }

    private static @Nullable Integer count(LocatedTree tree, String at, JsonNode check, String key) {
        JsonNode v = check.get(key);
        if (ContractReader.absent(v)) return null;
        String where = LocatedTree.child(at, key);
        if (!v.isIntegralNumber()) {
            throw tree.error(where, "'" + key + "' must be a whole number, was " + Kinds.describe(v));
        }
        if (v.bigIntegerValue().signum() < 0 || v.bigIntegerValue().bitLength() > 31) {
            throw tree.error(where, "'" + key + "' must be between 0 and " + Integer.MAX_VALUE + ", was " + v);
        }
        return v.intValue();
    }

    private static String text(LocatedTree tree, String at, JsonNode check, String key) {
        JsonNode v = check.get(key);
        if (v == null || !v.isTextual()) {
            throw tree.error(LocatedTree.child(at, key), "'" + key + "' must be text, was "
                    + (v == null ? "missing" : Kinds.describe(v)));
        }
        return v.textValue();
    }

    private static List<String> terms(LocatedTree tree, String at, JsonNode check, String key) {
        JsonNode v = check.get(key);
        String where = LocatedTree.child(at, key);
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            out.add(Text.prose(v.textValue()));
        } else if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                JsonNode t = v.get(i);
                if (!t.isTextual() && !t.isNumber()) {
                    throw tree.error(where + "/" + i, "each term in '" + key + "' must be text, was "
                            + Kinds.describe(t));
                }
                out.add(Text.prose(Kinds.text(t)));
            }
        } else {
            throw tree.error(where, "'" + key + "' must be a list of terms, was " + Kinds.describe(v));
        }
        if (out.isEmpty() || out.stream().anyMatch(String::isEmpty)) {
            throw tree.error(where, "'" + key + "' must list at least one non-blank term");
        }
        return out;
    }

    private static OutputFormat format(LocatedTree tree, String at, JsonNode check) {
        String raw = text(tree, at, check, "format");
        String key = raw.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (OutputFormat f : OutputFormat.values()) {
            if (f.name().equals(key)) return f;
        }
        throw tree.error(LocatedTree.child(at, "format"), "'format' must be one of json, markdown, plain_text; was '"
                + raw + "'");
    }
}
