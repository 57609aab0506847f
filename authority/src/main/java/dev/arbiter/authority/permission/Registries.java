package dev.arbiter.authority.permission;

import dev.arbiter.authority.permission.internal.Values;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The application's own registries: named sets of values it keeps in its records of record (its member table, the
 * payees its account holder set up, the e-mail address on file for a customer), consulted when a call is decided.
 *
 * <p>A grant names, per sensitive parameter, the registry that vouches for its values ({@code registered:} in a
 * policy file, {@link Grant.Builder#registered}): a value found in that registry counts as trusted for value
 * provenance even when the model saw it only in untrusted material, because the application, not the material,
 * says the value is one of its own. A value not in the registry is judged by provenance as before. A registry is
 * never filled from tool outputs or documents: it is the application's state, as the application reads it.
 *
 * <p>Values are compared after the normalisation of {@link Values#normalize} (case, spaces in IBANs and phone
 * numbers, trailing dots, URL forms). A registry the context does not supply contains nothing (deny by default).
 * Implementations must be thread-safe; {@link #of} is immutable.
 */
@FunctionalInterface
public interface Registries {

    /** Returns whether the named registry holds the value (compared after normalisation). */
    boolean contains(String registry, String value);

    /** Returns registries that hold a value when either this or the other holds it. */
    default Registries or(Registries other) {
        Objects.requireNonNull(other, "other");
        Registries self = this;
        return (registry, value) -> self.contains(registry, value) || other.contains(registry, value);
    }

    /** Returns registries that hold nothing. */
    static Registries none() {
        return (registry, value) -> false;
    }

    /** Returns fixed registries: per registry name, its values. */
    static Registries of(Map<String, ? extends Collection<String>> registries) {
        Map<String, Set<String>> normalised = new LinkedHashMap<>();
        registries.forEach((name, values) -> {
            Set<String> set = new LinkedHashSet<>();
            for (String v : Objects.requireNonNull(values, "values of registry " + name)) {
                set.add(Values.normalize(Objects.requireNonNull(v, "a value of registry " + name)));
            }
            normalised.put(Objects.requireNonNull(name, "registry name"), Set.copyOf(set));
        });
        Map<String, Set<String>> fixed = Map.copyOf(normalised);
        return new Registries() {
            @Override
            public boolean contains(String registry, String value) {
                Set<String> values = fixed.get(registry);
                return values != null && value != null && values.contains(Values.normalize(value));
            }

            @Override
            public String toString() {
                StringBuilder s = new StringBuilder("Registries");
                fixed.forEach((k, v) -> s.append(' ').append(k).append('(').append(v.size()).append(')'));
                return s.toString();
            }
        };
    }
}
