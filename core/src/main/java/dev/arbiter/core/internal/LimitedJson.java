package dev.arbiter.core.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jackson mappers that enforce the parsing limits of {@code JsonLimits} (depth, number length, string length), and
 * the messages that name a limit a text broke. Thread-safe.
 */
public final class LimitedJson {

    private record Key(ObjectMapper base, int maxDepth, int maxNumberLength, int maxStringLength) {}

    private static final Map<Key, ObjectMapper> MAPPERS = new ConcurrentHashMap<>();

    private LimitedJson() {}

    /**
     * Returns a copy of {@code base} (cached per base and limits) whose parser enforces the depth, number and string
     * limits. The document length is checked before parsing, by the caller.
     */
    public static ObjectMapper mapper(ObjectMapper base, int maxDepth, int maxNumberLength, int maxStringLength) {
        return MAPPERS.computeIfAbsent(new Key(base, maxDepth, maxNumberLength, maxStringLength), k -> {
            ObjectMapper copy = base.copy();
            copy.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxNumberLength(maxNumberLength)
                    .maxStringLength(maxStringLength)
                    .maxDocumentLength(-1)
                    .build());
            return copy;
        });
    }

    /**
     * Returns the message naming the limit when the failure (or one of its causes) is Jackson's refusal of a
     * {@link StreamReadConstraints} limit; empty otherwise.
     */
    public static Optional<String> limitBroken(Throwable failure, int maxDepth, int maxNumberLength,
            int maxStringLength) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("getMaxNestingDepth")) {
                    return Optional.of("the JSON is nested deeper than the limit maxDepth = " + maxDepth
                            + " (JsonLimits)");
                }
                if (m.contains("getMaxNumberLength")) {
                    return Optional.of("a JSON number is longer than the limit maxNumberLength = "
                            + maxNumberLength + " characters (JsonLimits)");
                }
                if (m.contains("getMaxStringLength")) {
                    return Optional.of("a JSON string is longer than the limit maxStringLength = "
                            + maxStringLength + " characters (JsonLimits)");
                }
                return Optional.of("the JSON breaks a parsing limit (JsonLimits): " + m);
            }
        }
        return Optional.empty();
    }
}
