package dev.arbiter.examples.contracts.eval;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The expectation of one golden case, as a lawyer labelled it: the clauses a review must list, each with its risk
 * level from the intent contract's rubric, and the sections a review may list as well without being wrong
 * (borderline clauses: listing them is not noise, missing them is not a miss).
 *
 * @param clauses the clauses to find, each with its expected risk
 * @param acceptable further sections a review may list
 */
public record ExpectedRisks(List<ExpectedClause> clauses, List<String> acceptable) {

    public ExpectedRisks {
        clauses = List.copyOf(Objects.requireNonNull(clauses, "expected.clauses"));
        acceptable = acceptable == null ? List.of() : List.copyOf(acceptable);
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("expected.clauses is empty: a case must name at least one risky clause");
        }
        Set<String> sections = clauses.stream().map(ExpectedClause::section).collect(Collectors.toSet());
        if (sections.size() != clauses.size()) {
            throw new IllegalArgumentException("expected.clauses names a section twice: " + clauses);
        }
        for (String a : acceptable) {
            if (sections.contains(a)) {
                throw new IllegalArgumentException("section " + a + " is both expected and acceptable");
            }
        }
    }

    /**
     * One clause to find.
     *
     * @param section the section number as the contract numbers it
     * @param risk {@code low}, {@code medium} or {@code high}
     */
    public record ExpectedClause(String section, String risk) {
        public ExpectedClause {
            Objects.requireNonNull(section, "section");
            Objects.requireNonNull(risk, "risk");
            if (!List.of("low", "medium", "high").contains(risk)) {
                throw new IllegalArgumentException("risk of section " + section + " is '" + risk
                        + "'; the rubric has low, medium and high");
            }
        }
    }
}
