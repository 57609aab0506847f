package dev.arbiter.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerCommandTest {

    @Test
    void helpListsVerifyAndExplain() {
        Ledgers.Run run = Ledgers.run(new LedgerCommand(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: ledger").contains("verify").contains("explain");
    }

    @Test
    void withoutASubcommandItPrintsUsageAndExitsWithTwo() {
        Ledgers.Run run = Ledgers.run(new LedgerCommand());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: ledger");
    }

    @Test
    void subcommandsRunUnderTheGroup() {
        Ledgers.Run run = Ledgers.run(new LedgerCommand(), "verify", "/nonexistent/ledger.jsonl");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("arbiter ledger verify: cannot read /nonexistent/ledger.jsonl");
    }
}
