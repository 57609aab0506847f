package dev.arbiter.cli.ledger;

import dev.arbiter.authority.provenance.ChainHead;
import dev.arbiter.authority.provenance.Ed25519Keys;
import dev.arbiter.authority.provenance.LedgerReader;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.VerifyOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter ledger verify PATH}: verifies a ledger's hash chain and prints {@code valid: N records} and the
 * head (exit 0), or the first bad index and why (exit 1). Exit 2 when the ledger cannot be read.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify the hash chain of a ledger (a .jsonl file or a JDBC URL).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the chain is valid", "1:the chain is broken", "2:the ledger cannot be read"})
public final class LedgerVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH",
            description = "A .jsonl ledger file, or a JDBC URL (jdbc:postgresql://…, jdbc:h2:…).")
    String path = "";

    @Mixin
    LedgerSource source = new LedgerSource();

    @Option(names = "--public-key", paramLabel = "FILE", description = "An Ed25519 public key (PEM); every"
            + " record must carry a valid signature by it. Repeat for several keys.")
    List<Path> publicKeys = List.of();

    @Option(names = "--head", paramLabel = "SIZE:HASH", description = "An anchor published earlier (as printed"
            + " on the 'head:' line): the chain must still hold it, so records cut off its end are found.")
    String head = "";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LedgerVerification result;
        try (LedgerReader ledger = source.open(path)) {
            result = ledger.verify(options());
        } catch (RuntimeException e) {
            err.println("arbiter ledger verify: cannot read " + path + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        if (result instanceof LedgerVerification.Valid valid) {
            out.println("valid: " + valid.count() + (valid.count() == 1 ? " record" : " records"));
            out.println("head: " + valid.head());
            out.flush();
            return 0;
        }
        LedgerVerification.Broken broken = (LedgerVerification.Broken) result;
        out.println("broken at index " + broken.index() + ": " + broken.reason());
        out.println(broken.message());
        out.flush();
        return 1;
    }

    private VerifyOptions options() {
        VerifyOptions options = VerifyOptions.defaults();
        for (Path file : publicKeys) {
            try {
                options = options.withPublicKey(Ed25519Keys.publicKeyFromPem(Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read public key " + file, e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("public key " + file + ": " + e.getMessage(), e);
            }
        }
        if (!head.isBlank()) {
            options = options.withAnchor(ChainHead.parse(head));
        }
        return options;
    }
}
