package dev.arbiter.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VerifyCommandTest {

    @Test
    void withoutASubcommandPrintsItsUsageListingTheMeasurements() {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new VerifyCommand());
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute()).isZero();
        assertThat(out.toString()).contains("Usage: verify").contains("schemas");
    }
}
