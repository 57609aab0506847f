package dev.arbiter.cli.ledger;

import dev.arbiter.authority.provenance.Explanation;
import dev.arbiter.authority.provenance.LedgerReader;
import dev.arbiter.authority.provenance.LedgerVerification;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter ledger explain PATH ID}: prints whether the chain verifies, then the chain of custody of the run
 * or artifact: contract, evidence ids and digests, model, verdicts, tool decisions, decision, approver. Exit 0
 * when records were found, 1 when none matched, 2 when the ledger cannot be read.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain the chain of custody of one output, by run id or artifact digest.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:records found", "1:no record has that run id or artifact digest",
                "2:the ledger cannot be read"})
public final class LedgerExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH",
            description = "A .jsonl ledger file, or a JDBC URL (jdbc:postgresql://…, jdbc:h2:…).")
    String path = "";

    @Parameters(index = "1", paramLabel = "ID", description = "A run id, or the SHA-256 of a shipped artifact.")
    String id = "";

    @Mixin
    LedgerSource source = new LedgerSource();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Explanation explanation;
        LedgerVerification chain;
        try (LedgerReader ledger = source.open(path)) {
            chain = ledger.verify();
            explanation = ledger.explain(id);
        } catch (RuntimeException e) {
            err.println("arbiter ledger explain: cannot read " + path + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        out.println(chainLine(chain));
        out.println();
        out.print(explanation.render());
        out.flush();
        return explanation.isEmpty() ? 1 : 0;
    }

    private static String chainLine(LedgerVerification chain) {
        if (chain instanceof LedgerVerification.Valid valid) {
            return "chain: valid, " + valid.count() + " records, head " + valid.head();
        }
        LedgerVerification.Broken broken = (LedgerVerification.Broken) chain;
        return "chain: BROKEN at index " + broken.index() + " (" + broken.reason() + "): " + broken.message()
                + "\n       the records below are what the ledger holds; do not rely on them";
    }
}
