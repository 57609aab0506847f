/**
 * Implementations behind the verification API: composition, guarding, the networknt schema compiler, quote
 * matching and the small text analyses the rule verifiers use. Not an API: anything here can change.
 */
@NullMarked
package dev.arbiter.authority.verify.internal;

import org.jspecify.annotations.NullMarked;
