/**
 * The contract review's eval with drift: a golden set of six contracts with the risky clauses a lawyer expects,
 * two versions of a model replayed from cassettes through the real review pipeline, the scorers that compare
 * each verified report with the golden clauses, the gate, and the reports. Start at {@link
 * dev.arbiter.examples.contracts.eval.ContractReviewEval}.
 */
@NullMarked
package dev.arbiter.examples.contracts.eval;

import org.jspecify.annotations.NullMarked;
