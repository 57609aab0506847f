package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.LedgerVerification.Broken;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tampering with a ledger table on H2 by rewriting its rows: every single-record change, removal, swap of
 * adjacent records and insertion of a 20-record ledger is found at its index with its reason. The head row, left
 * as it was, anchors the tail. JdbcLedgerPostgresTest runs the same cases on PostgreSQL.
 */
class JdbcLedgerTamperTest {

    static final int N = 20;
    static final String TABLE = "tampered";
    static final JdbcDataSource DS = new JdbcDataSource();
    static @Nullable List<String> lines;

    @BeforeAll
    static void writeLedger() throws SQLException {
        if (lines != null) {
            return;
        }
        DS.setURL("jdbc:h2:mem:tamper;DB_CLOSE_DELAY=-1");
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(DS).table(TABLE).open()) {
            Fixtures.fill(ledger, N);
        }
        lines = JdbcTables.records(DS, TABLE);
        assertThat(lines).hasSize(N);
    }

    static Stream<TamperCases.Case> cases() throws SQLException {
        writeLedger();
        return TamperCases.all(lines).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everySingleRecordTamperingIsFoundAtItsIndexWithItsReason(TamperCases.Case c) throws SQLException {
        JdbcTables.rewrite(DS, TABLE, c.lines(), lines);

        LedgerVerification v = ProvenanceLedger.jdbc(DS).table(TABLE).openReader().verify();

        assertThat(v).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.index()).as(b.message()).isEqualTo(c.index());
            assertThat(b.reason()).as(b.message()).isEqualTo(c.reason());
        });
    }
}
