package dev.arbiter.cli.providers;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code arbiter providers}: commands about model providers. */
@Command(
        name = "providers",
        mixinStandardHelpOptions = true,
        description = "Commands about model providers.",
        subcommands = {ReplayCommand.class})
public final class ProvidersCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
