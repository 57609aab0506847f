package dev.arbiter.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.authority.permission.ToolCalls;
import dev.arbiter.core.Source;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.Trust;
import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.StepContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The tool calls a run executed, kept in the run's checkpoint store under keys {@code tool-executed:0},
 * {@code tool-executed:1}, … (the store keeps the first save of a key, so concurrent writers never overwrite each
 * other), so that a call executes <b>once per run</b>: a later pass of the tool loop (a repair attempt, or the run
 * resumed after an approval) that proposes the same call again, in the same step, gets the recorded output back
 * instead of running the tool a second time. The n-th identical call (same tool, same canonical arguments) of a
 * pass is matched with the n-th recorded execution of it in the step; calls beyond the recorded ones run. The
 * journal also gives the run's executed calls to the permission envelope, so a grant's {@code max_calls_per_run}
 * counts the run, not one pass.
 *
 * <p>One journal per pass of the tool loop; not thread-safe. Loading reads the run's entries once.
 */
final class ToolJournal {

    private static final String PREFIX = "tool-executed:";
    private static final int MAX = 100_000;
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /**
     * One executed call.
     *
     * @param stepId the step whose tool loop ran it
     * @param digest the call's digest ({@link ToolCalls#digest})
     * @param call the call
     * @param output what the tool returned, as the model saw it
     * @param source the source the output joined the evidence as
     */
    record Entry(String stepId, String digest, ToolCall call, String output, Source source) {}

    private final StepContext ctx;
    private final boolean async;
    private final List<Entry> entries;
    private final Map<String, Integer> usedThisPass = new HashMap<>();
    private int next;

    private ToolJournal(StepContext ctx, boolean async, List<Entry> entries) {
        this.ctx = ctx;
        this.async = async;
        this.entries = entries;
        this.next = entries.size();
    }

    /**
     * Reads the run's executed calls: with the store's {@link dev.arbiter.workflow.CheckpointStore#loadAsync} when
     * {@code async} (holding no thread while a store reads), else with {@code load} on this thread, what it throws
     * thrown.
     */
    static CompletableFuture<ToolJournal> load(StepContext ctx, boolean async) {
        return readFrom(ctx, async, 0, new ArrayList<>());
    }

    /** Reads entries {@code from} on into {@code out}: in a loop while the store answers at once. */
    private static CompletableFuture<ToolJournal> readFrom(StepContext ctx, boolean async, int from, List<Entry> out) {
        for (int n = from; n < MAX; n++) {
            CompletableFuture<Optional<Checkpoint>> loading = load(ctx, async, PREFIX + n);
            if (!settled(loading)) {
                int at = n;
                return loading.thenCompose(c -> {
                    if (c.isEmpty()) {
                        return CompletableFuture.completedFuture(new ToolJournal(ctx, async, out));
                    }
                    out.add(read(c.get()));
                    return readFrom(ctx, async, at + 1, out);
                });
            }
            Optional<Checkpoint> c = loading.join();
            if (c.isEmpty()) {
                return CompletableFuture.completedFuture(new ToolJournal(ctx, async, out));
            }
            out.add(read(c.get()));
        }
        throw tooMany(ctx);
    }

    /** Returns every call the run executed, in every step, oldest first. */
    List<ToolCall> executedCalls() {
        return entries.stream().map(Entry::call).toList();
    }

    /**
     * Returns the recorded execution this call repeats, if the step already ran this call as many times as this
     * pass has proposed it; claims it for this pass.
     */
    Optional<Entry> replay(ToolCall call) {
        String digest = ToolCalls.digest(call);
        int seen = usedThisPass.getOrDefault(digest, 0);
        int n = 0;
        for (Entry e : entries) {
            if (e.stepId().equals(ctx.stepId()) && e.digest().equals(digest)) {
                if (n == seen) {
                    usedThisPass.put(digest, seen + 1);
                    return Optional.of(e);
                }
                n++;
            }
        }
        return Optional.empty();
    }

