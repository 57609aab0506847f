package dev.arbiter.authority.verify;

import java.util.Objects;

/**
 * Where {@link CitationVerifier} finds claims and citations in the output: the contract between the authority layer and
 * the citation rules steering gives the model.
 *
 * <p>The default shape is
 * <pre>{@code
 * {"claims": [{"text": "...", "citations": [{"source": "<evidence id>", "quote": "<verbatim quote>"}]}]}
 * }</pre>
 * A claim without the citations member has no citations. Immutable and thread-safe.
 *
 * @param claims JSON Pointer to the array of claims ({@code /claims}); {@code ""} when the output is the array
 * @param text member of a claim holding its text ({@code text})
 * @param citations member of a claim holding its array of citations ({@code citations})
 * @param source member of a citation holding the cited evidence id ({@code source})
 * @param quote member of a citation holding the verbatim quote ({@code quote})
 */
public record CitationShape(String claims, String text, String citations, String source, String quote) {

    /** The default shape described above. */
    public static final CitationShape DEFAULT = new CitationShape("/claims", "text", "citations", "source", "quote");

    public CitationShape {
        Location.pointer(Objects.requireNonNull(claims, "claims"));
        for (String member : new String[] {text, citations, source, quote}) {
            if (Objects.requireNonNull(member, "member").isEmpty()) {
                throw new IllegalArgumentException("citation shape member names must not be empty");
            }
        }
    }
}
