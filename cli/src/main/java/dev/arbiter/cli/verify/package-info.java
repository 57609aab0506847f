/**
 * The {@code arbiter verify} commands: measurements of the verifiers on third-party data sets.
 */
@NullMarked
package dev.arbiter.cli.verify;

import org.jspecify.annotations.NullMarked;
