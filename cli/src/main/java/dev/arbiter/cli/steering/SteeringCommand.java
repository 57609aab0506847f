package dev.arbiter.cli.steering;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code arbiter steering} group: measurements of the steering layer. Prints its usage when run alone. */
@Command(name = "steering", mixinStandardHelpOptions = true,
        description = "Measure the steering layer on third-party data.",
        subcommands = {SchemasCommand.class, FenceCommand.class})
public final class SteeringCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }
}
