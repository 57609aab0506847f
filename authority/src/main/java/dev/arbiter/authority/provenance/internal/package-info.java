/**
 * Implementation of the provenance ledger: the canonical record codec, the chain verifier, and the memory, file
 * and JDBC stores. Not API: these types may change in any release.
 */
@NullMarked
package dev.arbiter.authority.provenance.internal;

import org.jspecify.annotations.NullMarked;
