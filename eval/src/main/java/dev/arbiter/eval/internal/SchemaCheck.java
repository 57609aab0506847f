package dev.arbiter.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.arbiter.eval.Score;
import dev.arbiter.eval.ScoringContext;
import java.util.List;
import java.util.Optional;

/**
 * Checks outputs against a JSON Schema with the networknt validator (the draft named by {@code $schema},
 * 2020-12 when absent). The schema is compiled once; validation is thread-safe.
 */
public final class SchemaCheck {

    private static final int SHOWN_ERRORS = 3;

    private final Schema schema;
    private final String name;

    public SchemaCheck(String name, JsonNode schemaNode) {
        this.name = name;
        SpecificationVersion version = SpecificationVersion.fromSchemaNode(schemaNode)
                .orElse(SpecificationVersion.DRAFT_2020_12);
        try {
            this.schema = SchemaRegistry.withDefaultDialect(version).getSchema(schemaNode);
            this.schema.initializeValidators();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("schema '" + name + "' does not compile: " + e.getMessage(), e);
        }
    }

    public Score score(ScoringContext context) {
        Optional<JsonNode> output = context.outputJson();
        if (output.isEmpty()) {
            return Score.fail("the output is not JSON: " + Text.preview(context.outputText(), 80));
        }
        List<Error> errors = schema.validate(output.get());
        if (errors.isEmpty()) {
            return Score.pass("valid against schema '" + name + "'");
        }
        StringBuilder s = new StringBuilder(errors.size() + (errors.size() == 1 ? " error" : " errors")
                + " against schema '" + name + "': ");
        for (int i = 0; i < Math.min(SHOWN_ERRORS, errors.size()); i++) {
            Error e = errors.get(i);
            s.append(i == 0 ? "" : "; ").append(e.getInstanceLocation()).append(' ').append(e.getMessage());
        }
        if (errors.size() > SHOWN_ERRORS) {
            s.append("; and ").append(errors.size() - SHOWN_ERRORS).append(" more");
        }
        return Score.fail(s.toString());
    }
}
