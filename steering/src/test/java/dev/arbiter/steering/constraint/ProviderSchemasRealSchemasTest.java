package dev.arbiter.steering.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.arbiter.steering.constraint.ProviderSchema.Converted;
import dev.arbiter.steering.constraint.ProviderSchema.Fallback;
import dev.arbiter.steering.constraint.ProviderSchema.Relaxation;
import dev.arbiter.steering.constraint.ProviderSchema.Relaxation.Kind;
import dev.arbiter.steering.testing.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The strict conversion on real schemas from JSONSchemaBench (the dev split in the shared data). */
class ProviderSchemasRealSchemasTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static final Map<String, JsonNode> ROWS = new LinkedHashMap<>();

    @BeforeAll
    static void readRows() throws IOException {
        Path dir = TestData.dataDir().resolve("jsonschemabench");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl.gz")).sorted().toList();
        }
        for (Path f : files) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                r.lines().forEach(line -> {
                    try {
                        JsonNode row = M.readTree(line);
                        ROWS.put(row.get("id").asText(), row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    private static JsonNode schema(String id) {
        JsonNode row = ROWS.get(id);
        assertThat(row).as("row " + id).isNotNull();
        return row.get("schema");
    }

    @Test
    void theDataHasThousandsOfRows() {
        assertThat(ROWS).hasSizeGreaterThan(5000);
    }

    @Test
    void aStrictRealSchemaConvertsExactly() {
        Converted c = (Converted) ProviderSchemas.toOpenAiStrict(schema("Github_trivial---o79654"));

        assertThat(c.exact()).isTrue();
        assertThat(c.relaxations()).extracting(Relaxation::keyword).containsExactly("title");
        assertThat(StrictSchemaChecker.violations(c.schema())).isEmpty();
    }

    @Test
    void aRealSchemaWithOptionalPropertiesNeedsRelaxations() {
        ProviderSchema p = ProviderSchemas.toOpenAiStrict(schema("Github_medium---o1"));

        assertThat(p).isInstanceOf(Converted.class);
        Converted c = (Converted) p;
        assertThat(c.exact()).isFalse();
        assertThat(c.lossy()).anyMatch(r -> r.kind() == Kind.NULLABLE
                && r.pointer().equals("/properties/corrections/items/properties/loc"));
        assertThat(c.lossy()).anyMatch(r -> r.kind() == Kind.NARROWED && r.keyword().equals("additionalProperties"));
        assertThat(c.schema().at("/properties/corrections/items/properties/change_id/type"))
                .isEqualTo(M.createArrayNode().add("array").add("null"));
        assertThat(c.schema().at("/properties/corrections/items/properties/author_email/pattern").asText())
                .startsWith("^[a-z");
        assertThat(StrictSchemaChecker.violations(c.schema())).isEmpty();
    }

    @Test
    void aRealSchemaWithAFreeFormObjectFallsBack() {
        ProviderSchema p = ProviderSchemas.toOpenAiStrict(schema("Github_medium---o41221"));

        assertThat(p).isInstanceOf(Fallback.class);
        assertThat(((Fallback) p).problems()).anyMatch(x -> x.cause().equals("open-map")
                && x.pointer().equals("/properties/config"));
    }

    @Test
    void everyConvertedRealSchemaIsStrictAndCompiles() {
        List<String> failures = new ArrayList<>();
        int converted = 0;
        for (Map.Entry<String, JsonNode> row : ROWS.entrySet()) {
            ProviderSchema p = ProviderSchemas.toOpenAiStrict(row.getValue().get("schema"));
            if (!(p instanceof Converted c)) continue;
            converted++;
            List<String> v = StrictSchemaChecker.violations(c.schema());
            if (!v.isEmpty()) failures.add(row.getKey() + ": " + v);
            try {
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(c.schema())
                        .initializeValidators();
            } catch (RuntimeException e) {
                failures.add(row.getKey() + ": does not compile: " + e.getMessage());
            }
        }
        assertThat(converted).as("converted schemas").isGreaterThan(3000);
        assertThat(failures).isEmpty();
    }

    @Test
    void everyExactConversionAcceptsTheValidTestInstances() {
        List<String> failures = new ArrayList<>();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (Map.Entry<String, JsonNode> row : ROWS.entrySet()) {
            if (!(ProviderSchemas.toOpenAiStrict(row.getValue().get("schema")) instanceof Converted c) || !c.exact()) {
                continue;
            }
            var strict = registry.getSchema(c.schema());
            for (JsonNode test : row.getValue().path("tests")) {
                if (test.path("valid").asBoolean() && !strict.validate(test.get("data")).isEmpty()) {
                    failures.add(row.getKey() + ": " + strict.validate(test.get("data")));
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
