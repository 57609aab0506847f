package dev.arbiter.authority.verify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.BasicDialectRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.DialectRegistry;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.PathType;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.CanonicalJson;
import dev.arbiter.core.Digests;
import dev.arbiter.core.ResponseSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Compiles JSON Schemas with networknt, configured once, and caches them by the digest of their canonical form.
 *
 * <p>Configuration, and why:
 * <ul>
 *   <li>Dialects drafts 4, 6, 7, 2019-09 and 2020-12, chosen by {@code $schema}, with a configurable default.</li>
 *   <li>In the drafts whose id keyword is {@code $id}, a plain {@code id} member is an annotation. networknt 2.0.8
 *       registers {@code id} as a keyword without a validator and refuses such schemas ("No suitable validator for
 *       id", networknt issue #590), although {@code id} is an ordinary unknown keyword there.</li>
 *   <li>{@code date-time} is checked by {@link StrictDateTimeFormat}.</li>
 *   <li>Patterns are matched by {@link BoundedRegularExpressionFactory}: networknt's JDK translation, with a bound on
 *       the work one match may do.</li>
 *   <li>Unknown keywords are annotations, quietly (networknt logs a warning for each one otherwise).</li>
 *   <li>Each schema gets its own registry and a base IRI derived from its digest, so relative {@code $id}s resolve
 *       and two schemas with the same {@code $id} can never see each other.</li>
 *   <li>Only the bundled meta-schemas may be loaded: no network, no files, no class path. A reference to anything
 *       else makes the schema unusable, with a message that says so.</li>
 * </ul>
 * Thread-safe: compiled networknt schemas are thread-safe and the cache is synchronised.
 */
public final class SchemaCompiler {

    /** How many compiled schemas one compiler keeps (least recently used are dropped). */
    public static final int CACHE_SIZE = 256;

    private static final String BASE = "https://schemas.arbiter.invalid/";

    private final DialectRegistry dialects;
    private final String defaultDialectId;
    private final SchemaRegistryConfig config;
    private final Map<String, Compiled> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    /** Creates a compiler for the given default draft and format policy. */
    public SchemaCompiler(JsonSchemaVerifier.Draft defaultDraft, JsonSchemaVerifier.FormatAssertions formats) {
        this.dialects = new BasicDialectRegistry(dialects());
        this.defaultDialectId = dialect(Objects.requireNonNull(defaultDraft, "defaultDraft")).getId();
        Boolean assertions = switch (Objects.requireNonNull(formats, "formats")) {
            case ALWAYS -> Boolean.TRUE;
            case NEVER -> Boolean.FALSE;
            case SPECIFICATION_DEFAULT -> null;
        };
        this.config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(assertions)
                .pathType(PathType.JSON_POINTER)
                .regularExpressionFactory(BoundedRegularExpressionFactory.INSTANCE)
                .build();
    }

    /** A compiled schema, or why it cannot be used. */
    public sealed interface Compiled permits Usable, Unusable {}

    /** A schema ready to validate; {@code root} is the schema node it was compiled from. */
    public record Usable(Schema schema, JsonNode root, String digest) implements Compiled {}

    /** A schema that cannot be used, and why (for a VERIFIER_ERROR finding). */
    public record Unusable(String reason, String digest) implements Compiled {}

    /**
     * Returns the compiled response schema; the instance compiled last is answered without reading its schema again
     * (a verifier sees the same instance on every candidate of a step), any other as {@link #compile(JsonNode)}.
     */
    public Compiled compile(ResponseSchema schema) {
        Last last = this.last;
        if (last != null && last.schema() == schema) {
            return last.compiled(); // a response schema is immutable: the same instance compiles the same way
        }
        Compiled compiled = compile(schema.schema());
        this.last = new Last(schema, compiled);
        return compiled;
    }

    /** The response schema compiled last and its result; a verifier usually sees the same one every time. */
    private record Last(ResponseSchema schema, Compiled compiled) {}

    private volatile @Nullable Last last;

    /**
     * Returns the compiled schema, from the cache when a schema with the same canonical form was compiled before.
     * What is compiled is the canonical form with numbers read by value ({@link JsonInput#byValue}), so equal digests
     * always behave the same.
     */
    public Compiled compile(JsonNode schema) {
        String canonical = CanonicalJson.write(schema);
        String digest = Digests.sha256Hex(canonical);
        Compiled cached = cache.get(digest);
        if (cached != null) {
            return cached;
        }
        Compiled compiled;
        try {
            compiled = doCompile(JsonInput.byValue(JsonInput.MAPPER.readTree(canonical)), digest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical JSON did not parse back", e);
        }
        cache.put(digest, compiled);
        return compiled;
    }

    private Compiled doCompile(JsonNode schema, String digest) {
        SchemaRegistry registry = SchemaRegistry.builder()
                .defaultDialectId(defaultDialectId)
                .dialectRegistry(dialects)
                .schemaRegistryConfig(config)
                .schemaLoader(loader -> loader.allow(iri -> isMetaSchema(iri.toString())))
                .build();
        try {
            Schema compiled = registry.getSchema(SchemaLocation.of(BASE + digest + ".json"), schema);
            compiled.initializeValidators();
            return new Usable(compiled, schema, digest);
        } catch (RuntimeException e) {
            return new Unusable(SchemaProblems.describe(e), digest);
        }
    }

    private static boolean isMetaSchema(String iri) {
        return iri.startsWith("https://json-schema.org/draft") || iri.startsWith("http://json-schema.org/draft");
    }

    private static List<Dialect> dialects() {
        List<Dialect> all = new ArrayList<>();
        for (JsonSchemaVerifier.Draft draft : JsonSchemaVerifier.Draft.values()) {
            all.add(dialect(draft));
        }
        return all;
    }

    private static Dialect dialect(JsonSchemaVerifier.Draft draft) {
        Dialect base = switch (draft) {
            case DRAFT_4 -> Dialects.getDraft4();
            case DRAFT_6 -> Dialects.getDraft6();
            case DRAFT_7 -> Dialects.getDraft7();
            case DRAFT_2019_09 -> Dialects.getDraft201909();
            case DRAFT_2020_12 -> Dialects.getDraft202012();
        };
        Dialect.Builder builder = Dialect.builder(base)
                .format(new StrictDateTimeFormat())
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword));
        if (!"id".equals(base.getIdKeyword())) {
            builder.keywords(keywords -> keywords.put("id", new AnnotationKeyword("id")));
        }
        return builder.build();
    }
}
