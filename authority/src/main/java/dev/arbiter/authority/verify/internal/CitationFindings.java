package dev.arbiter.authority.verify.internal;

import dev.arbiter.authority.verify.CitationReport;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns a {@link CitationReport} into HALLUCINATION findings that quote the claim and say what to do. */
public final class CitationFindings {

    private CitationFindings() {}

    /** Returns the findings of the report: bad citations, then uncited claims if too few claims are cited. */
    public static List<Finding> of(String verifierId, CitationReport report, Evidence evidence, double minCitedShare) {
        List<Finding> findings = new ArrayList<>();
        String ids = evidence.sources().stream().map(Source::id).collect(Collectors.joining(", "));
        for (CitationReport.Claim claim : report.claims()) {
            for (CitationReport.Citation c : claim.citations()) {
                if (c instanceof CitationReport.UnknownSource) {
                    findings.add(unknownSource(verifierId, claim, c, ids));
                } else if (c instanceof CitationReport.QuoteNotFound) {
                    findings.add(quoteNotFound(verifierId, claim, (CitationReport.QuoteNotFound) c));
                }
            }
        }
        double share = report.citedShare();
        if (share < minCitedShare) {
            long cited = report.claims().stream().filter(c -> !c.citations().isEmpty()).count();
            String counts = cited + " of " + report.claims().size() + " claims cited, " + percent(share)
                    + " where at least " + percent(minCitedShare) + " is required";
            for (CitationReport.Claim claim : report.claims()) {
                if (claim.citations().isEmpty()) {
                    findings.add(Finding.of(verifierId, FailureMode.HALLUCINATION, Location.pointer(claim.pointer()),
                            "claim " + quoted(claim.text()) + " carries no citation (" + counts + ")",
                            "Support the claim " + quoted(claim.text())
                                    + " with a citation that quotes a source verbatim, or drop the claim."));
                }
            }
        }
        return findings;
    }

    private static Finding unknownSource(String verifierId, CitationReport.Claim claim, CitationReport.Citation c, String ids) {
        String given = ids.isEmpty() ? "no sources were given" : "the sources are " + ids;
        return Finding.of(verifierId, FailureMode.HALLUCINATION, Location.pointer(c.pointer() + "/source"),
                "claim " + quoted(claim.text()) + " cites source '" + c.source() + "' for the quote " + quoted(c.quote())
                        + ", but that source is not in the evidence (" + given + ")",
                (ids.isEmpty() ? "Do not cite sources you were not given" : "Cite only the sources you were given (" + ids + ")")
                        + ", quoting them verbatim, or drop the claim " + quoted(claim.text()) + ".");
    }

    private static Finding quoteNotFound(String verifierId, CitationReport.Claim claim, CitationReport.QuoteNotFound c) {
        StringBuilder message = new StringBuilder("claim " + quoted(claim.text()) + ": the quote " + quoted(c.quote())
                + " is not in source '" + c.source() + "'");
        StringBuilder feedback = new StringBuilder("Quote verbatim from source '" + c.source() + "' or drop the claim "
                + quoted(claim.text()) + ".");
        if (!c.foundIn().isEmpty()) {
            String where = String.join("', '", c.foundIn());
            message.append("; it is in source '").append(where).append("'");
            feedback.append(" The quote is in source '").append(where).append("': cite that source if it supports the claim.");
        }
        if (!c.closestPassage().isEmpty()) {
            message.append("; closest passage in ").append(c.source()).append(": ").append(quoted(c.closestPassage()));
            feedback.append(" The closest passage in ").append(c.source()).append(" is ").append(quoted(c.closestPassage())).append('.');
        }
        return Finding.of(verifierId, FailureMode.HALLUCINATION, Location.pointer(c.pointer() + "/quote"),
                message.toString(), feedback.toString());
    }

    private static String quoted(String s) {
        String t = s.length() <= 1000 ? s : s.substring(0, 997) + "...";
        return "\"" + t + "\"";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
