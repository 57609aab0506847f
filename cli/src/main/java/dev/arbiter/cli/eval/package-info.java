/**
 * The {@code arbiter eval} commands: {@link dev.arbiter.cli.eval.RunCommand} ({@code run SUITE_FILE}) and
 * {@link dev.arbiter.cli.eval.CompareCommand} ({@code compare A B}) under {@link dev.arbiter.cli.eval.EvalCommand}.
 */
@NullMarked
package dev.arbiter.cli.eval;

import org.jspecify.annotations.NullMarked;
