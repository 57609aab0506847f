package dev.arbiter.authority.permission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link PermissionEnvelope} permits for one tool: argument constraints, a call limit per run, whether a
 * person must approve each call, and what to do with a sensitive value of untrusted provenance.
 *
 * <p>Constraints, checked in this order: an extra JSON Schema over the arguments; deny lists (a listed value is
 * refused); allow lists (a value not listed is refused; a listed value counts as trusted for value provenance);
 * numeric limits; the call limit; value provenance; the approval requirement. Values in lists are compared after
 * {@link dev.arbiter.authority.permission.internal.Values normalisation}. A parameter may name an application
 * {@link Registries registry} ({@link Builder#registered}): its values found there count as trusted for value
 * provenance.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class Grant {

    private final @Nullable JsonNode schema;
    private final Map<String, Set<String>> allowed;
    private final Map<String, Set<String>> denied;
    private final Map<String, NumericLimit> limits;
    private final Map<String, String> registered;
    private final int maxCallsPerRun;
    private final boolean approvalRequired;
    private final Refusal untrustedValues;

    private Grant(Builder b) {
        this.schema = b.schema == null ? null : b.schema.deepCopy();
        this.allowed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.allowed));
        this.denied = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.denied));
        this.limits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.limits));
        this.registered = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.registered));
        this.maxCallsPerRun = b.maxCallsPerRun;
        this.approvalRequired = b.approvalRequired;
        this.untrustedValues = b.untrustedValues;
    }

    /** Returns a builder: no constraints, no call limit, no approval, untrusted sensitive values denied. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a grant with no constraints beyond value provenance (untrusted sensitive values denied). */
    public static Grant unrestricted() {
        return builder().build();
    }

    /** Returns the extra JSON Schema the arguments must satisfy, if any. */
    public Optional<JsonNode> schema() {
        return Optional.ofNullable(schema).map(JsonNode::deepCopy);
    }

    /** Returns, per parameter, the only values allowed. */
    public Map<String, Set<String>> allowed() {
        return allowed;
    }

    /** Returns, per parameter, the values refused. */
    public Map<String, Set<String>> denied() {
        return denied;
    }

    /** Returns, per parameter, its numeric limit. */
    public Map<String, NumericLimit> limits() {
        return limits;
    }

    /** Returns, per parameter, the name of the registry whose values count as trusted for it. */
    public Map<String, String> registered() {
        return registered;
    }

    /** Returns the most calls of this tool one run may make; 0 means no limit. */
    public int maxCallsPerRun() {
        return maxCallsPerRun;
    }

    /** Returns whether every call needs a person's approval. */
    public boolean approvalRequired() {
        return approvalRequired;
    }

    /** Returns what happens to a call with a sensitive value found only in untrusted material. */
    public Refusal untrustedValues() {
        return untrustedValues;
    }

    /** Builds a {@link Grant}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private @Nullable JsonNode schema;
        private final Map<String, Set<String>> allowed = new LinkedHashMap<>();
        private final Map<String, Set<String>> denied = new LinkedHashMap<>();
        private final Map<String, NumericLimit> limits = new LinkedHashMap<>();
        private final Map<String, String> registered = new LinkedHashMap<>();
        private int maxCallsPerRun;
        private boolean approvalRequired;
        private Refusal untrustedValues = Refusal.DENY;

        private Builder() {}

        /** Sets an extra JSON Schema over the arguments (a stricter one than the tool's own). */
        public Builder schema(JsonNode schema) {
            if (!Objects.requireNonNull(schema, "schema").isObject()) {
                throw new IllegalArgumentException("a grant's schema must be a JSON object, was " + schema.getNodeType());
            }
            this.schema = schema.deepCopy();
            return this;
        }

        /** Allows only these values for the parameter. */
        public Builder allow(String parameter, Set<String> values) {
            allowed.put(Objects.requireNonNull(parameter, "parameter"),
                    java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(values)));
            return this;
        }

        /** Refuses these values for the parameter. */
        public Builder deny(String parameter, Set<String> values) {
            denied.put(Objects.requireNonNull(parameter, "parameter"),
                    java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(values)));
            return this;
        }

        /** Sets the numeric limit of the parameter. */
        public Builder limit(String parameter, NumericLimit limit) {
            limits.put(Objects.requireNonNull(parameter, "parameter"), Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /**
         * Names the application registry that vouches for the parameter's values: a value the context's
         * {@link Registries} hold under that name counts as trusted for value provenance. Other values are judged
         * by provenance as usual.
         */
        public Builder registered(String parameter, String registry) {
            Objects.requireNonNull(parameter, "parameter");
            if (Objects.requireNonNull(registry, "registry").isBlank()) {
                throw new IllegalArgumentException("the registry of parameter '" + parameter + "' must not be blank");
            }
            registered.put(parameter, registry);
            return this;
        }

        /** Sets the most calls one run may make; 0 for no limit; not negative. */
        public Builder maxCallsPerRun(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxCallsPerRun must not be negative, was " + max);
            }
            this.maxCallsPerRun = max;
            return this;
        }

        /** Sets whether every call needs a person's approval. */
        public Builder approvalRequired(boolean required) {
            this.approvalRequired = required;
            return this;
        }

        /** Sets what happens to a sensitive value found only in untrusted material; default deny. */
        public Builder untrustedValues(Refusal refusal) {
            this.untrustedValues = Objects.requireNonNull(refusal, "refusal");
            return this;
        }

        /** Returns the grant. */
        public Grant build() {
            return new Grant(this);
        }
    }
}
