package dev.arbiter.authority.permission;

import dev.arbiter.core.Evidence;
import dev.arbiter.core.Source;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.Trust;

/** Tools and evidence shared by the permission tests. */
final class Fixtures {

    static final PolicyRef POLICY = PolicyRef.of("test-policy", "7");

    static final ToolSpec SEND_MONEY = ToolSpec.of("send_money", "Sends money", """
            {"type":"object","properties":{"recipient":{"type":"string"},"amount":{"type":"number"},
             "subject":{"type":"string"}},"required":["recipient","amount"],"additionalProperties":false}""");
    static final ToolSpec BALANCE = ToolSpec.of("get_balance", "Balance", """
            {"type":"object","properties":{}}""");
    static final ToolSpec DELETE = ToolSpec.of("delete_account", "Deletes", """
            {"type":"object","properties":{"user":{"type":"string"}}}""");

    static final ToolDescriptor SEND = new ToolDescriptor(SEND_MONEY, SideEffect.IRREVERSIBLE,
            java.util.Set.of("recipient"), java.util.Set.of("subject"), Trust.UNTRUSTED);

    private Fixtures() {}

    static Evidence evidence(String trusted, String untrusted) {
        return Evidence.of(Source.of("user", trusted, Trust.TRUSTED), Source.of("tool:1", untrusted, Trust.UNTRUSTED));
    }

    static DecisionContext context(String trusted, String untrusted) {
        return DecisionContext.of("run-1", evidence(trusted, untrusted));
    }
}
