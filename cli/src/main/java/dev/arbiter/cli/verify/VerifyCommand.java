package dev.arbiter.cli.verify;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code arbiter verify}: the group of verifier measurements; it only prints its usage. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Measure Arbiter's verifiers on third-party data sets.",
        subcommands = {SchemasCommand.class, GroundingCommand.class})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
