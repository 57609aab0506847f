package dev.arbiter.steering.context;

import dev.arbiter.core.Evidence;
import java.util.Objects;

/**
 * The result of one assembly: the context text for the prompt, the evidence it rests on, and the manifest.
 *
 * <p>The evidence has one source per item in the context, in context order, holding what the model was given (the
 * whole content, or the kept sentences of a cut item). A summarised item contributes two sources: the original,
 * under its own id, which the model did not see but claims can be checked against, and the summary, under
 * {@code <id>#summary} with origin {@code derived:summary-of:<id>} and trust {@code UNTRUSTED} (model output).
 * Immutable and thread-safe.
 *
 * @param text the rendered context: trusted blocks labelled with their source, untrusted blocks fenced, and the
 *     standing instruction above the first fence; empty when nothing fitted
 * @param evidence the sources in the context
 * @param manifest what happened to every item, and why
 */
public record AssembledContext(String text, Evidence evidence, ContextManifest manifest) {

    public AssembledContext {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(manifest, "manifest");
    }
}
