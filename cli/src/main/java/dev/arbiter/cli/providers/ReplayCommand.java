package dev.arbiter.cli.providers;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code arbiter providers replay DIR}: replays every recorded provider response in a provider-fixtures folder
 * (or one .jsonl file) through langchain4j's OpenAI and Anthropic models and {@code LangChain4jGenerator},
 * prints one line per record and closes with {@code N replayed, M as expected, K unexpected}. Exit code 0
 * when nothing was unexpected, 1 otherwise, 2 when the folder cannot be read.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Replay recorded provider responses through langchain4j and LangChain4jGenerator.")
final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "A provider-fixtures folder or one .jsonl file of records.")
    Path path;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FixtureRecord> records;
        try {
            records = FixtureRecords.load(path);
            for (Map.Entry<Path, String> ignored : FixtureRecords.ignoredFiles(path).entrySet()) {
                out.println("not read   " + ignored.getKey().getFileName() + ": " + ignored.getValue());
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            err.println("arbiter providers replay: " + e.getMessage());
            return 2;
        }
        List<ReplayResult> results;
        try (FixtureReplayer replayer = new FixtureReplayer()) {
            results = replayer.replayAll(records);
        }
        results.forEach(r -> out.println(r.line()));
        long expected = results.stream().filter(ReplayResult::asExpected).count();
        long unexpected = results.size() - expected;
        out.println(results.size() + " replayed, " + expected + " as expected, " + unexpected + " unexpected");
        out.flush();
        return unexpected == 0 ? 0 : 1;
    }
}
