package dev.arbiter.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arbiter.authority.permission.Policy;
import dev.arbiter.authority.permission.Registries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills a suite's application {@link Registries} from the suite's environment (the application's state before the
 * run, {@code ENVIRONMENTS/SUITE/environment.yaml}) as a mapping file in the policy folder says
 * ({@code SUITE.registries.yaml}). The mapping is the replay's stand-in for the application reading its own
 * database; it never reads a tool output. Its format:
 * <pre>{@code
 * payees:                                  # a registry the suite's policy declares
 *   - from: bank_account.transactions      # a dotted path to a list in the environment
 *     where: {sender: [me]}                # keep the items whose field has one of these values (optional)
 *     value: recipient                     # the item's field to take (optional: the item itself)
 * }</pre>
 */
final class EnvironmentRegistries {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("from", "where", "value");

    private EnvironmentRegistries() {}

    /**
     * Returns the suite's registries, or none when the policy declares none.
     *
     * @throws IllegalArgumentException if the policy declares registries but the mapping or the environment is
     *     missing or does not fit
     */
    static Registries load(Policy policy, Path mappingFile, Path environmentFile) throws IOException {
        if (policy.registries().isEmpty()) {
            return Registries.none();
        }
        if (!Files.isRegularFile(mappingFile)) {
            throw new IllegalArgumentException("policy " + policy.ref() + " declares registries "
                    + policy.registries().keySet() + " but there is no mapping file " + mappingFile);
        }
        if (!Files.isRegularFile(environmentFile)) {
            throw new IllegalArgumentException("policy " + policy.ref() + " declares registries "
                    + policy.registries().keySet() + " but there is no environment " + environmentFile);
        }
        JsonNode mapping = YAML.readTree(mappingFile.toFile());
        JsonNode environment = YAML.readTree(environmentFile.toFile());
        if (mapping == null || !mapping.isObject()) {
            throw new IllegalArgumentException(mappingFile + ": expected a mapping of registry names");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : policy.registries().keySet()) {
            JsonNode rules = mapping.get(name);
            if (rules == null) {
                throw new IllegalArgumentException(mappingFile + ": no entry for registry '" + name + "'");
            }
            out.put(name, values(rules, environment, mappingFile + ", registry '" + name + "'"));
        }
        mapping.fieldNames().forEachRemaining(n -> {
            if (!policy.registries().containsKey(n)) {
                throw new IllegalArgumentException(mappingFile + ": registry '" + n + "' is not declared by policy "
                        + policy.ref() + " " + policy.registries().keySet());
            }
        });
        return Registries.of(out);
    }

    private static List<String> values(JsonNode rules, JsonNode environment, String where) {
        if (!rules.isArray()) {
            throw new IllegalArgumentException(where + ": expected a list of {from, where, value}");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode rule : rules) {
            rule.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + k + "', expected one of " + KEYS);
                }
            });
            JsonNode list = environment;
            for (String part : rule.path("from").asText("").split("\\.")) {
                list = list.path(part);
            }
            if (!list.isArray()) {
                throw new IllegalArgumentException(where + ": '" + rule.path("from").asText()
                        + "' is not a list in the environment");
            }
            for (JsonNode item : list) {
                if (keep(item, rule.path("where"))) {
                    JsonNode v = rule.has("value") ? item.path(rule.get("value").asText()) : item;
                    if (v.isValueNode() && !v.isNull()) {
                        values.add(v.asText());
                    }
                }
            }
        }
        return values;
    }

    private static boolean keep(JsonNode item, JsonNode where) {
        for (var it = where.fields(); it.hasNext(); ) {
            var e = it.next();
            String actual = item.path(e.getKey()).asText(null);
            boolean any = false;
            for (JsonNode allowed : e.getValue().isArray() ? e.getValue() : YAML.createArrayNode().add(e.getValue())) {
                any |= allowed.asText().equals(actual);
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }
}
