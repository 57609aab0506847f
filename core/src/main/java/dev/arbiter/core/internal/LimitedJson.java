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

    /** A mapper of {@link #MAPPERS} with its key, kept in {@link #RECENT}. Immutable. */
    private record Recent(ObjectMapper base, int maxDepth, int maxNumberLength, int maxStringLength,
            ObjectMapper mapper) {}

    /**
     * The mappers asked for last, one per slot, so a lookup does not build a key and hash it (each model output is
     * read with one): only ever hold a mapper of {@link #MAPPERS}. Written without a lock: a reader sees a slot's
     * entry or an older one or none (final fields), and then asks the map.
     */
    private static final Recent[] RECENT = new Recent[8];

    private LimitedJson() {}

    /**
     * Returns a copy of {@code base} (cached per base and limits) whose parser enforces the depth, number and string
     * limits. The document length is checked before parsing, by the caller.
     */
    public static ObjectMapper mapper(ObjectMapper base, int maxDepth, int maxNumberLength, int maxStringLength) {
        int slot = (System.identityHashCode(base) ^ maxDepth ^ maxNumberLength * 31 ^ maxStringLength * 17)
                & (RECENT.length - 1);
        Recent r = RECENT[slot];
        if (r != null && r.base() == base && r.maxDepth() == maxDepth && r.maxNumberLength() == maxNumberLength
                && r.maxStringLength() == maxStringLength) {
            return r.mapper();
        }
        ObjectMapper mapper = cached(base, maxDepth, maxNumberLength, maxStringLength);
        RECENT[slot] = new Recent(base, maxDepth, maxNumberLength, maxStringLength, mapper);
        return mapper;
    }

    /** {@link #mapper} from the map alone (tests compare the two). */
    static ObjectMapper cached(ObjectMapper base, int maxDepth, int maxNumberLength, int maxStringLength) {
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
