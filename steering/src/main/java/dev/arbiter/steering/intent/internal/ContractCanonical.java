package dev.arbiter.steering.intent.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.CanonicalJson;
import dev.arbiter.core.Digests;
import dev.arbiter.steering.intent.Definition;
import dev.arbiter.steering.intent.Example;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.steering.intent.Rule;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The canonical form of a contract's meaning: normalised text, definitions sorted by term (they are a glossary,
 * their order carries no meaning), everything else in declared order. Thread-safe.
 */
public final class ContractCanonical {

    /** Names the canonical form; bump it if the form ever changes, so old and new fingerprints never collide. */
    static final String FORM = "arbiter.intent-contract/1";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Orders definitions by term ignoring case, then by exact term, then by meaning. */
    public static final Comparator<Definition> DEFINITION_ORDER = Comparator
            .comparing((Definition d) -> d.term().toLowerCase(Locale.ROOT))
            .thenComparing(Definition::term)
            .thenComparing(Definition::meaning);

    private ContractCanonical() {}

    /** Returns the canonical JSON text of the contract. */
    public static String canonicalJson(IntentContract c) {
        ObjectNode o = F.objectNode();
        o.put("form", FORM).put("id", c.id()).put("version", c.version());
        o.put("purpose", c.purpose()).put("audience", c.audience()).put("task", c.task());
        ArrayNode rules = o.putArray("rules");
        for (Rule r : c.rules()) {
            ObjectNode rule = rules.addObject().put("id", r.id()).put("text", r.text());
            ArrayNode checks = rule.putArray("checks");
            r.checks().forEach(k -> checks.add(CheckForms.toJson(k)));
        }
        ArrayNode defs = o.putArray("definitions");
        c.definitions().stream().sorted(DEFINITION_ORDER)
                .forEach(d -> defs.addObject().put("term", d.term()).put("meaning", d.meaning()));
        strings(o.putArray("successCriteria"), c.successCriteria());
        strings(o.putArray("nonGoals"), c.nonGoals());
        ArrayNode examples = o.putArray("examples");
        for (Example e : c.examples()) {
            examples.addObject().put("input", e.input()).put("output", e.output());
        }
        return CanonicalJson.write(o);
    }

    /** Returns the SHA-256 of the canonical JSON text. */
    public static String fingerprint(IntentContract c) {
        return Digests.sha256Hex(canonicalJson(c));
    }

    private static void strings(ArrayNode target, List<String> values) {
        values.forEach(target::add);
    }
}
