package dev.arbiter.steering.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.steering.constraint.ProviderSchema.Converted;
import dev.arbiter.steering.constraint.ProviderSchema.Fallback;
import dev.arbiter.steering.constraint.ProviderSchema.Relaxation;
import dev.arbiter.steering.constraint.ProviderSchema.Relaxation.Kind;
import org.junit.jupiter.api.Test;

class ProviderSchemasTest {

    private static final ObjectMapper M = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return M.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static Converted converted(String schema) {
        ProviderSchema p = ProviderSchemas.toOpenAiStrict(json(schema));
        assertThat(p).as(p.toString()).isInstanceOf(Converted.class);
        Converted c = (Converted) p;
        assertThat(StrictSchemaChecker.violations(c.schema())).isEmpty();
        return c;
    }

    static Fallback fallback(String schema, String cause) {
        ProviderSchema p = ProviderSchemas.toOpenAiStrict(json(schema));
        assertThat(p).isInstanceOf(Fallback.class);
        Fallback f = (Fallback) p;
        assertThat(f.problems()).anyMatch(x -> x.cause().equals(cause));
        return f;
    }

    @Test
    void strictSchemaConvertsUnchanged() {
        String s = "{'type':'object','properties':{'a':{'type':'string'}},'required':['a'],'additionalProperties':false}";

        Converted c = converted(s);

        assertThat(c.schema()).isEqualTo(json(s));
        assertThat(c.relaxations()).isEmpty();
        assertThat(c.exact()).isTrue();
        assertThat(c.weakened()).isFalse();
    }

