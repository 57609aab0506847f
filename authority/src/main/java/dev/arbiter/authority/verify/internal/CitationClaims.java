package dev.arbiter.authority.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.verify.CitationShape;
import java.util.ArrayList;
import java.util.List;

/** Reads claims and citations out of parsed output by a {@link CitationShape}, reporting every shape problem. */
public final class CitationClaims {

    private CitationClaims() {}

    /** One citation as written; {@code pointer} is its JSON Pointer. */
    public record Cited(String pointer, String source, String quote) {}

    /** One claim as written, with its citations. */
    public record Claim(String pointer, String text, List<Cited> citations) {}

    /** A place where the output does not have the shape; {@code pointer} is a JSON Pointer. */
    public record Problem(String pointer, String message, String feedback) {}

    /** The claims read, and the shape problems met (the claims are only complete when there are none). */
    public record Read(List<Claim> claims, List<Problem> problems) {}

    /** Reads the output by the shape. */
    public static Read read(JsonNode root, CitationShape shape) {
        List<Claim> claims = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        JsonNode array = root.at(shape.claims());
        String at = shape.claims().isEmpty() ? "/" : shape.claims();
        if (!array.isArray()) {
            problems.add(new Problem(shape.claims(), "no array of claims at " + at,
                    "Return an object whose " + at + " is an array of claims, each {\"" + shape.text() + "\": ..., \""
                            + shape.citations() + "\": [{\"" + shape.source() + "\": ..., \"" + shape.quote() + "\": ...}]}."));
            return new Read(claims, problems);
        }
        for (int i = 0; i < array.size(); i++) {
            String pointer = shape.claims() + "/" + i;
            JsonNode claim = array.get(i);
            JsonNode text = claim.path(shape.text());
            if (!text.isTextual() || text.textValue().isBlank()) {
                problems.add(new Problem(pointer, "claim at " + pointer + " has no text in '" + shape.text() + "'",
                        "Give every claim its text in '" + shape.text() + "'."));
                continue;
            }
            claims.add(new Claim(pointer, text.textValue(), citations(claim, pointer, shape, problems)));
        }
        return new Read(claims, problems);
    }

    private static List<Cited> citations(JsonNode claim, String pointer, CitationShape shape, List<Problem> problems) {
        List<Cited> cited = new ArrayList<>();
        JsonNode list = claim.get(shape.citations());
        if (list == null || list.isNull()) {
            return cited;
        }
        String listPointer = pointer + "/" + shape.citations();
        if (!list.isArray()) {
            problems.add(new Problem(listPointer, listPointer + " is not an array of citations",
                    "Make '" + shape.citations() + "' an array of {\"" + shape.source() + "\": ..., \"" + shape.quote() + "\": ...}."));
            return cited;
        }
        for (int j = 0; j < list.size(); j++) {
            String p = listPointer + "/" + j;
            JsonNode source = list.get(j).path(shape.source());
            JsonNode quote = list.get(j).path(shape.quote());
            if (!source.isTextual() || source.textValue().isBlank()) {
                problems.add(new Problem(p, "citation at " + p + " names no source in '" + shape.source() + "'",
                        "Give every citation the id of the source it quotes in '" + shape.source() + "'."));
            } else if (!quote.isTextual() || quote.textValue().isBlank()) {
                problems.add(new Problem(p, "citation at " + p + " has no quote in '" + shape.quote() + "'",
                        "Give every citation the passage it relies on, quoted verbatim from the source, in '" + shape.quote() + "'."));
            } else {
                cited.add(new Cited(p, source.textValue(), quote.textValue()));
            }
        }
        return cited;
    }
}
