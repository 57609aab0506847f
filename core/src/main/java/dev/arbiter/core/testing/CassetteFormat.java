package dev.arbiter.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.JsonCodec;
import dev.arbiter.core.ProviderDetail;
import dev.arbiter.core.internal.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The cassette file format: JSON Lines, one recorded call per line.
 *
 * <pre>
 * {"digest":"…","request":{…},"generation":{…}}
 * {"digest":"…","request":{…},"failure":{"failureMode":"PROVIDER_UNAVAILABLE","message":"…","detail":{"httpStatus":429,"retryAfter":"PT2S"}}}
 * </pre>
 *
 * <p>{@code request} and {@code generation} are {@link JsonCodec}'s forms; {@code digest} is the request's
 * {@link GenerationRequest#digest()}, checked on load. Blank lines are ignored.
 */
final class CassetteFormat {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CassetteFormat() {}

    /** What a recorded call produced: a generation to return, or a failure to throw. */
    interface Outcome {
        /** Returns the recorded generation, or throws the recorded failure. */
        Generation replay();
    }

    record Answer(Generation generation) implements Outcome {
        @Override
        public Generation replay() {
            return generation;
        }
    }

    record Failure(FailureMode failureMode, String message, ProviderDetail detail) implements Outcome {
        @Override
        public Generation replay() {
            throw ArbiterException.of(failureMode, message, detail, null);
        }
    }

    /** One line of a cassette: where it is, the request (attributes removed, as matched) and the outcome. */
    record Recording(Path file, int line, String digest, JsonNode request, Outcome outcome) {}

    static String generationLine(GenerationRequest request, Generation generation) {
        ObjectNode line = start(request);
        line.set("generation", JsonCodec.generationToJson(generation));
        return write(line);
    }

    static String failureLine(GenerationRequest request, ArbiterException failure) {
        ObjectNode line = start(request);
        ObjectNode f = line.putObject("failure");
        f.put("failureMode", failure.failureMode().name());
        f.put("message", String.valueOf(failure.getMessage()));
        ObjectNode d = F.objectNode();
        ProviderDetail detail = failure.detail();
        detail.httpStatus().ifPresent(s -> d.put("httpStatus", s));
        detail.errorType().ifPresent(s -> d.put("errorType", s));
        detail.errorCode().ifPresent(s -> d.put("errorCode", s));
        detail.message().ifPresent(s -> d.put("message", s));
        detail.requestId().ifPresent(s -> d.put("requestId", s));
        detail.retryAfter().ifPresent(s -> d.put("retryAfter", s.toString()));
        if (!d.isEmpty()) {
            f.set("detail", d);
        }
        return write(line);
    }

    private static ObjectNode start(GenerationRequest request) {
        ObjectNode line = F.objectNode();
        line.put("digest", request.digest());
        line.set("request", JsonCodec.requestToJson(request));
        return line;
    }

    private static String write(ObjectNode line) {
        try {
            return Json.MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a cassette line", e);
        }
    }

    /**
     * Reads one line.
     *
     * @throws IllegalArgumentException naming the file, the line number and what is wrong
     */
    static Recording parse(String text, Path file, int lineNumber) {
        try {
            return parse(file, lineNumber, Json.parse(text, "the line"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private static Recording parse(Path file, int lineNumber, JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("a cassette line must be a JSON object, was " + json.getNodeType());
        }
        String digest = string(json, "digest", "");
        JsonNode requestJson = json.get("request");
        if (requestJson == null || !requestJson.isObject()) {
            throw new IllegalArgumentException("member 'request' must be an object");
        }
        GenerationRequest request = readRequest(requestJson);
        if (!request.digest().equals(digest)) {
            throw new IllegalArgumentException("recorded digest " + digest + " does not match the recorded request,"
                    + " whose digest is " + request.digest() + " (the line was edited, or the canonical form changed)");
        }
        ObjectNode matched = JsonCodec.requestToJson(request);
        matched.remove("attributes");
        return new Recording(file, lineNumber, digest, matched, outcome(json));
    }

    private static GenerationRequest readRequest(JsonNode json) {
        try {
            return JsonCodec.requestFromJson(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad request: " + e.getMessage(), e);
        }
    }

    private static Outcome outcome(JsonNode json) {
        JsonNode generation = json.get("generation");
        JsonNode failure = json.get("failure");
        if ((generation == null) == (failure == null)) {
            throw new IllegalArgumentException("a cassette line needs exactly one of 'generation' and 'failure'");
        }
        if (generation != null) {
            try {
                return new Answer(JsonCodec.generationFromJson(generation));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad generation: " + e.getMessage(), e);
            }
        }
        return failure(failure);
    }

    private static Failure failure(JsonNode json) {
        String mode = string(json, "failureMode", "failure.");
        FailureMode failureMode;
        try {
            failureMode = FailureMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown failure.failureMode '" + mode + "'", e);
        }
        String message = string(json, "message", "failure.");
        JsonNode d = json.path("detail");
        if (!d.isMissingNode() && !d.isObject()) {
            throw new IllegalArgumentException("member 'failure.detail' must be an object, was " + d.getNodeType());
        }
        ProviderDetail.Builder detail = ProviderDetail.builder()
                .errorType(optionalString(d, "errorType"))
                .errorCode(optionalString(d, "errorCode"))
                .message(optionalString(d, "message"))
                .requestId(optionalString(d, "requestId"));
        if (d.has("httpStatus")) {
            JsonNode status = d.get("httpStatus");
            if (!status.canConvertToExactIntegral() || !status.canConvertToInt()) {
                throw new IllegalArgumentException("member 'failure.detail.httpStatus' must be an integer, was " + status);
            }
            detail.httpStatus(status.intValue());
        }
        String retryAfter = optionalString(d, "retryAfter");
        if (retryAfter != null) {
            detail.retryAfter(duration(retryAfter));
        }
        return new Failure(failureMode, message, detail.build());
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "member 'failure.detail.retryAfter' is not an ISO-8601 duration: '" + text + "'", e);
        }
    }

    private static String string(JsonNode json, String name, String prefix) {
        JsonNode v = json.get(name);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("member '" + prefix + name + "' must be a string, was "
                    + (v == null ? "missing" : v.getNodeType()));
        }
        return v.textValue();
    }

    private static @Nullable String optionalString(JsonNode json, String name) {
        JsonNode v = json.get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(
                    "member 'failure.detail." + name + "' must be a string, was " + v.getNodeType());
        }
        return v.textValue();
    }
}
