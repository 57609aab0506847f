package dev.arbiter.cli.ledger;

import dev.arbiter.authority.provenance.JdbcLedgerBuilder;
import dev.arbiter.authority.provenance.LedgerReader;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a ledger is: a JSONL file, or a table reached by a JDBC URL with optional credentials. A picocli mixin;
 * the commands take the PATH itself as their first parameter.
 */
public final class LedgerSource {

    @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:ARBITER_DB_USER}",
            description = "Database user for a JDBC URL (default: env ARBITER_DB_USER, else the URL's).")
    @Nullable String user;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:ARBITER_DB_PASSWORD}",
            description = "Database password for a JDBC URL (default: env ARBITER_DB_PASSWORD).")
    @Nullable String password;

    @Option(names = "--table", paramLabel = "TABLE", defaultValue = JdbcLedgerBuilder.DEFAULT_TABLE,
            description = "Ledger table for a JDBC URL (default: ${DEFAULT-VALUE}).")
    String table = JdbcLedgerBuilder.DEFAULT_TABLE;

    /** Returns whether the path is a JDBC URL rather than a file. */
    static boolean isJdbc(String path) {
        return path.startsWith("jdbc:");
    }

    /** Opens the ledger for reading only: creates nothing, locks nothing, repairs nothing. */
    LedgerReader open(String path) {
        if (isJdbc(path)) {
            return ProvenanceLedger.jdbc(path, user, password).table(table).openReader();
        }
        return ProvenanceLedger.file(Path.of(path)).openReader();
    }
}
