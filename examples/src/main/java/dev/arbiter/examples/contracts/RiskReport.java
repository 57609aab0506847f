package dev.arbiter.examples.contracts;

import java.util.List;
import java.util.Objects;

/**
 * The artifact of the contract review: the risky clauses of one contract, each with its section, a verbatim
 * quote, a risk level from the intent contract's rubric and an explanation. Immutable.
 *
 * @param clauses the risky clauses, in the order the model listed them
 */
public record RiskReport(List<Clause> clauses) {

    public RiskReport {
        clauses = List.copyOf(Objects.requireNonNull(clauses, "clauses"));
    }

    /** Returns the clauses rated high risk. */
    public List<Clause> highRisk() {
        return clauses.stream().filter(c -> c.risk().equals("high")).toList();
    }

    /**
     * One risky clause.
     *
     * @param title a short name for people
     * @param section the section number as the contract numbers it ({@code 3.2})
     * @param risk {@code low}, {@code medium} or {@code high}
     * @param explanation why it is risky, grounded in the contract
     * @param citations the verbatim quotes, each naming the source (the contract's id)
     */
    public record Clause(String title, String section, String risk, String explanation, List<Citation> citations) {
        public Clause {
            citations = List.copyOf(citations);
        }
    }

    /**
     * A verbatim quote from a source.
     *
     * @param source the source id
     * @param quote the words, copied from the source
     */
    public record Citation(String source, String quote) {}
}
