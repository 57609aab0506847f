/**
 * Arbiter workflow: pipelines of steps, the attempt loop of a governed generation step, remedies per failure
 * mode, budgets across a run, checkpoints and the sealed {@link dev.arbiter.workflow.Outcome} of a run.
 *
 * <p>The composition order of one governed step is
 * {@code Outcome = Decide(Verify(Generate(Compose(contract, context, spec))))}, repeated by the
 * {@link dev.arbiter.workflow.Remedy} for the failure mode, within the run's budget.
 */
@NullMarked
package dev.arbiter.workflow;

import org.jspecify.annotations.NullMarked;
