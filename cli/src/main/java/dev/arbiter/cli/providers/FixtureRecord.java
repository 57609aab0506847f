package dev.arbiter.cli.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded provider response from a provider-fixtures file: what the provider sent back for one request.
 *
 * @param file the file it came from
 * @param line its line number in the file (1-based)
 * @param source where the body was recorded or quoted from
 * @param provider {@code openai}, {@code anthropic}, {@code azure-openai}, ...
 * @param method the HTTP method
 * @param path the endpoint path, e.g. {@code /v1/chat/completions}
 * @param status the HTTP status
 * @param headers response headers to serve (content type included)
 * @param body the response body exactly as recorded
 * @param streaming whether the body is a server-sent-event stream
 * @param tags the dataset's tags, e.g. {@code finish_reason:length}, {@code refusal}, {@code error:rate_limit_error}
 * @param raw the whole record
 */
record FixtureRecord(
        String file,
        int line,
        String source,
        String provider,
        String method,
        String path,
        int status,
        Map<String, String> headers,
        String body,
        boolean streaming,
        List<String> tags,
        JsonNode raw) {

    FixtureRecord {
        Objects.requireNonNull(file, "file");
        headers = Map.copyOf(headers);
        tags = List.copyOf(tags);
    }

    /** Returns a short name for the record: its file and line. */
    String location() {
        return file + ":" + line;
    }

    /** Returns the value of a tag such as {@code finish_reason:stop}, by its prefix. */
    Optional<String> tag(String prefix) {
        return tags.stream()
                .filter(t -> t.startsWith(prefix + ":"))
                .map(t -> t.substring(prefix.length() + 1))
                .findFirst();
    }

    /** Returns whether the record carries the tag. */
    boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
