package dev.arbiter.authority.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.ResponseSchema;
import org.junit.jupiter.api.Test;

class SchemaCompilerTest {

    private final SchemaCompiler compiler = new SchemaCompiler(JsonSchemaVerifier.Draft.DRAFT_2020_12,
            JsonSchemaVerifier.FormatAssertions.ALWAYS);
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String s) throws Exception {
        return mapper.readTree(s);
    }

    @Test
    void canonicallyEqualSchemasShareOneCompilation() throws Exception {
        SchemaCompiler.Compiled a = compiler.compile(json("{\"type\":\"integer\",\"minimum\":1.0}"));
        SchemaCompiler.Compiled b = compiler.compile(json("{ \"minimum\": 1, \"type\": \"integer\" }"));
        assertThat(b).isSameAs(a);
    }

    @Test
    void twoSchemasWithTheSameIdDoNotSeeEachOther() throws Exception {
        JsonNode one = json("{\"$id\":\"https://example.com/s.json\",\"$ref\":\"#/$defs/x\",\"$defs\":{\"x\":{\"type\":\"string\"}}}");
        JsonNode two = json("{\"$id\":\"https://example.com/s.json\",\"$ref\":\"#/$defs/x\",\"$defs\":{\"x\":{\"type\":\"integer\"}}}");
        SchemaCompiler.Usable a = (SchemaCompiler.Usable) compiler.compile(one);
        SchemaCompiler.Usable b = (SchemaCompiler.Usable) compiler.compile(two);
        assertThat(a.schema().validate(json("\"s\""))).isEmpty();
        assertThat(b.schema().validate(json("\"s\""))).isNotEmpty();
        assertThat(b.schema().validate(json("7"))).isEmpty();
    }

    @Test
    void referencesToOtherDocumentsAreNeverLoaded() throws Exception {
        SchemaCompiler.Compiled c = compiler.compile(json("{\"$ref\":\"file:///etc/passwd\"}"));
        assertThat(c).isInstanceOf(SchemaCompiler.Unusable.class);
        assertThat(((SchemaCompiler.Unusable) c).reason()).contains("never fetched");
    }

    @Test
    void relativeIdsResolveAgainstTheSchemasOwnBase() throws Exception {
        SchemaCompiler.Compiled c = compiler.compile(json(
                "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"properties\":{\"a\":{\"id\":\"-z\",\"type\":\"string\"}}}"));
        assertThat(c).isInstanceOf(SchemaCompiler.Usable.class);
    }

    @Test
    void anUncompilablePatternMakesTheSchemaUnusable() throws Exception {
        SchemaCompiler.Compiled c = compiler.compile(json("{\"pattern\":\"(unclosed\"}"));
        assertThat(c).isInstanceOf(SchemaCompiler.Unusable.class);
        assertThat(((SchemaCompiler.Unusable) c).reason()).contains("/(unclosed/");
    }

    @Test
    void theResponseSchemaCompiledLastIsAnsweredWithoutCompilingAgain() {
        ResponseSchema one = ResponseSchema.of("n", "{\"type\":\"integer\"}");
        ResponseSchema other = ResponseSchema.of("s", "{\"type\":\"string\"}");

        SchemaCompiler.Compiled first = compiler.compile(one);

        assertThat(compiler.compile(one)).isSameAs(first);
        assertThat(compiler.compile(other)).isNotEqualTo(first).isInstanceOf(SchemaCompiler.Usable.class);
        assertThat(compiler.compile(one)).isSameAs(first); // from the cache by canonical form
    }
}
