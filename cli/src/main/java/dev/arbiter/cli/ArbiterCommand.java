package dev.arbiter.cli;

import dev.arbiter.cli.eval.EvalCommand;
import dev.arbiter.cli.ledger.LedgerCommand;
import dev.arbiter.cli.providers.ProvidersCommand;
import dev.arbiter.cli.security.SecurityCommand;
import dev.arbiter.cli.steering.SteeringCommand;
import dev.arbiter.cli.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code arbiter} command: the entry point of {@code java -jar cli/target/arbiter.jar}.
 *
 * <p>Subcommands: {@code providers replay DIR} replays recorded provider responses through langchain4j and
 * {@code LangChain4jGenerator} and reports how each was mapped; {@code steering schemas DIR} measures how
 * real JSON Schemas convert to provider-native structured-output schemas; {@code ledger verify PATH} and
 * {@code ledger explain PATH ID} check a provenance ledger and show the chain of custody of one output;
 * {@code verify schemas DIR} and {@code verify grounding FILE} measure verifiers against labelled data;
 * {@code eval run SUITE} and {@code eval compare A B} run evaluation suites and gate on their results;
 * {@code security agentdojo} replays recorded attacked agent runs through the permission envelope.
 */
@Command(
        name = "arbiter",
        mixinStandardHelpOptions = true,
        versionProvider = ArbiterCommand.Version.class,
        description = "Governed LLM workflows: the model proposes, deterministic code decides.",
        subcommands = {
                dev.arbiter.cli.demo.DemoCommand.class,
                ProvidersCommand.class,
                SteeringCommand.class,
                VerifyCommand.class,
                LedgerCommand.class,
                EvalCommand.class,
                SecurityCommand.class,
                CommandLine.HelpCommand.class
        })
public final class ArbiterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; for tests and embedding. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Returns the command line, ready to execute; callers may redirect its output. */
    public static CommandLine commandLine() {
        return new CommandLine(new ArbiterCommand());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ArbiterCommand.class.getPackage().getImplementationVersion();
            return new String[] {"arbiter " + (v == null ? "(development build)" : v)};
        }
    }
}
