/**
 * Permission envelopes, the tool gateway and approvals: the model proposes tool calls, this package decides.
 *
 * <p>{@link dev.arbiter.authority.permission.PermissionEnvelope} decides each proposed call (deny by default,
 * per-tool {@link dev.arbiter.authority.permission.Grant}s, value provenance);
 * {@link dev.arbiter.authority.permission.PolicyFiles} reads the same envelope from YAML or JSON;
 * {@link dev.arbiter.authority.permission.ToolGateway} is the only path from a proposed call to an executed one;
 * {@link dev.arbiter.authority.permission.ApprovalQueue} holds the approvals a person gives, bound to the digest of
 * the exact call.
 */
@org.jspecify.annotations.NullMarked
package dev.arbiter.authority.permission;
