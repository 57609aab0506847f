package dev.arbiter.authority.permission;

import static dev.arbiter.authority.permission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFilesTest {

    private static final String YAML = """
            id: payments
            version: "3"
            tools:
              send_money:
                side_effect: irreversible
                sensitive: [recipient]
                free_text: [subject]
                grant:
                  untrusted_values: approve
                  max_calls_per_run: 2
                  limits:
                    amount: {min: 0, max: 1000, on_breach: approve}
              get_balance:
                side_effect: read
                grant: {}
              delete_account:
                side_effect: irreversible
                grant: none
            """;

    private static PermissionEnvelope envelope(Policy p) {
        return p.envelope(List.of(SEND_MONEY, BALANCE, DELETE));
    }

    @Test
    void yamlPolicyBecomesAnEnvelopeThatRecordsItsIdAndVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("payments.yaml");
        Files.writeString(file, YAML);
        PermissionEnvelope e = envelope(PolicyFiles.read(file));
        PermissionDecision tainted = e.decide(ToolCall.of("c", "send_money",
                "{\"recipient\":\"US133000000121212121212\",\"amount\":5}"), context("pay my rent", "US133000000121212121212"));
        assertThat(tainted).isInstanceOf(PermissionDecision.NeedsApproval.class);
        assertThat(tainted.policy()).isEqualTo(PolicyRef.of("payments", "3"));
        assertThat(e.decide(ToolCall.of("c", "get_balance", "{}"), context("", "")))
                .isInstanceOf(PermissionDecision.Allow.class);
        assertThat(e.decide(ToolCall.of("c", "delete_account", "{}"), context("", "")).rule()).isEqualTo("no-grant");
        assertThat(e.grant("send_money").orElseThrow().maxCallsPerRun()).isEqualTo(2);
    }

    @Test
    void jsonPolicyReadsTheSameTree() {
        Policy p = PolicyFiles.parse("""
                {"id":"p","version":"1","tools":{"get_balance":{"side_effect":"read","grant":{}}}}""",
                "p.json", PolicyFiles.Format.JSON);
        assertThat(p.ref()).isEqualTo(PolicyRef.of("p", "1"));
        assertThat(p.tools()).containsKey("get_balance");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsParsedNamingTheLine() {
        String big = YAML + "# " + "x".repeat(2_000_000) + "\n";
        assertThatThrownBy(() -> PolicyFiles.parse(big, "big.yaml", PolicyFiles.Format.YAML))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageStartingWith("big.yaml:" + (YAML.split("\n", -1).length) + ": ")
                .hasMessageContaining("characters, over the limit of 1048576 for a policy file");
    }

    @Test
    void unknownKeyFailsWithItsLine() {
        String bad = YAML.replace("max_calls_per_run: 2", "max_calls: 2");
        assertThatThrownBy(() -> PolicyFiles.parse(bad, "p.yaml", PolicyFiles.Format.YAML))
                .isInstanceOfSatisfying(PolicyFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(10);
                    assertThat(e.reason()).contains("unknown key 'max_calls'");
                });
    }

    @Test
    void unknownSideEffectFailsWithItsLineAndTheChoices() {
        String bad = YAML.replace("side_effect: read", "side_effect: harmless");
        assertThatThrownBy(() -> PolicyFiles.parse(bad, "p.yaml", PolicyFiles.Format.YAML))
                .isInstanceOfSatisfying(PolicyFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(14);
                    assertThat(e.reason()).contains("'harmless'").contains("read");
                });
    }

    @Test
    void brokenYamlFailsWithItsLine() {
        assertThatThrownBy(() -> PolicyFiles.parse("id: p\nversion: 1\ntools: {a: [\n", "p.yaml",
                PolicyFiles.Format.YAML)).isInstanceOfSatisfying(PolicyFormatException.class,
                        e -> assertThat(e.line()).isGreaterThan(0));
    }

    @Test
    void missingIdOrGrantIsReported() {
        assertThatThrownBy(() -> PolicyFiles.parse("version: 1\ntools: {}\n", "p.yaml", PolicyFiles.Format.YAML))
                .hasMessageContaining("missing 'id'");
        assertThatThrownBy(() -> PolicyFiles.parse("id: p\nversion: 1\ntools:\n  x:\n    side_effect: read\n",
                "p.yaml", PolicyFiles.Format.YAML)).isInstanceOfSatisfying(PolicyFormatException.class,
                        e -> assertThat(e.line()).isEqualTo(5));
    }

    @Test
    void policyNamingAToolTheApplicationLacksIsRejected() {
        Policy p = PolicyFiles.parse(YAML, "p.yaml", PolicyFiles.Format.YAML);
        assertThatThrownBy(() -> p.envelope(List.of(BALANCE, DELETE))).hasMessageContaining("'send_money'");
    }

    @Test
    void offeredToolTheFileDoesNotNameIsDenied() {
        Policy p = PolicyFiles.parse("id: p\nversion: 1\ntools: {}\n", "p.yaml", PolicyFiles.Format.YAML);
        assertThat(p.envelope(List.of(BALANCE)).decide(ToolCall.of("c", "get_balance", "{}"), context("", "")).rule())
                .isEqualTo("no-grant");
    }

    private static final String REGISTERED = """
            id: payments
            version: "4"
            registries:
              payees: Recipients the account holder paid before, from the payments database.
            tools:
              send_money:
                side_effect: irreversible
                sensitive: [recipient]
                grant:
                  untrusted_values: approve
                  registered: {recipient: payees}
            """;

    @Test
    void aRegisteredValueSeenOnlyInUntrustedMaterialIsVouchedForByTheApplicationRegistry() {
        Policy p = PolicyFiles.parse(REGISTERED, "p.yaml", PolicyFiles.Format.YAML);
        assertThat(p.registries()).containsOnlyKeys("payees");
        PermissionEnvelope e = p.envelope(List.of(SEND_MONEY));
        Registries registries = Registries.of(java.util.Map.of("payees", List.of("GB29 NWBK 6016 1331 9268 19")));
        String known = "{\"recipient\":\"gb29nwbk60161331926819\",\"amount\":5}";
        String unknown = "{\"recipient\":\"US133000000121212121212\",\"amount\":5}";
        DecisionContext ctx = context("refund the dinner", "GB29NWBK60161331926819 US133000000121212121212")
                .withRegistries(registries);
        assertThat(e.decide(ToolCall.of("c", "send_money", known), ctx)).isInstanceOf(PermissionDecision.Allow.class);
        assertThat(e.decide(ToolCall.of("c", "send_money", unknown), ctx).rule()).isEqualTo("provenance:recipient");
        // Without the registry in the context, the same call is judged by provenance alone.
        assertThat(e.decide(ToolCall.of("c", "send_money", known), context("refund the dinner",
                "GB29NWBK60161331926819")).rule()).isEqualTo("provenance:recipient");
        // A registry vouches only for the parameter the grant names it for, and only under its own name.
        assertThat(e.decide(ToolCall.of("c", "send_money", known), context("refund", "GB29NWBK60161331926819")
                .withRegistries(Registries.of(java.util.Map.of("members", List.of("GB29NWBK60161331926819")))))
                .rule()).isEqualTo("provenance:recipient");
    }

    @Test
    void undeclaredRegistryOrNonSensitiveRegisteredParameterFailsWithItsLine() {
        String undeclared = REGISTERED.replace("registered: {recipient: payees}", "registered: {recipient: friends}");
        assertThatThrownBy(() -> PolicyFiles.parse(undeclared, "p.yaml", PolicyFiles.Format.YAML))
                .isInstanceOfSatisfying(PolicyFormatException.class, ex -> {
                    assertThat(ex.line()).isEqualTo(11);
                    assertThat(ex.reason()).contains("'friends'").contains("payees");
                });
        String notSensitive = REGISTERED.replace("registered: {recipient: payees}", "registered: {subject: payees}");
        assertThatThrownBy(() -> PolicyFiles.parse(notSensitive, "p.yaml", PolicyFiles.Format.YAML))
                .isInstanceOfSatisfying(PolicyFormatException.class, ex -> {
                    assertThat(ex.line()).isEqualTo(11);
                    assertThat(ex.reason()).contains("not a sensitive parameter");
                });
        String noDescription = REGISTERED.replace("payees: Recipients the account holder paid before, from the "
                + "payments database.", "payees: {}");
        assertThatThrownBy(() -> PolicyFiles.parse(noDescription, "p.yaml", PolicyFiles.Format.YAML))
                .isInstanceOfSatisfying(PolicyFormatException.class, ex -> assertThat(ex.line()).isEqualTo(4));
    }
}
