/**
 * The eval example: an invoice-extraction golden set, two hand-written "model versions" replayed from cassettes,
 * suite files, and the comparison that fails the gate on the worse version ({@link
 * dev.arbiter.examples.eval.InvoiceComparison}).
 */
@NullMarked
package dev.arbiter.examples.eval;

import org.jspecify.annotations.NullMarked;
