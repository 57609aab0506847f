package dev.arbiter.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sources a model was given for one request, by id: what verifiers check claims against and what the
 * provenance record names.
 *
 * <p>Ids are unique. Adding a source whose id is already present with the same digest is a no-op; with a
 * different digest it is an error, because two different texts under one id would make citations ambiguous.
 * Immutable and thread-safe; {@link #with} and {@link #plus} return new instances.
 */
public final class Evidence {

    private static final Evidence EMPTY = new Evidence(Map.of());

    private final Map<String, Source> sources;

    private Evidence(Map<String, Source> sources) {
        this.sources = sources;
    }

    /** Returns evidence with no sources. */
    public static Evidence empty() {
        return EMPTY;
    }

    /** Returns evidence of the given sources, in order. */
    public static Evidence of(Source... sources) {
        return of(List.of(sources));
    }

    /**
     * Returns evidence of the given sources, in order.
     *
     * @throws IllegalArgumentException if two sources share an id but not a digest
     */
    public static Evidence of(List<Source> sources) {
        Map<String, Source> map = new LinkedHashMap<>();
        for (Source s : sources) {
            add(map, Objects.requireNonNull(s, "source"));
        }
        return map.isEmpty() ? EMPTY : new Evidence(Collections.unmodifiableMap(map));
    }

    private static void add(Map<String, Source> map, Source s) {
        Source existing = map.putIfAbsent(s.id(), s);
        if (existing != null && !existing.digest().equals(s.digest())) {
            throw new IllegalArgumentException("two different sources share the id '" + s.id() + "' (digests "
                    + existing.digest() + " and " + s.digest() + ")");
        }
    }

    /** Returns the sources in the order they were added. */
    public List<Source> sources() {
        return List.copyOf(sources.values());
    }

    /** Returns the source with the given id. */
    public Optional<Source> find(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /** Returns the sources the application vouches for. */
    public List<Source> trusted() {
        return sources.values().stream().filter(Source::isTrusted).toList();
    }

    /** Returns the sources from outside the application's control. */
    public List<Source> untrusted() {
        return sources.values().stream().filter(s -> !s.isTrusted()).toList();
    }

    /** Returns the number of sources. */
    public int size() {
        return sources.size();
    }

    /** Returns whether there are no sources. */
    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** Returns this evidence with one more source. */
    public Evidence with(Source source) {
        List<Source> all = new ArrayList<>(sources.values());
        all.add(source);
        return of(all);
    }

    /** Returns this evidence with the other's sources added after its own. */
    public Evidence plus(Evidence other) {
        List<Source> all = new ArrayList<>(sources.values());
        all.addAll(other.sources.values());
        return of(all);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evidence e && List.copyOf(sources.values()).equals(List.copyOf(e.sources.values()));
    }

    @Override
    public int hashCode() {
        return List.copyOf(sources.values()).hashCode();
    }

    @Override
    public String toString() {
        return "Evidence" + sources.keySet();
    }
}
