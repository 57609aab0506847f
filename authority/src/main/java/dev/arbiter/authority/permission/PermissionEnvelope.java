package dev.arbiter.authority.permission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.permission.internal.ArgumentRules;
import dev.arbiter.authority.permission.internal.Provenance;
import dev.arbiter.authority.permission.internal.SchemaCheck;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.JsonLimits;
import dev.arbiter.core.ToolCall;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, deterministically and deny by default, whether a proposed tool call may run.
 *
 * <p>{@link #decide} checks, in this order, and the first rule that refuses decides:
 * <ol>
 *   <li>the tool is known ({@code unknown-tool}, {@link FailureMode#TOOL_MISDECLARED});</li>
 *   <li>the arguments are a JSON object that satisfies the tool's own schema ({@code arguments-json},
 *       {@code tool-schema}; {@link FailureMode#TOOL_MISDECLARED});</li>
 *   <li>the tool has a grant ({@code no-grant}); then the grant's schema ({@code grant-schema}), deny lists, allow
 *       lists and numeric limits ({@code deny-list:P}, {@code allow-list:P}, {@code limit:P}), the call limit per
 *       run ({@code call-limit}), value provenance ({@code provenance:P}) and the approval requirement
 *       ({@code approval-required}); all {@link FailureMode#POLICY_VIOLATION} when denied.</li>
 * </ol>
 * A limit or provenance rule whose grant says {@link Refusal#APPROVE} escalates instead of denying; a later rule
 * that denies still wins over an earlier escalation. Every decision names the policy id and version.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * PermissionEnvelope envelope = PermissionEnvelope.builder(PolicyRef.of("payments", "3"))
 *         .grant(sendMoney.withSensitive("recipient"), Grant.builder().untrustedValues(Refusal.APPROVE).build())
 *         .grant(balance, Grant.unrestricted())
 *         .build();
 * PermissionDecision d = envelope.decide(call, DecisionContext.of(runId, evidence));
 * }</pre>
 */
public final class PermissionEnvelope {

    private record Entry(ToolDescriptor tool, SchemaCheck toolSchema, Optional<Grant> grant,
            Optional<SchemaCheck> grantSchema) {}

    private final PolicyRef policy;
    private final Map<String, Entry> entries;
    private final JsonLimits jsonLimits;

    private PermissionEnvelope(Builder b) {
        this(b.policy, Map.copyOf(b.entries), JsonLimits.defaults());
    }

    private PermissionEnvelope(PolicyRef policy, Map<String, Entry> entries, JsonLimits jsonLimits) {
        this.policy = policy;
        this.entries = entries;
        this.jsonLimits = jsonLimits;
    }

    /**
     * Returns a copy that parses tool-call arguments within these limits (default {@link JsonLimits#defaults()}):
     * arguments past a limit are refused as {@code arguments-json} with a reason that names the limit.
     */
    public PermissionEnvelope withJsonLimits(JsonLimits limits) {
        return new PermissionEnvelope(policy, entries, Objects.requireNonNull(limits, "limits"));
    }

    /** Returns the limits tool-call arguments are parsed within. */
    public JsonLimits jsonLimits() {
        return jsonLimits;
    }

    /** Returns a builder for an envelope under the given policy id and version. */
    public static Builder builder(PolicyRef policy) {
        return new Builder(policy);
    }

    /** Returns the policy this envelope decides under. */
    public PolicyRef policy() {
        return policy;
    }

    /** Returns the descriptor of a known tool. */
    public Optional<ToolDescriptor> tool(String name) {
        return Optional.ofNullable(entries.get(name)).map(Entry::tool);
    }

    /** Returns the grant of a tool, if it has one. */
    public Optional<Grant> grant(String name) {
        Entry e = entries.get(name);
        return e == null ? Optional.empty() : e.grant();
    }

    /** Decides whether the call may run, given the run's context. Never throws for any call. */
    public PermissionDecision decide(ToolCall call, DecisionContext context) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(context, "context");
        Entry e = entries.get(call.name());
        if (e == null) {
            return misdeclared("unknown-tool", "there is no tool '" + call.name() + "'; known tools: "
                    + new java.util.TreeSet<>(entries.keySet()));
        }
        Optional<JsonNode> parsed = call.parsedArguments(jsonLimits);
        if (parsed.isEmpty()) {
            Optional<String> overLimit = jsonLimits.brokenBy(call.arguments());
            if (overLimit.isPresent()) {
                return misdeclared("arguments-json", "the arguments of tool '" + call.name() + "' are not a JSON "
                        + "object within the limits: " + overLimit.get());
            }
        }
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return misdeclared("arguments-json", "the arguments of tool '" + call.name()
                    + "' are not a JSON object: " + abbreviate(call.arguments()));
        }
        JsonNode args = parsed.get();
        Optional<String> broken = e.toolSchema().problems(args);
        if (broken.isPresent()) {
            return misdeclared("tool-schema", "the arguments break the schema of tool '" + call.name() + "': "
                    + broken.get());
        }
        if (e.grant().isEmpty()) {
            return deny("no-grant", "tool '" + call.name() + "' is known but the policy grants no call to it");
        }
        return decideGranted(call, e, e.grant().get(), args, context);
    }

    private PermissionDecision decideGranted(ToolCall call, Entry e, Grant grant, JsonNode args, DecisionContext ctx) {
        Optional<String> grantBroken = e.grantSchema().flatMap(s -> s.problems(args));
        if (grantBroken.isPresent()) {
            return deny("grant-schema", "the arguments break the policy's constraints on tool '" + call.name()
                    + "': " + grantBroken.get());
        }
        PermissionDecision escalation = null;
        Optional<ArgumentRules.Breach> breach = ArgumentRules.check(call.name(), grant, args);
        if (breach.isPresent()) {
            if (breach.get().refusal() == Refusal.DENY) {
                return deny(breach.get().rule(), breach.get().reason());
            }
            escalation = new PermissionDecision.NeedsApproval(breach.get().reason(), breach.get().rule(), policy);
        }
        long made = ctx.callsSoFar().stream().filter(c -> c.name().equals(call.name())).count();
        if (grant.maxCallsPerRun() > 0 && made >= grant.maxCallsPerRun()) {
            return deny("call-limit", "run '" + ctx.runId() + "' already made " + made + " call(s) to tool '"
                    + call.name() + "', the limit is " + grant.maxCallsPerRun());
        }
        Optional<Provenance.Tainted> tainted = Provenance.firstTainted(e.tool(), grant, args, ctx);
        if (tainted.isPresent()) {
            String rule = "provenance:" + tainted.get().parameter();
            String reason = tainted.get().describe(call.name());
            if (grant.untrustedValues() == Refusal.DENY) {
                return deny(rule, reason);
            }
            escalation = escalation != null ? escalation : new PermissionDecision.NeedsApproval(reason, rule, policy);
        }
        if (escalation != null) {
            return escalation;
        }
        if (grant.approvalRequired()) {
            return new PermissionDecision.NeedsApproval("every call to tool '" + call.name() + "' needs approval ("
                    + e.tool().sideEffect() + ")", "approval-required", policy);
        }
        return new PermissionDecision.Allow("grant", "granted " + e.tool().sideEffect() + " call to '"
                + call.name() + "'", policy);
    }

    private PermissionDecision misdeclared(String rule, String reason) {
        return new PermissionDecision.Deny(reason, rule, FailureMode.TOOL_MISDECLARED, policy);
    }

    private PermissionDecision deny(String rule, String reason) {
        return new PermissionDecision.Deny(reason, rule, FailureMode.POLICY_VIOLATION, policy);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? "'" + s + "'" : "'" + s.substring(0, 200) + "…' (" + s.length() + " characters)";
    }

    /** Builds a {@link PermissionEnvelope}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private final PolicyRef policy;
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder(PolicyRef policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /**
         * Makes the tool known and grants calls to it.
         *
         * @throws IllegalArgumentException if the tool is already known, a schema cannot be used, or a grant's list
         *     or limit names a parameter the tool does not have
         */
        public Builder grant(ToolDescriptor tool, Grant grant) {
            Objects.requireNonNull(grant, "grant");
            checkParameters(tool, grant);
            return put(tool, Optional.of(grant));
        }

        /** Makes the tool known without granting anything: its calls are denied as {@code no-grant}. */
        public Builder known(ToolDescriptor tool) {
            return put(tool, Optional.empty());
        }

        /** Grants calls to each of the tools, as described by the tools themselves. */
        public Builder grantAll(Collection<Tool> tools, Grant grant) {
            tools.forEach(t -> grant(t.descriptor(), grant));
            return this;
        }

        private Builder put(ToolDescriptor tool, Optional<Grant> grant) {
            Objects.requireNonNull(tool, "tool");
            if (entries.containsKey(tool.name())) {
                throw new IllegalArgumentException("tool '" + tool.name() + "' is declared twice in policy " + policy);
            }
            SchemaCheck own = SchemaCheck.compile(tool.spec().parameters(), "tool '" + tool.name() + "'");
            Optional<SchemaCheck> extra = grant.flatMap(Grant::schema)
                    .map(s -> SchemaCheck.compile(s, "the grant of tool '" + tool.name() + "'"));
            entries.put(tool.name(), new Entry(tool, own, grant, extra));
            return this;
        }

        private static void checkParameters(ToolDescriptor tool, Grant grant) {
            java.util.Set<String> props = new java.util.HashSet<>();
            tool.spec().parameters().path("properties").fieldNames().forEachRemaining(props::add);
            java.util.Set<String> named = new java.util.LinkedHashSet<>(grant.allowed().keySet());
            named.addAll(grant.denied().keySet());
            named.addAll(grant.limits().keySet());
            named.addAll(grant.registered().keySet());
            for (String p : named) {
                if (!props.contains(p)) {
                    throw new IllegalArgumentException("the grant of tool '" + tool.name() + "' constrains '" + p
                            + "', which is not one of its parameters " + props);
                }
            }
            for (String p : grant.registered().keySet()) {
                if (!tool.sensitiveParameters().contains(p)) {
                    throw new IllegalArgumentException("the grant of tool '" + tool.name() + "' names a registry for '"
                            + p + "', which is not a sensitive parameter " + tool.sensitiveParameters()
                            + ": a registry only vouches for sensitive values");
                }
            }
        }

        /** Returns the envelope. */
        public PermissionEnvelope build() {
            return new PermissionEnvelope(this);
        }
    }
}
