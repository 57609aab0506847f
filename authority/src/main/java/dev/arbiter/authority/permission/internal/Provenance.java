package dev.arbiter.authority.permission.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.permission.DecisionContext;
import dev.arbiter.authority.permission.Grant;
import dev.arbiter.authority.permission.ToolDescriptor;
import dev.arbiter.core.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Value provenance: every sensitive value of a call (and every link, e-mail address and IBAN inside a free-text
 * parameter) must appear in trusted material: the trusted sources of the evidence, values a person approved
 * earlier in the run, the grant's allow list for that parameter, or the application registry the grant names for
 * that parameter. Stateless and thread-safe.
 */
public final class Provenance {

    /** A value that is not vouched for: the parameter, the value, and the untrusted sources it appears in. */
    public record Tainted(String parameter, String value, List<String> untrustedSources) {
        /** Returns a sentence for people. */
        public String describe(String tool) {
            String where = untrustedSources.isEmpty() ? "in no source at all (the model produced it)"
                    : "only in untrusted material " + untrustedSources;
            return "the value '" + value + "' of '" + parameter + "' for tool '" + tool
                    + "' appears in no trusted input, " + where;
        }
    }

    private Provenance() {}

    /** Returns the first value of the call that trusted material does not vouch for, if any. */
    public static Optional<Tainted> firstTainted(ToolDescriptor tool, Grant grant, JsonNode args, DecisionContext ctx) {
        String trusted = ctx.evidence().trusted().stream().map(Source::content).collect(Collectors.joining("\n"));
        for (String p : tool.sensitiveParameters()) {
            JsonNode v = args.get(p);
            if (v == null || v.isNull()) {
                continue;
            }
            for (JsonNode item : v.isArray() ? iterable(v) : List.of(v)) {
                if (!vouched(p, item, trusted, grant, ctx)) {
                    return Optional.of(new Tainted(p, item.asText(), untrustedSourcesOf(item, ctx)));
                }
            }
        }
        for (String p : tool.freeTextParameters()) {
            for (String text : ArgumentRules.texts(args.get(p))) {
                for (String id : Values.identifiersIn(text)) {
                    JsonNode node = com.fasterxml.jackson.databind.node.TextNode.valueOf(id);
                    if (!vouched(p, node, trusted, grant, ctx)) {
                        return Optional.of(new Tainted(p, id, untrustedSourcesOf(node, ctx)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean vouched(String p, JsonNode v, String trusted, Grant grant, DecisionContext ctx) {
        if (!v.isValueNode()) {
            return false;
        }
        String text = v.asText();
        Set<String> allowed = grant.allowed().getOrDefault(p, Set.of());
        if (allowed.stream().anyMatch(a -> Values.same(a, text))
                || ctx.approvedValues().stream().anyMatch(a -> Values.same(a, text))) {
            return true;
        }
        String registry = grant.registered().get(p);
        if (registry != null && ctx.registries().contains(registry, text)) {
            return true;
        }
        return appears(v, trusted);
    }

    private static boolean appears(JsonNode v, String text) {
        if (v.isNumber()) {
            return Values.numberAppearsIn(v.decimalValue(), text);
        }
        if (v.isBoolean()) {
            return true;
        }
        return Values.appearsIn(v.asText(), text);
    }

    private static List<String> untrustedSourcesOf(JsonNode v, DecisionContext ctx) {
        List<String> ids = new ArrayList<>();
        for (Source s : ctx.evidence().untrusted()) {
            if (appears(v, s.content())) {
                ids.add(s.id());
            }
        }
        return ids;
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
