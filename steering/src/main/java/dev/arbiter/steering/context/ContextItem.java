package dev.arbiter.steering.context;

import dev.arbiter.core.Trust;
import java.util.Objects;

/**
 * One piece of material offered for a prompt: a document, a tool result, a note from the application.
 *
 * <p>Higher {@code priority} goes first; items of equal priority are ordered by relevance to the query (when
 * the assembler ranks), then by the order they were given. Immutable and thread-safe; the {@code with…}
 * methods return copies.
 *
 * <pre>{@code
 * ContextItem policy = ContextItem.trusted("refund-policy", policyText).withPriority(10);
 * ContextItem mail = ContextItem.untrusted("mail-4711", mailBody).withOrigin("imap:inbox").withTreatment(Treatment.QUOTE);
 * }</pre>
 *
 * @param sourceId the stable id the model cites and the manifest names; not blank, unique within one assembly
 * @param content the text
 * @param origin where it came from, for people (e.g. {@code retrieval:kb}); may be empty
 * @param trust whether the application vouches for it; untrusted content is fenced and scanned for injections
 * @param treatment how it may be changed to fit the budget
 * @param priority higher goes first
 */
public record ContextItem(String sourceId, String content, String origin, Trust trust, Treatment treatment, int priority) {

    public ContextItem {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(treatment, "treatment");
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("a context item's source id must not be blank");
        }
    }

    /** Returns a VERBATIM item of priority 0 with no origin. */
    public static ContextItem of(String sourceId, String content, Trust trust) {
        return new ContextItem(sourceId, content, "", trust, Treatment.VERBATIM, 0);
    }

    /** Returns a trusted VERBATIM item of priority 0 with no origin. */
    public static ContextItem trusted(String sourceId, String content) {
        return of(sourceId, content, Trust.TRUSTED);
    }

    /** Returns an untrusted VERBATIM item of priority 0 with no origin. */
    public static ContextItem untrusted(String sourceId, String content) {
        return of(sourceId, content, Trust.UNTRUSTED);
    }

    /** Returns a copy with the given treatment. */
    public ContextItem withTreatment(Treatment treatment) {
        return new ContextItem(sourceId, content, origin, trust, treatment, priority);
    }

    /** Returns a copy with the given priority. */
    public ContextItem withPriority(int priority) {
        return new ContextItem(sourceId, content, origin, trust, treatment, priority);
    }

    /** Returns a copy with the given origin. */
    public ContextItem withOrigin(String origin) {
        return new ContextItem(sourceId, content, origin, trust, treatment, priority);
    }

    /** Returns whether the application vouches for this item. */
    public boolean isTrusted() {
        return trust == Trust.TRUSTED;
    }
}
