package dev.arbiter.steering.constraint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.ResponseSchema;
import java.util.List;

/**
 * How claims in the answer must cite evidence, and the output shape that carries the citations. This shape is the
 * contract between steering (which asks for it) and the authority's citation verifier (which checks it):
 *
 * <pre>{@code
 * {"claims": [
 *    {"text": "The invoice is due on 31 July.",
 *     "citations": [{"source": "invoice-4711", "quote": "due 2024-07-31"}]}
 * ]}
 * }</pre>
 *
 * <p>{@code source} is the id of an {@link dev.arbiter.core.Evidence} item of the request; {@code quote} is copied
 * verbatim from that evidence's content. A claim with an empty {@code citations} list cites nothing. The share of
 * claims that cite at least one source must be at least {@link #minCitedShare()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param minCitedShare the least share of claims that must cite, between 0 and 1 (1: every claim)
 */
public record CitationRule(double minCitedShare) {

    /** The name of the response schema of the citation shape. */
    public static final String SCHEMA_NAME = "cited_claims";

    public CitationRule {
        if (!(minCitedShare >= 0 && minCitedShare <= 1)) {
            throw new IllegalArgumentException("minCitedShare must be between 0 and 1, was " + minCitedShare);
        }
    }

    /** Returns the rule that every claim cites. */
    public static CitationRule everyClaim() {
        return new CitationRule(1.0);
    }

    /** Returns the JSON Schema of the citation shape, any source id allowed. */
    public ResponseSchema outputSchema() {
        return outputSchema(List.of());
    }

    /**
     * Returns the JSON Schema of the citation shape; when source ids are given, {@code source} must be one of them.
     * The schema is already in OpenAI's strict form, so {@link ProviderSchemas#toOpenAiStrict} converts it exactly.
     */
    public ResponseSchema outputSchema(List<String> sourceIds) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode source = f.objectNode().put("type", "string").put("description", "the id of the cited evidence");
        if (!sourceIds.isEmpty()) {
            ArrayNode ids = source.putArray("enum");
            sourceIds.forEach(ids::add);
        }
        ObjectNode citation = object(f, "source", source, "quote",
                f.objectNode().put("type", "string").put("description", "text copied verbatim from the evidence"));
        ObjectNode citations = f.objectNode().put("type", "array");
        citations.set("items", citation);
        ObjectNode claim = object(f, "text", f.objectNode().put("type", "string"), "citations", citations);
        ObjectNode claims = f.objectNode().put("type", "array");
        claims.set("items", claim);
        ObjectNode root = f.objectNode().put("type", "object");
        root.putObject("properties").set("claims", claims);
        root.putArray("required").add("claims");
        root.put("additionalProperties", false);
        return new ResponseSchema(SCHEMA_NAME, root);
    }

    /** Returns the instruction text that states this rule to the model. */
    public String instructions() {
        String share = minCitedShare >= 1 ? "Every claim" : "At least " + Math.round(minCitedShare * 100)
                + "% of the claims";
        return "Answer as a list of claims. " + share + " must cite the evidence it rests on: give the evidence id "
                + "as \"source\" and copy the supporting text verbatim as \"quote\". Do not cite anything that is "
                + "not in the evidence.";
    }

    private static ObjectNode object(JsonNodeFactory f, String a, ObjectNode as, String b, ObjectNode bs) {
        ObjectNode o = f.objectNode().put("type", "object");
        ObjectNode props = o.putObject("properties");
        props.set(a, as);
        props.set(b, bs);
        o.putArray("required").add(a).add(b);
        o.put("additionalProperties", false);
        return o;
    }
}
