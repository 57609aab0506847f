package dev.arbiter.examples.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.FailureMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the location of every clause: the section it names exists in the contract, and each of its quotes from
 * the contract lies in that section. A quote that is not in the contract at all is left to the
 * {@code CitationVerifier}. A wrong location is a {@link FailureMode#HALLUCINATION} at {@code /clauses/i/section}
 * whose feedback names the right section, so the workflow repairs it. Output that is not JSON passes with a note
 * (the schema verifier reports it). Immutable and thread-safe.
 */
public final class ClauseLocationVerifier implements Verifier {

    /** The verifier's id. */
    public static final String ID = "clause-location";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContractDocument document;
    private final List<String> sections;

    /** Returns a verifier for clauses of this document. */
    public ClauseLocationVerifier(ContractDocument document) {
        this.document = document;
        this.sections = document.sections(); // the document is immutable: its sections are found once
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        Optional<JsonNode> parsed = clauses(candidate.text());
        if (parsed.isEmpty()) {
            return Verdict.pass(ID, List.of("not JSON; the schema check reports it"));
        }
        List<Finding> findings = new ArrayList<>();
        JsonNode clauses = parsed.get();
        int checked = 0;
        for (int i = 0; i < clauses.size(); i++) {
            JsonNode clause = clauses.get(i);
            String section = clause.path("section").asText("");
            String title = clause.path("title").asText("clause " + (i + 1));
            if (!sections.contains(section)) {
                findings.add(Finding.of(ID, FailureMode.HALLUCINATION, Location.pointer("/clauses/" + i + "/section"),
                        "clause \"" + title + "\" names section '" + section + "', which the contract does not have",
                        "Give the section number exactly as the contract numbers it; its sections are "
                                + sections + "."));
                continue;
            }
            for (JsonNode c : clause.path("citations")) {
                if (!c.path("source").asText().equals(document.id())) {
                    continue;
                }
                int at = indexOf(document.text(), c.path("quote").asText(""));
                if (at < 0) {
                    continue; // not in the contract: the citation verifier's finding
                }
                checked++;
                Optional<String> actual = document.sectionAt(at);
                if (actual.isPresent() && !actual.get().equals(section)) {
                    findings.add(Finding.of(ID, FailureMode.HALLUCINATION,
                            Location.pointer("/clauses/" + i + "/section"),
                            "clause \"" + title + "\" names section " + section + " but its quote is in section "
                                    + actual.get(),
                            "The quote of clause \"" + title + "\" is in section " + actual.get()
                                    + "; give that section."));
                }
            }
        }
        return findings.isEmpty() ? Verdict.pass(ID, List.of(checked + " quotes located in their sections"))
                : Verdict.fail(ID, findings);
    }

    /** Finds the quote ignoring case and runs of white space; returns the index in the text, or -1. */
    static int indexOf(String text, String quote) {
        String q = quote.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return -1;
        }
        StringBuilder norm = new StringBuilder(text.length());
        int[] origin = new int[text.length() + 1];
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
                if (!space) {
                    origin[norm.length()] = i;
                    norm.append(' ');
                }
                space = true;
            } else {
                origin[norm.length()] = i;
                norm.append(Character.toLowerCase(ch));
                space = false;
            }
        }
        int at = norm.indexOf(q);
        return at < 0 ? -1 : origin[at];
    }

    /**
     * Returns the {@code clauses} member of a candidate's JSON (an absent member as a missing node), or empty when
     * the text is not JSON; the schema check reports that.
     */
    static Optional<JsonNode> clauses(String text) {
        try {
            JsonNode root = JSON.readTree(strip(text));
            return Optional.of(root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : root.path("clauses"));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static String strip(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int nl = t.indexOf('\n');
            int end = t.lastIndexOf("```");
            if (nl > 0 && end > nl) {
                return t.substring(nl + 1, end);
            }
        }
        return t;
    }
}
