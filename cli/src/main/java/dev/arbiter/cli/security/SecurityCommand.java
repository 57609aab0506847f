package dev.arbiter.cli.security;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code arbiter security} group: measurements of the authority layer against attacks. */
@Command(name = "security", mixinStandardHelpOptions = true,
        description = "Measure the permission envelope against recorded attacks.",
        subcommands = {AgentDojoCommand.class})
public final class SecurityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }
}