    /**
     * Records an execution of this pass, so no later pass runs it again; complete once it is stored (with the store's
     * asynchronous calls in an asynchronous journal).
     */
    CompletableFuture<Void> executed(ToolCall call, String output, Source source) {
        String digest = ToolCalls.digest(call);
        Entry entry = new Entry(ctx.stepId(), digest, call, output, source);
        return claim(entry, write(entry));
    }

    /** Stores {@code entry} under the first free key from {@link #next} on: in a loop while the store answers at once. */
    private CompletableFuture<Void> claim(Entry entry, String json) {
        for (; next < MAX; next++) {
            CompletableFuture<Boolean> won = claimKey(PREFIX + next, json);
            if (!settled(won)) {
                return won.thenCompose(w -> {
                    next++;
                    if (w) {
                        keep(entry);
                        return CompletableFuture.completedFuture(null);
                    }
                    return claim(entry, json);
                });
            }
            if (won.join()) {
                next++;
                keep(entry);
                return CompletableFuture.completedFuture(null);
            }
        }
        throw tooMany(ctx);
    }

    /**
     * Whether {@code json} is stored under {@code key} by this call. It saves without looking first: the key after the
     * entries read is free unless another writer of the run (a fan-out element) took it meanwhile, and the store
     * keeps the first save of a key, so reading the key back tells whose entry it holds (two calls to the store,
     * not three).
     */
    private CompletableFuture<Boolean> claimKey(String key, String json) {
        Checkpoint c = new Checkpoint(ctx.runId(), key, ctx.stepId(), json, ctx.budget().spend(), ctx.clock().instant());
        CompletableFuture<Void> saved;
        if (async) {
            saved = Objects.requireNonNull(ctx.checkpoints().saveAsync(c), "the checkpoint store returned no future");
        } else {
            ctx.checkpoints().save(c);
            saved = CompletableFuture.completedFuture(null);
        }
        return saved.thenCompose(v -> load(ctx, async, key))
                .thenApply(stored -> stored.isPresent() && stored.get().artifactJson().equals(json));
    }

    private void keep(Entry entry) {
        entries.add(entry);
        usedThisPass.merge(entry.digest(), 1, Integer::sum);
    }

    private static CompletableFuture<Optional<Checkpoint>> load(StepContext ctx, boolean async, String key) {
        if (!async) {
            return CompletableFuture.completedFuture(ctx.checkpoints().load(ctx.runId(), key));
        }
        return Objects.requireNonNull(ctx.checkpoints().loadAsync(ctx.runId(), key),
                "the checkpoint store returned no future");
    }

    private static boolean settled(CompletableFuture<?> f) {
        return f.isDone() && !f.isCompletedExceptionally();
    }

    private static IllegalStateException tooMany(StepContext ctx) {
        return new IllegalStateException("run '" + ctx.runId() + "' has more than " + MAX + " executed tool calls");
    }

    private static String write(Entry e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("stepId", e.stepId()).put("digest", e.digest());
        ObjectNode call = n.putObject("call");
        call.put("id", e.call().id()).put("name", e.call().name()).put("arguments", e.call().arguments());
        n.put("output", e.output());
        n.putObject("source").put("id", e.source().id()).put("origin", e.source().origin())
                .put("content", e.source().content()).put("trust", e.source().trust().name());
        return n.toString();
    }

    private static Entry read(Checkpoint c) {
        try {
            JsonNode n = MAPPER.readTree(c.artifactJson());
            JsonNode call = n.path("call");
            JsonNode s = n.path("source");
            return new Entry(n.path("stepId").asText(), n.path("digest").asText(),
                    new ToolCall(call.path("id").asText(), call.path("name").asText(), call.path("arguments").asText()),
                    n.path("output").asText(), Source.of(s.path("id").asText(), s.path("origin").asText(),
                            s.path("content").asText(), Trust.valueOf(s.path("trust").asText())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("executed tool call '" + c.key() + "' of run '" + c.runId()
                    + "' is not readable: " + e.getMessage(), e);
        }
    }
}
