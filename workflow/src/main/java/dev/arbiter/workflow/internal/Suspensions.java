package dev.arbiter.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The approvals a run suspended on, kept in the run's checkpoint store under keys {@code suspension:0},
 * {@code suspension:1}, … (the store keeps the first save of a key, so concurrent writers never overwrite each
 * other). A resumed run reads them to find what a person decided: approved candidates, rejected tool calls.
 */
final class Suspensions {

    /** A review of a model's candidate (reserved tool {@code arbiter.review}). */
    static final String REVIEW = "review";
    /** A tool call the gateway escalated. */
    static final String TOOL = "tool";

    private static final String PREFIX = "suspension:";
    private static final int MAX = 10_000;
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /**
     * One suspension.
     *
     * @param kind {@link #REVIEW} or {@link #TOOL}
     * @param stepId the step that suspended
     * @param inputDigest the digest of the step's input (empty for a tool call)
     * @param approvalId the approval in the queue
     * @param digest the digest the approval is bound to
     * @param mode the failure mode that escalated
     * @param reason why
     * @param requestDigest the digest of the request that produced the candidate (empty for a tool call)
     * @param candidate the candidate generation's JSON ({@code null} for a tool call)
     */
    record Entry(String kind, String stepId, String inputDigest, String approvalId, String digest, String mode,
            String reason, String requestDigest, @Nullable JsonNode candidate) {
        Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(stepId, "stepId");
            Objects.requireNonNull(inputDigest, "inputDigest");
            Objects.requireNonNull(approvalId, "approvalId");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(requestDigest, "requestDigest");
        }
    }

    private Suspensions() {}

    /**
     * Whether the run holds any suspension, read with the store's {@link
     * dev.arbiter.workflow.CheckpointStore#loadAsync}: an asynchronous run asks this before it leaves its thread to
     * read them all and ask the approval queue.
     */
    static CompletableFuture<Boolean> anyAsync(StepContext ctx) {
        return Futures.call(() -> Objects.requireNonNull(ctx.checkpoints().loadAsync(ctx.runId(), PREFIX + 0),
                "the checkpoint store returned no future")).thenApply(Optional::isPresent);
    }

    /** Returns every suspension of the run, oldest first. */
    static List<Entry> all(StepContext ctx) {
        List<Entry> out = new ArrayList<>();
        for (int n = 0; n < MAX; n++) {
            Optional<Checkpoint> c = ctx.checkpoints().load(ctx.runId(), PREFIX + n);
            if (c.isEmpty()) {
                return out;
            }
            out.add(read(c.get()));
        }
        throw new IllegalStateException("run '" + ctx.runId() + "' has more than " + MAX + " suspensions");
    }

    /** Stores {@code entry} unless the run already holds a suspension on the same approval. */
    static void remember(StepContext ctx, Entry entry) {
        for (int n = 0; n < MAX; n++) {
            String key = PREFIX + n;
            Optional<Checkpoint> c = ctx.checkpoints().load(ctx.runId(), key);
            if (c.isEmpty()) {
                ctx.checkpoints().save(new Checkpoint(ctx.runId(), key, entry.stepId(), write(entry),
                        ctx.budget().spend(), ctx.clock().instant()));
                c = ctx.checkpoints().load(ctx.runId(), key); // another writer may have won this key
            }
            if (c.isPresent() && read(c.get()).approvalId().equals(entry.approvalId())) {
                return;
            }
        }
        throw new IllegalStateException("run '" + ctx.runId() + "' has more than " + MAX + " suspensions");
    }

    private static String write(Entry e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", e.kind()).put("stepId", e.stepId()).put("inputDigest", e.inputDigest())
                .put("approvalId", e.approvalId()).put("digest", e.digest()).put("mode", e.mode())
                .put("reason", e.reason()).put("requestDigest", e.requestDigest());
        if (e.candidate() != null) {
            n.set("candidate", e.candidate());
        }
        return n.toString();
    }

    private static Entry read(Checkpoint c) {
        try {
            JsonNode n = MAPPER.readTree(c.artifactJson());
            JsonNode candidate = n.get("candidate");
            return new Entry(n.path("kind").asText(), n.path("stepId").asText(), n.path("inputDigest").asText(),
                    n.path("approvalId").asText(), n.path("digest").asText(), n.path("mode").asText(),
                    n.path("reason").asText(), n.path("requestDigest").asText(), candidate == null || candidate.isNull() ? null : candidate);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("suspension '" + c.key() + "' of run '" + c.runId()
                    + "' is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
