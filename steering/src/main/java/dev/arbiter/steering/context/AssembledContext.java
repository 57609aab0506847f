package dev.arbiter.steering.context;

import dev.arbiter.core.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of one assembly: the context text for the prompt, the evidence it rests on, and the manifest.
 *
 * <p>The evidence has one source per item in the context, in context order, holding what the model was given (the
 * whole content, or the kept sentences of a cut item). A summarised item contributes two sources: the original,
 * under its own id, which the model did not see but claims can be checked against, and the summary, under
 * {@code <id>#summary} with origin {@code derived:summary-of:<id>} and trust {@code UNTRUSTED} (model output).
 *
 * <p>An assembler gives the text as the parts it rendered ({@link #ofParts}), joined only when {@link #text()} is
 * first asked for: a context is tens of kilobytes, and a composer that only needs {@link #messageFor its message}
 * copies the parts once, into that message, instead of into the text and then again into the message.
 *
 * <p>Equal when the texts, evidence and manifests are equal, however the text was given. Immutable and thread-safe.
 */
public final class AssembledContext {

    /** What separates the context from the request in {@link #messageFor}. */
    private static final String REQUEST_HEADING = "\n\nRequest:\n";

    private final List<String> parts;
    private final Evidence evidence;
    private final ContextManifest manifest;
    /** The parts joined, once asked for (a benign race: every thread joins the same text). */
    private volatile @Nullable String text;

    /**
     * A context with its rendered text.
     *
     * @param text the rendered context: trusted blocks labelled with their source, untrusted blocks fenced, and the
     *     standing instruction above the first fence; empty when nothing fitted
     * @param evidence the sources in the context
     * @param manifest what happened to every item, and why
     */
    public AssembledContext(String text, Evidence evidence, ContextManifest manifest) {
        this(List.of(Objects.requireNonNull(text, "text")), evidence, manifest);
        this.text = text;
    }

    private AssembledContext(List<String> parts, Evidence evidence, ContextManifest manifest) {
        this.parts = parts;
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
    }

    /**
     * A context whose text is {@code parts} joined with nothing between them, joined when first needed.
     *
     * @throws NullPointerException if a part is {@code null}
     */
    public static AssembledContext ofParts(List<String> parts, Evidence evidence, ContextManifest manifest) {
        return new AssembledContext(List.copyOf(parts), evidence, manifest);
    }

    /**
     * Returns the rendered context: trusted blocks labelled with their source, untrusted blocks fenced, and the
     * standing instruction above the first fence; empty when nothing fitted.
     */
    public String text() {
        String t = text;
        if (t == null) {
            t = parts.size() == 1 ? parts.get(0) : String.join("", parts);
            text = t;
        }
        return t;
    }

    /** Returns the sources in the context. */
    public Evidence evidence() {
        return evidence;
    }

    /** Returns what happened to every item, and why. */
    public ContextManifest manifest() {
        return manifest;
    }

    /**
     * Returns the user message that asks {@code userRequest} over this context: the request alone when the text is
     * blank, otherwise the text without the white space around it, a blank line, {@code Request:} on a line of its
     * own, and the request. When the text has not been joined and neither starts nor ends with white space, the
     * message is joined from the parts directly, in one copy.
     */
    public String messageFor(String userRequest) {
        Objects.requireNonNull(userRequest, "userRequest");
        String t = text;
        if (t == null && !parts.isEmpty() && !edgeIsWhitespace()) {
            List<String> message = new ArrayList<>(parts.size() + 2);
            message.addAll(parts);
            message.add(REQUEST_HEADING);
            message.add(userRequest);
            return String.join("", message);
        }
        t = text();
        return t.isBlank() ? userRequest : t.strip() + REQUEST_HEADING + userRequest;
    }

    /**
     * Whether the joined text would start or end with white space, or is empty: then {@link String#strip} and
     * {@link String#isBlank} decide, on the text. {@code strip} removes exactly the leading and trailing characters
     * for which {@link Character#isWhitespace(int)} holds; no supplementary character is white space, and a surrogate
     * is not, so a first and a last character that are not white space leave the text as it is, and not blank.
     */
    private boolean edgeIsWhitespace() {
        int first = 0;
        while (first < parts.size() && parts.get(first).isEmpty()) {
            first++;
        }
        if (first == parts.size()) {
            return true;
        }
        int last = parts.size() - 1;
        while (parts.get(last).isEmpty()) {
            last--;
        }
        String start = parts.get(first);
        String end = parts.get(last);
        return Character.isWhitespace(start.charAt(0)) || Character.isWhitespace(end.charAt(end.length() - 1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssembledContext c && text().equals(c.text()) && evidence.equals(c.evidence)
                && manifest.equals(c.manifest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text(), evidence, manifest);
    }

    @Override
    public String toString() {
        return "AssembledContext[text=" + text() + ", evidence=" + evidence + ", manifest=" + manifest + "]";
    }
}
