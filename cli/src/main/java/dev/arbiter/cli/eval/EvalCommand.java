package dev.arbiter.cli.eval;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code arbiter eval} group: {@code run SUITE_FILE} runs an eval suite and gates it; {@code compare A B}
 * compares two scorecards and gates the change. Both exit with 1 when the gate fails and 2 when an input is not
 * valid. Prints its usage when run alone.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Run eval suites and compare scorecards; exit 1 when the gate fails.",
        subcommands = {RunCommand.class, CompareCommand.class})
public final class EvalCommand implements Callable<Integer> {

    /** The exit code of a failed gate. */
    public static final int GATE_FAILED = 1;

    /** The exit code of an input that is not valid (suite file, golden set, scorecard). */
    public static final int INVALID_INPUT = 2;

    @Spec
    CommandSpec spec;

    /**
     * Runs {@code eval} on its own, until the {@code arbiter} command registers it:
     * {@code java -cp cli/target/arbiter.jar dev.arbiter.cli.eval.EvalCommand run SUITE_FILE}.
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EvalCommand()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }
}
