package dev.arbiter.authority.permission.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.permission.Grant;
import dev.arbiter.authority.permission.NumericLimit;
import dev.arbiter.authority.permission.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The value rules of a grant: deny lists, allow lists and numeric limits, each a possible refusal. Stateless and
 * thread-safe.
 */
public final class ArgumentRules {

    /** A rule that did not let the call through: its id, why, and whether to deny or escalate. */
    public record Breach(String rule, String reason, Refusal refusal) {}

    private ArgumentRules() {}

    /** Returns the first breach of the grant's lists and limits, if any. */
    public static Optional<Breach> check(String tool, Grant grant, JsonNode args) {
        for (Map.Entry<String, Set<String>> e : grant.denied().entrySet()) {
            for (String v : texts(args.get(e.getKey()))) {
                if (e.getValue().stream().anyMatch(d -> Values.same(d, v))) {
                    return Optional.of(new Breach("deny-list:" + e.getKey(), "the value '" + v + "' of '" + e.getKey()
                            + "' is on the deny list of tool '" + tool + "'", Refusal.DENY));
                }
            }
        }
        for (Map.Entry<String, Set<String>> e : grant.allowed().entrySet()) {
            for (String v : texts(args.get(e.getKey()))) {
                if (e.getValue().stream().noneMatch(a -> Values.same(a, v))) {
                    return Optional.of(new Breach("allow-list:" + e.getKey(), "the value '" + v + "' of '" + e.getKey()
                            + "' is not on the allow list of tool '" + tool + "' " + e.getValue(), Refusal.DENY));
                }
            }
        }
        for (Map.Entry<String, NumericLimit> e : grant.limits().entrySet()) {
            JsonNode v = args.get(e.getKey());
            if (v != null && v.isNumber() && !e.getValue().admits(v.decimalValue())) {
                NumericLimit l = e.getValue();
                return Optional.of(new Breach("limit:" + e.getKey(), "'" + e.getKey() + "' = " + v.decimalValue()
                        + " is outside [" + (l.min() == null ? "-inf" : l.min()) + ", "
                        + (l.max() == null ? "+inf" : l.max()) + "] for tool '" + tool + "'", l.onBreach()));
            }
        }
        return Optional.empty();
    }

    /** Returns the string values of a node: a string, or the strings of an array; numbers as their text. */
    public static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.addAll(texts(n)));
        } else if (node.isValueNode()) {
            out.add(node.asText());
        }
        return out;
    }
}
