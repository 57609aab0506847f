package dev.arbiter.cli.ledger;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter ledger}: the group of provenance ledger commands, {@code verify} and {@code explain}. Without a
 * subcommand it prints its usage and exits with 2.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Verify a provenance ledger and explain the chain of custody of one output.",
        subcommands = {LedgerVerifyCommand.class, LedgerExplainCommand.class})
public final class LedgerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
