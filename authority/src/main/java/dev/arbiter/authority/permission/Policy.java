package dev.arbiter.authority.permission;

import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.Trust;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A permission policy as a file states it: an id, a version, and per tool its side-effect class, sensitive and
 * free-text parameters, output trust and grant (or none). Read one with {@link PolicyFiles}; turn it into a
 * {@link PermissionEnvelope} over the tools the application offers with {@link #envelope}. Immutable and
 * thread-safe.
 */
public final class Policy {

    /**
     * What a policy says about one tool.
     *
     * @param name the tool's name
     * @param sideEffect its side-effect class
     * @param sensitive its sensitive parameters
     * @param freeText its free-text parameters
     * @param outputTrust the trust of its output
     * @param grant its grant; empty: known but never granted
     */
    public record ToolPolicy(String name, SideEffect sideEffect, Set<String> sensitive, Set<String> freeText,
            Trust outputTrust, Optional<Grant> grant) {
        public ToolPolicy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sideEffect, "sideEffect");
            sensitive = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(sensitive));
            freeText = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(freeText));
            Objects.requireNonNull(outputTrust, "outputTrust");
            Objects.requireNonNull(grant, "grant");
        }
    }

    private final PolicyRef ref;
    private final Map<String, ToolPolicy> tools;
    private final Map<String, String> registries;

    /** Creates a policy that declares no registries; tool names must be unique. */
    public Policy(PolicyRef ref, List<ToolPolicy> tools) {
        this(ref, Map.of(), tools);
    }

    /**
     * Creates a policy; tool names must be unique, and every registry a grant names must be declared.
     *
     * @param ref the policy's id and version
     * @param registries the application registries the policy relies on: name to description
     * @param tools what the policy says per tool
     */
    public Policy(PolicyRef ref, Map<String, String> registries, List<ToolPolicy> tools) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.registries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(registries));
        for (ToolPolicy t : tools) {
            for (String r : t.grant().map(Grant::registered).orElse(Map.of()).values()) {
                if (!this.registries.containsKey(r)) {
                    throw new IllegalArgumentException("policy " + ref + ": tool '" + t.name() + "' names registry '"
                            + r + "', which the policy does not declare " + this.registries.keySet());
                }
            }
        }
        Map<String, ToolPolicy> map = new LinkedHashMap<>();
        for (ToolPolicy t : tools) {
            if (map.put(t.name(), t) != null) {
                throw new IllegalArgumentException("policy " + ref + " names tool '" + t.name() + "' twice");
            }
        }
        this.tools = java.util.Collections.unmodifiableMap(map);
    }

    /** Returns the policy's id and version. */
    public PolicyRef ref() {
        return ref;
    }

    /**
     * Returns the application registries the policy relies on (name to description): the application supplies
     * them at decision time as {@link Registries} in the {@link DecisionContext}.
     */
    public Map<String, String> registries() {
        return registries;
    }

    /** Returns what the policy says per tool, in file order. */
    public Map<String, ToolPolicy> tools() {
        return tools;
    }

    /**
     * Returns the envelope this policy defines over the tools the application offers. An offered tool the policy
     * does not name is known but never granted (deny by default).
     *
     * @throws IllegalArgumentException if the policy names a tool that is not offered, or a parameter its schema
     *     lacks
     */
    public PermissionEnvelope envelope(Collection<ToolSpec> offered) {
        Map<String, ToolSpec> specs = new LinkedHashMap<>();
        offered.forEach(s -> specs.put(s.name(), s));
        PermissionEnvelope.Builder b = PermissionEnvelope.builder(ref);
        for (ToolPolicy t : tools.values()) {
            ToolSpec spec = specs.remove(t.name());
            if (spec == null) {
                throw new IllegalArgumentException("policy " + ref + " names tool '" + t.name()
                        + "', which the application does not offer");
            }
            ToolDescriptor d = new ToolDescriptor(spec, t.sideEffect(), t.sensitive(), t.freeText(), t.outputTrust());
            if (t.grant().isPresent()) {
                b.grant(d, t.grant().get());
            } else {
                b.known(d);
            }
        }
        specs.values().forEach(s -> b.known(ToolDescriptor.of(s, SideEffect.IRREVERSIBLE)));
        return b.build();
    }
}
