/**
 * The {@code arbiter ledger} commands: verify a provenance ledger's hash chain and explain the chain of custody
 * of one output, for JSONL file ledgers and JDBC (PostgreSQL, H2) ledgers.
 */
@NullMarked
package dev.arbiter.cli.ledger;

import org.jspecify.annotations.NullMarked;
