package dev.arbiter.core;

import java.util.Objects;

/**
 * One piece of material the model was given: a document, a tool result, the user's request.
 *
 * <p>The digest is the SHA-256 of the content's UTF-8 bytes, in lower-case hex; the constructor checks it,
 * so a source can be trusted to match its digest. Immutable and thread-safe.
 *
 * @param id the source's stable id, unique within one {@link Evidence}; not blank
 * @param origin where it came from, for people (e.g. {@code retrieval:kb}, {@code tool:get_balance}); may be empty
 * @param content the content as given to the model
 * @param trust whether the application vouches for it
 * @param digest SHA-256 of the content
 */
public record Source(String id, String origin, String content, Trust trust, String digest) {

    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(digest, "digest");
        if (id.isBlank()) {
            throw new IllegalArgumentException("source id must not be blank");
        }
        String actual = Digests.contentSha256Hex(content);
        if (!actual.equals(digest)) {
            throw new IllegalArgumentException(
                    "digest of source '" + id + "' does not match its content: given " + digest + ", actual " + actual);
        }
    }

    /** Returns a source with its digest computed and no origin. */
    public static Source of(String id, String content, Trust trust) {
        return of(id, "", content, trust);
    }

    /** Returns a source with its digest computed. */
    public static Source of(String id, String origin, String content, Trust trust) {
        Objects.requireNonNull(content, "content");
        return new Source(id, origin, content, trust, Digests.contentSha256Hex(content));
    }

    /** Returns whether the application vouches for this source. */
    public boolean isTrusted() {
        return trust == Trust.TRUSTED;
    }
}
