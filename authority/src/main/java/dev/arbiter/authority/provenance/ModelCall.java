package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.Checks;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.JsonCodec;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The model call behind a decision, as a provenance record names it: the model id, the digest of the request,
 * and (when the call returned) the digest of the generation and optionally its content.
 *
 * <p>The generation digest is {@link #digestOf(Generation)}: the SHA-256 of the canonical JSON form of the
 * generation ({@link JsonCodec#generationToJson}). Keeping the content is a choice: it makes the record
 * self-contained, and it puts the model's output into the ledger for as long as the ledger is kept.
 *
 * <p>Immutable and thread-safe.
 */
public final class ModelCall {

    private final String modelId;
    private final String requestDigest;
    private final @Nullable String generationDigest;
    private final @Nullable String content;

    private ModelCall(String modelId, String requestDigest, @Nullable String generationDigest, @Nullable String content) {
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.requestDigest = Checks.sha256Hex(requestDigest, "requestDigest");
        this.generationDigest = generationDigest == null ? null : Checks.sha256Hex(generationDigest, "generationDigest");
        this.content = content;
    }

    /** Returns a call that produced no generation (the provider failed or refused the request). */
    public static ModelCall of(String modelId, String requestDigest) {
        return new ModelCall(modelId, requestDigest, null, null);
    }

    /** Returns a call that produced the generation with the given digest; content not kept. */
    public static ModelCall of(String modelId, String requestDigest, String generationDigest) {
        return new ModelCall(modelId, requestDigest, generationDigest, null);
    }

    /** Returns the call that sent the request and got the generation; content not kept. */
    public static ModelCall of(GenerationRequest request, Generation generation) {
        return of(generation.modelId(), request.digest(), digestOf(generation));
    }

    /** Returns the SHA-256 of the canonical JSON form of the generation. */
    public static String digestOf(Generation generation) {
        return JsonCodec.generationDigest(generation);
    }

    /**
     * Returns a copy that keeps the content of the generation (typically its text).
     *
     * @throws IllegalStateException if this call has no generation
     */
    public ModelCall withContent(String content) {
        Objects.requireNonNull(content, "content");
        if (generationDigest == null) {
            throw new IllegalStateException("a model call without a generation cannot keep content");
        }
        return new ModelCall(modelId, requestDigest, generationDigest, content);
    }

    /** Returns the model id as the provider reported it; may be empty. */
    public String modelId() {
        return modelId;
    }

    /** Returns the digest of the request ({@link GenerationRequest#digest()}). */
    public String requestDigest() {
        return requestDigest;
    }

    /** Returns the digest of the generation, if the call returned one. */
    public Optional<String> generationDigest() {
        return Optional.ofNullable(generationDigest);
    }

    /** Returns the generation's content, if it was kept. */
    public Optional<String> content() {
        return Optional.ofNullable(content);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelCall m && modelId.equals(m.modelId) && requestDigest.equals(m.requestDigest)
                && Objects.equals(generationDigest, m.generationDigest) && Objects.equals(content, m.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelId, requestDigest, generationDigest, content);
    }

    @Override
    public String toString() {
        return "ModelCall[" + modelId + ", request " + requestDigest
                + (generationDigest == null ? ", no generation" : ", generation " + generationDigest)
                + (content == null ? "" : ", content kept") + "]";
    }
}
