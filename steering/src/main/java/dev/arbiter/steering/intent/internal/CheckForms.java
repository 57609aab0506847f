package dev.arbiter.steering.intent.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.RuleCheck;
import java.util.Locale;

/** The canonical JSON form of {@link RuleCheck}s, used for fingerprints. Thread-safe. */
public final class CheckForms {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CheckForms() {}

    /** Returns the canonical JSON form of a check: one object with a {@code check} member naming its kind. */
    public static ObjectNode toJson(RuleCheck check) {
        ObjectNode o = F.objectNode();
        if (check instanceof RuleCheck.Length l) {
            o.put("check", "length").put("unit", lower(l.unit().name())).put("min", l.min());
            if (l.max() != Integer.MAX_VALUE) o.put("max", l.max());
        } else if (check instanceof RuleCheck.Language l) {
            o.put("check", "language").put("code", l.code());
        } else if (check instanceof RuleCheck.RequiredTerms t) {
            o.put("check", "require").set("terms", terms(t.terms()));
        } else if (check instanceof RuleCheck.ForbiddenTerms t) {
            o.put("check", "forbid").set("terms", terms(t.terms()));
        } else if (check instanceof RuleCheck.Format f) {
            o.put("check", "format").put("format", lower(f.format().name()));
        } else if (check instanceof RuleCheck.MustMatch m) {
            o.put("check", "mustMatch").put("regex", m.regex());
        } else if (check instanceof RuleCheck.MustNotMatch m) {
            o.put("check", "mustNotMatch").put("regex", m.regex());
        } else {
            throw new IllegalArgumentException("unknown rule check " + check);
        }
        return o;
    }

    private static ArrayNode terms(java.util.List<String> terms) {
        ArrayNode a = F.arrayNode();
        terms.forEach(t -> a.add(Text.prose(t)));
        return a;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
