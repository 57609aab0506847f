package dev.arbiter.authority.permission;

import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.Trust;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the application knows about one tool: its {@link ToolSpec}, its side-effect class, which parameters are
 * sensitive, which parameters carry free text, and whether its output is trusted.
 *
 * <p>A <em>sensitive</em> parameter names something the call acts on (a recipient, an account number, a URL, a
 * path, an amount): its value is subject to value provenance. A <em>free-text</em> parameter (a message body, a
 * subject) is not checked as a whole, but the links, e-mail addresses and IBANs written inside it are, as if each
 * were a sensitive value. Every named parameter must be a property of the spec's schema.
 *
 * <p>Immutable and thread-safe. Parameter sets keep their order: the envelope checks them in that order, so the rule
 * it names is deterministic.
 *
 * @param spec the tool as offered to the model
 * @param sideEffect what running it does
 * @param sensitiveParameters parameters whose values are subject to value provenance
 * @param freeTextParameters parameters whose embedded links, e-mail addresses and IBANs are subject to it
 * @param outputTrust whether the application vouches for what the tool returns (untrusted by default)
 */
public record ToolDescriptor(ToolSpec spec, SideEffect sideEffect, Set<String> sensitiveParameters,
        Set<String> freeTextParameters, Trust outputTrust) {

    public ToolDescriptor {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(sideEffect, "sideEffect");
        Objects.requireNonNull(outputTrust, "outputTrust");
        sensitiveParameters = ordered(sensitiveParameters);
        freeTextParameters = ordered(freeTextParameters);
        Set<String> properties = properties(spec);
        for (String p : union(sensitiveParameters, freeTextParameters)) {
            if (!properties.contains(p)) {
                throw new IllegalArgumentException("tool '" + spec.name() + "' has no parameter '" + p
                        + "' (its schema declares " + properties + ")");
            }
        }
    }

    /** Returns a descriptor of a tool with no sensitive or free-text parameters and untrusted output. */
    public static ToolDescriptor of(ToolSpec spec, SideEffect sideEffect) {
        return new ToolDescriptor(spec, sideEffect, Set.of(), Set.of(), Trust.UNTRUSTED);
    }

    /** Returns the tool's name. */
    public String name() {
        return spec.name();
    }

    /** Returns a copy with these sensitive parameters. */
    public ToolDescriptor withSensitive(String... parameters) {
        return new ToolDescriptor(spec, sideEffect, new LinkedHashSet<>(java.util.List.of(parameters)),
                freeTextParameters, outputTrust);
    }

    /** Returns a copy with these free-text parameters. */
    public ToolDescriptor withFreeText(String... parameters) {
        return new ToolDescriptor(spec, sideEffect, sensitiveParameters, new LinkedHashSet<>(java.util.List.of(parameters)),
                outputTrust);
    }

    /** Returns a copy whose output has this trust. */
    public ToolDescriptor withOutputTrust(Trust trust) {
        return new ToolDescriptor(spec, sideEffect, sensitiveParameters, freeTextParameters, trust);
    }

    private static Set<String> ordered(Set<String> names) {
        Set<String> copy = new LinkedHashSet<>();
        for (String n : names) {
            copy.add(Objects.requireNonNull(n, "parameter name"));
        }
        return java.util.Collections.unmodifiableSet(copy);
    }

    private static Set<String> properties(ToolSpec spec) {
        Set<String> names = new LinkedHashSet<>();
        spec.parameters().path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
