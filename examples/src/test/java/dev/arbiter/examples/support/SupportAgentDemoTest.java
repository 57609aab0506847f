package dev.arbiter.examples.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportAgentDemoTest {

    @Test
    void theDemoPrintsTheDeniedInjectionTheApprovalAndTheResumedRefund(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SupportAgentDemo.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        // the ledger redacts personal data by default: the refused address is not stored, the rule and source are
        assertThat(out).contains("tool:email_customer    REJECTED      DENY (provenance:to): the value "
                + "'[REDACTED:email]' of 'to' for tool 'email_customer' appears in no trusted input, only in untrusted "
                + "material [ticket:T-1042]");
        assertThat(out).contains("Escalated: approval", "NEEDS_APPROVAL (limit:amount)");
        assertThat(out).contains("approved by maria.keller");
        assertThat(out.split("=> Accepted: resolved", -1)).hasSize(3);
        assertThat(out).contains("refund R-5001: 34.50 EUR on A-10231", "refund R-5002: 129.00 EUR on A-10388",
                "to dana.whitfield@example.com", "to marek.nowak@example.net").doesNotContain("e-mail M-88003")
                .contains("chain intact");
    }
}
