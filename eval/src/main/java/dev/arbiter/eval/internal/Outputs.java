package dev.arbiter.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The text and JSON forms of a subject's output or a case's values. Stateless and thread-safe. */
public final class Outputs {

    private Outputs() {}

    /** Returns a string's text, a JSON string's text ({@code ""} for JSON null), or the canonical JSON of the rest. */
    public static String text(Object value) {
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (value instanceof JsonNode n) {
            return n.isNull() ? "" : Json.text(n);
        }
        return Json.text(Json.MAPPER.valueToTree(value));
    }

    /** Returns JSON as is, text parsed (empty when it is not JSON), and anything else converted by Jackson. */
    public static Optional<JsonNode> json(Object value) {
        if (value instanceof JsonNode n) {
            return Optional.of(n);
        }
        if (value instanceof CharSequence s) {
            return Json.tryParse(s.toString());
        }
        return Optional.of(Json.MAPPER.valueToTree(value));
    }
}
