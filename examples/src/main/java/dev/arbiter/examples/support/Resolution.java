package dev.arbiter.examples.support;

import java.util.Objects;

/**
 * The agent's closing note for the customer-care team: the model's final answer, accepted only when it is valid
 * against {@link #SCHEMA}. Immutable and thread-safe.
 *
 * @param ticket the ticket id
 * @param status {@code resolved} or {@code needs_follow_up}
 * @param note what was done, and what could not be done, in a few sentences
 */
public record Resolution(String ticket, String status, String note) {

    /** The JSON Schema the final answer must satisfy. */
    public static final String SCHEMA = """
            {"type": "object", "additionalProperties": false, "required": ["ticket", "status", "note"],
             "properties": {
               "ticket": {"type": "string", "pattern": "^T-[0-9]+$"},
               "status": {"enum": ["resolved", "needs_follow_up"]},
               "note": {"type": "string", "minLength": 1, "maxLength": 600}}}""";

    public Resolution {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(note, "note");
    }
}
