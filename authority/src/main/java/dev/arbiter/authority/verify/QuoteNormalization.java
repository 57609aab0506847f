package dev.arbiter.authority.verify;

/**
 * What {@link CitationVerifier} ignores when it looks for a quote in its source. Each one is a difference that models
 * and text pipelines introduce without changing the words; all are on by default.
 */
public enum QuoteNormalization {
    /** Any run of white space (spaces, tabs, line breaks, no-break spaces) equals one space; ends are trimmed. */
    WHITESPACE,
    /**
     * Typographic characters equal their ASCII forms: curly single and double quotes, primes, en and em dashes and
     * the minus sign, the ellipsis character ({@code …} equals {@code ...}); soft hyphens are ignored.
     */
    TYPOGRAPHY,
    /** Upper and lower case are equal. */
    CASE
}