    @Test
    void optionalPropertyBecomesRequiredAndNullable() {
        Converted c = converted("{'type':'object','properties':{'a':{'type':'string'},"
                + "'b':{'type':'string','enum':['x','y']}},'required':['a'],'additionalProperties':false}");

        assertThat(c.schema().get("required")).isEqualTo(json("['a','b']"));
        assertThat(c.schema().at("/properties/b")).isEqualTo(json("{'type':['string','null'],'enum':['x','y',null]}"));
        assertThat(c.relaxations()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.NULLABLE);
            assertThat(r.pointer()).isEqualTo("/properties/b");
        });
        assertThat(c.exact()).isFalse();
        assertThat(c.weakened()).isTrue();
    }

    @Test
    void openObjectWithDeclaredPropertiesIsClosedAndSaysSo() {
        Converted c = converted("{'type':'object','properties':{'a':{'type':'integer'}},'required':['a']}");

        assertThat(c.schema().get("additionalProperties").booleanValue()).isFalse();
        assertThat(c.relaxations()).extracting(Relaxation::kind, Relaxation::keyword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.NARROWED, "additionalProperties"));
        assertThat(c.weakened()).as("narrowing only").isFalse();
    }

    @Test
    void validationKeywordsOutsideTheSubsetAreDroppedAndNamed() {
        Converted c = converted("{'type':'object','additionalProperties':false,'required':['s','n','l'],"
                + "'properties':{'s':{'type':'string','minLength':2,'format':'uri','pattern':'^a'},"
                + "'n':{'type':'integer','format':'int32','minimum':1},"
                + "'l':{'type':'array','items':{'type':'string'},'uniqueItems':true,'maxItems':3}}}");

        assertThat(c.schema().at("/properties/s")).isEqualTo(json("{'type':'string','pattern':'^a'}"));
        assertThat(c.schema().at("/properties/n")).isEqualTo(json("{'type':'integer','minimum':1}"));
        assertThat(c.schema().at("/properties/l")).isEqualTo(json("{'type':'array','items':{'type':'string'},'maxItems':3}"));
        assertThat(c.lossy()).extracting(Relaxation::pointer, Relaxation::keyword).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("/properties/s", "minLength"),
                org.assertj.core.groups.Tuple.tuple("/properties/s", "format"),
                org.assertj.core.groups.Tuple.tuple("/properties/n", "format"),
                org.assertj.core.groups.Tuple.tuple("/properties/l", "uniqueItems"));
        assertThat(c.lossy()).allMatch(r -> r.kind() == Kind.DROPPED);
    }

    @Test
    void annotationsAreRemovedLosslessly() {
        Converted c = converted("{'$schema':'http://json-schema.org/draft-07/schema#','title':'T','type':'object',"
                + "'properties':{'a':{'type':'string','default':'x','examples':['y'],'x-extra':1}},"
                + "'required':['a'],'additionalProperties':false}");

        assertThat(c.exact()).isTrue();
        assertThat(c.relaxations()).extracting(Relaxation::keyword)
                .containsExactlyInAnyOrder("$schema", "title", "default", "examples", "x-extra");
    }

    @Test
    void disjointOneOfBecomesAnyOfLosslesslyAndOverlappingOneOfIsALossyRewrite() {
        Converted disjoint = converted("{'type':'object','additionalProperties':false,'required':['v'],"
                + "'properties':{'v':{'oneOf':[{'type':'string'},{'type':'integer'}]}}}");
        Converted overlapping = converted("{'type':'object','additionalProperties':false,'required':['v'],"
                + "'properties':{'v':{'oneOf':[{'type':'string','pattern':'a'},{'type':'string','pattern':'b'}]}}}");

        assertThat(disjoint.schema().at("/properties/v/anyOf")).hasSize(2);
        assertThat(disjoint.exact()).isTrue();
        assertThat(overlapping.lossy()).singleElement().satisfies(r -> {
            assertThat(r.keyword()).isEqualTo("oneOf");
            assertThat(r.kind()).isEqualTo(Kind.DROPPED);
        });
    }

    @Test
    void allOfOfARefAndAnExtensionIsMerged() {
        Converted c = converted("{'type':'object','additionalProperties':false,'required':['p'],"
                + "'properties':{'p':{'allOf':[{'$ref':'#/definitions/base'},"
                + "{'properties':{'b':{'type':'integer'}},'required':['b']}]}},"
                + "'definitions':{'base':{'type':'object','properties':{'a':{'type':'string'}},'required':['a']}}}");

        JsonNode p = c.schema().at("/properties/p");
        assertThat(p.get("required")).isEqualTo(json("['a','b']"));
        assertThat(p.at("/properties/b/type").asText()).isEqualTo("integer");
        assertThat(c.relaxations()).anyMatch(r -> r.keyword().equals("allOf") && r.kind() == Kind.REWRITTEN);
    }

    @Test
    void allOfThatCannotBeMergedFallsBack() {
        fallback("{'type':'object','properties':{'p':{'allOf':[{'type':'string','pattern':'a'},"
                + "{'type':'string','pattern':'b'}]}}}", "allOf");
    }

    @Test
    void refsToDefinitionsAreMovedUnderDefsAndRecursionIsKept() {
        Converted c = converted("{'type':'object','additionalProperties':false,'required':['root'],"
                + "'properties':{'root':{'$ref':'#/definitions/node'}},"
                + "'definitions':{'node':{'type':'object','additionalProperties':false,'required':['kids'],"
                + "'properties':{'kids':{'type':'array','items':{'$ref':'#/definitions/node'}}}}}}");

        assertThat(c.schema().at("/properties/root/$ref").asText()).isEqualTo("#/$defs/node");
        assertThat(c.schema().at("/$defs/node/properties/kids/items/$ref").asText()).isEqualTo("#/$defs/node");
        assertThat(c.schema().has("definitions")).isFalse();
    }

    @Test
    void draft4BooleanExclusiveBoundBecomesANumber() {
        Converted c = converted("{'type':'object','additionalProperties':false,'required':['n'],"
                + "'properties':{'n':{'type':'number','minimum':0,'exclusiveMinimum':true}}}");

        assertThat(c.schema().at("/properties/n")).isEqualTo(json("{'type':'number','exclusiveMinimum':0}"));
        assertThat(c.exact()).isTrue();
    }

    @Test
    void typeListIsSplitIntoAnyOf() {
        Converted c = converted("{'type':'object','additionalProperties':false,'required':['v'],"
                + "'properties':{'v':{'type':['string','integer','null'],'minimum':3}}}");

        assertThat(c.schema().at("/properties/v")).isEqualTo(json(
                "{'anyOf':[{'type':'string'},{'type':'integer','minimum':3},{'type':'null'}]}"));
    }

    @Test
    void schemasThatCannotBeStrictFallBackWithTheirCause() {
        fallback("{'type':'object','additionalProperties':{'type':'string'}}", "open-map");
        fallback("{'type':'object','properties':{'m':{'type':'object'}}}", "open-map");
        fallback("{'type':'object','patternProperties':{'^x':{'type':'string'}}}", "patternProperties");
        fallback("{'type':'object','properties':{'t':{'type':'array','items':[{'type':'string'}]}}}", "tuple");
        fallback("{'type':'object','properties':{'t':{'type':'array','prefixItems':[{'type':'string'}]}}}", "tuple");
        fallback("{'type':'object','properties':{'t':{'type':'array'}}}", "array-any-items");
        fallback("{'type':'object','properties':{'t':{}}}", "any-value");
        fallback("{'anyOf':[{'type':'object'},{'type':'string'}]}", "root-anyOf");
        fallback("{'type':'array','items':{'type':'string'}}", "root-not-object");
        fallback("{'type':'object','properties':{'r':{'$ref':'http://example.com/s.json'}}}", "remote-ref");
        fallback("{'type':'object','properties':{'r':{'$ref':'#/definitions/missing'}}}", "unresolvable-ref");
    }

    @Test
    void fallbackCarriesTheFullSchemaIntoTheInstructions() {
        JsonNode full = json("{'type':'object','additionalProperties':{'type':'string'}}");
        Fallback f = (Fallback) ProviderSchemas.toOpenAiStrict(full);

        assertThat(f.instructions(full)).contains("JSON Schema").contains("\"additionalProperties\"");
    }

    @Test
    void sizeLimitsAreEnforced() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 1001; i++) values.append(i == 0 ? "" : ",").append(i);
        fallback("{'type':'object','additionalProperties':false,'required':['e'],"
                + "'properties':{'e':{'type':'integer','enum':[" + values + "]}}}", "limit-enum-values");
        String deep = "{'type':'string'}";
        for (int i = 0; i < 11; i++) {
            deep = "{'type':'object','additionalProperties':false,'required':['x'],'properties':{'x':" + deep + "}}";
        }
        fallback(deep, "limit-depth");
        String ten = "{'type':'string'}";
        for (int i = 0; i < 10; i++) {
            ten = "{'type':'object','additionalProperties':false,'required':['x'],'properties':{'x':" + ten + "}}";
        }
        converted(ten);
    }

    @Test
    void theInputSchemaIsNotModified() {
        JsonNode input = json("{'type':'object','properties':{'a':{'type':'string','minLength':1}},"
                + "'allOf':[{'required':['a']}]}");
        JsonNode copy = input.deepCopy();

        ProviderSchemas.toOpenAiStrict(input);

        assertThat(input).isEqualTo(copy);
    }

    @Test
    void citationShapeIsAlreadyStrict() {
        Converted c = (Converted) ProviderSchemas.toOpenAiStrict(CitationRule.everyClaim().outputSchema());

        assertThat(c.relaxations()).isEmpty();
    }
}
