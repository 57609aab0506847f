package dev.arbiter.authority.verify;

import java.util.List;
import java.util.Objects;

/**
 * What {@link CitationVerifier#check} found, claim by claim: for each citation whether its source exists and where its
 * quote is in the source. Immutable and thread-safe.
 *
 * @param claims every claim, in output order
 */
public record CitationReport(List<Claim> claims) {

    public CitationReport {
        claims = List.copyOf(claims);
    }

    /** Returns the share of claims that carry at least one citation; 1 when there are no claims. */
    public double citedShare() {
        if (claims.isEmpty()) {
            return 1.0;
        }
        return (double) claims.stream().filter(c -> !c.citations().isEmpty()).count() / claims.size();
    }

    /**
     * One claim.
     *
     * @param pointer JSON Pointer of the claim in the output
     * @param text the claim's text, exactly as written
     * @param citations its citations, in order; possibly empty
     */
    public record Claim(String pointer, String text, List<Citation> citations) {
        public Claim {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(text, "text");
            citations = List.copyOf(citations);
        }
    }

    /** The check of one citation. */
    public sealed interface Citation permits Verified, UnknownSource, QuoteNotFound {
        /** Returns the JSON Pointer of the citation in the output. */
        String pointer();

        /** Returns the cited source id, as written. */
        String source();

        /** Returns the quote, as written. */
        String quote();
    }

    /**
     * The quote is in the cited source.
     *
     * @param start index of the quote's first character in the source's content
     * @param end index one past its last character
     */
    public record Verified(String pointer, String source, String quote, int start, int end) implements Citation {}

    /** The cited source id is not in the evidence. */
    public record UnknownSource(String pointer, String source, String quote) implements Citation {}

    /**
     * The quote is not in the cited source.
     *
     * @param closestPassage the passage of the source most like the quote, or {@code ""} when none is close
     * @param foundIn ids of other sources that do contain the quote
     */
    public record QuoteNotFound(String pointer, String source, String quote, String closestPassage, List<String> foundIn)
            implements Citation {
        public QuoteNotFound {
            foundIn = List.copyOf(foundIn);
        }
    }
}
