/**
 * The {@code arbiter} command line: the demo, evaluations, ledger tools and measurement commands.
 */
@NullMarked
package dev.arbiter.cli;

import org.jspecify.annotations.NullMarked;
