/**
 * Provenance: a hash-chained, append-only record of every decision, so that anyone can later see why an output
 * was trusted.
 *
 * <p>{@link dev.arbiter.authority.provenance.ProvenanceEntry} is what one decision records (run, step, contract,
 * evidence, model call, verdicts, permission decisions, decision, approver);
 * {@link dev.arbiter.authority.provenance.ProvenanceLedger} seals it into a
 * {@link dev.arbiter.authority.provenance.ProvenanceRecord} (index, previous hash, SHA-256 hash over a canonical
 * JSON form, optional Ed25519 signature), verifies the chain
 * ({@link dev.arbiter.authority.provenance.LedgerVerification}) and explains one output
 * ({@link dev.arbiter.authority.provenance.Explanation}). Stores: in memory, an append-only JSONL file, and JDBC
 * (PostgreSQL, H2). docs/provenance.md documents the record form and the verification rules.
 *
 * <p>Every value in this package is immutable and thread-safe; every ledger is thread-safe. Nothing is
 * {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.arbiter.authority.provenance;

import org.jspecify.annotations.NullMarked;
