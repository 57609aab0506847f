/**
 * Test support for verifiers: {@link dev.arbiter.authority.verify.testing.VerifierTester} runs a verifier on a
 * candidate built from text and checks the verdict, the way error-prone's test helper checks a bug pattern. Use it
 * from tests; it throws {@link java.lang.AssertionError} and depends on no test framework.
 */
@NullMarked
package dev.arbiter.authority.verify.testing;

import org.jspecify.annotations.NullMarked;
