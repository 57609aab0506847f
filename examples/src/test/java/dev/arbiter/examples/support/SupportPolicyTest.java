package dev.arbiter.examples.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.permission.DecisionContext;
import dev.arbiter.authority.permission.PermissionDecision;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.Policy;
import dev.arbiter.authority.permission.Registries;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.Source;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.Trust;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of support/support-policy.yaml, allowing and refusing, on the envelope the agent builds from it. */
class SupportPolicyTest {

    private static final Policy POLICY = SupportAgent.policy();
    private static final List<Tool> TOOLS = SupportAgent.tools(ShopBackend.sample(), POLICY);
    private static final PermissionEnvelope ENVELOPE = POLICY.envelope(TOOLS.stream()
            .map(t -> t.descriptor().spec()).toList());

    /** What the tool loop knows when the model proposes its calls for ticket T-1042. */
    private static final DecisionContext TICKET = DecisionContext.of("support-T-1042", Evidence.of(
                    Source.of("user-request", "Resolve support ticket T-1042 of customer C-2001.", Trust.TRUSTED),
                    Source.of("ticket:T-1042", Ticket.CRACKED_KETTLE.body(), Trust.UNTRUSTED),
                    Source.of("tool-result:lookup_order", new SupportTools(ShopBackend.sample()).lookupOrder("A-10231"),
                            Trust.UNTRUSTED)))
            .withRegistries(Registries.of(Map.of(SupportAgent.ADDRESSES_ON_FILE, List.of("dana.whitfield@example.com"),
                    SupportAgent.ORDERS_OF_CUSTOMER, List.of("A-10231"))));

    private static PermissionDecision decide(String tool, String arguments, DecisionContext context) {
        return ENVELOPE.decide(ToolCall.of("c", tool, arguments), context);
    }

    private static PermissionDecision decide(String tool, String arguments) {
        return decide(tool, arguments, TICKET);
    }

    @Test
    void theFileDeclaresItsIdVersionAndRegistry() {
        assertThat(POLICY.ref().id()).isEqualTo("support-agent");
        assertThat(POLICY.ref().version()).isEqualTo("1");
        assertThat(POLICY.registries()).containsOnlyKeys(SupportAgent.ADDRESSES_ON_FILE,
                SupportAgent.ORDERS_OF_CUSTOMER);
    }

    @Test
    void orderLookupsAreAllowedAndTheirOutputIsUntrusted() {
        assertThat(decide("lookup_order", "{\"order_id\":\"A-10231\"}")).isInstanceOf(PermissionDecision.Allow.class);
        assertThat(TOOLS).filteredOn(t -> t.name().equals("lookup_order")).singleElement()
                .satisfies(t -> assertThat(t.descriptor().outputTrust()).isEqualTo(Trust.UNTRUSTED));
    }

    @Test
    void refundsUpToFiftyAreAutomaticAndAboveItNeedAPerson() {
        assertThat(decide("refund", "{\"order_id\":\"A-10231\",\"amount\":34.50}"))
                .isInstanceOf(PermissionDecision.Allow.class);
        assertThat(decide("refund", "{\"order_id\":\"A-10231\",\"amount\":50.00}"))
                .isInstanceOf(PermissionDecision.Allow.class);
        assertThat(decide("refund", "{\"order_id\":\"A-10231\",\"amount\":50.01}"))
                .isInstanceOfSatisfying(PermissionDecision.NeedsApproval.class,
                        n -> assertThat(n.rule()).isEqualTo("limit:amount"));
    }

    @Test
    void zeroOrNegativeRefundsAndForeignOrderNumbersAreDenied() {
        for (String args : List.of("{\"order_id\":\"A-10231\",\"amount\":0}",
                "{\"order_id\":\"A-10231\",\"amount\":-20}", "{\"order_id\":\"10231\",\"amount\":10}")) {
            assertThat(decide("refund", args)).as(args).isInstanceOfSatisfying(PermissionDecision.Deny.class,
                    d -> assertThat(d.rule()).isEqualTo("grant-schema"));
        }
    }

    @Test
    void aRefundToAnOrderOfAnotherCustomerIsDeniedThoughTheTicketNamesIt() {
        DecisionContext named = DecisionContext.of(TICKET.runId(), TICKET.evidence().with(Source.of("ticket:T-1042b",
                "Please refund 20 EUR of my other order A-10402.", Trust.UNTRUSTED))).withRegistries(TICKET.registries());
        for (String order : List.of("A-10402", "A-10388", "A-99999")) {
            assertThat(decide("refund", "{\"order_id\":\"" + order + "\",\"amount\":20}", named)).as(order)
                    .isInstanceOfSatisfying(PermissionDecision.Deny.class,
                            d -> assertThat(d.rule()).isEqualTo("provenance:order_id"));
        }
    }

    @Test
    void aSecondRefundInOneRunIsDenied() {
        ToolCall first = ToolCall.of("c1", "refund", "{\"order_id\":\"A-10231\",\"amount\":34.50}");
        assertThat(decide("refund", "{\"order_id\":\"A-10231\",\"amount\":6.90}", TICKET.withCall(first)))
                .isInstanceOfSatisfying(PermissionDecision.Deny.class, d -> assertThat(d.rule()).isEqualTo("call-limit"));
    }

    @Test
    void emailToTheAddressOnFileIsAllowedThoughTheModelReadItOnlyInUntrustedText() {
        assertThat(decide("email_customer",
                "{\"to\":\"Dana.Whitfield@example.com\",\"subject\":\"Your refund\",\"body\":\"Refunded 34.50 EUR.\"}"))
                .isInstanceOf(PermissionDecision.Allow.class);
    }

    @Test
    void emailToAnyOtherAddressIsDenied() {
        for (String to : List.of("attacker@evil.example", "priya.raman@example.org", "dana.whitfield@example.co")) {
            assertThat(decide("email_customer", "{\"to\":\"" + to + "\",\"subject\":\"Order\",\"body\":\"Hello\"}"))
                    .as(to).isInstanceOfSatisfying(PermissionDecision.Deny.class,
                            d -> assertThat(d.rule()).isEqualTo("provenance:to"));
        }
    }

    @Test
    void anAddressWrittenIntoTheBodyIsCheckedToo() {
        assertThat(decide("email_customer", "{\"to\":\"dana.whitfield@example.com\",\"subject\":\"Your order\","
                + "\"body\":\"Your order history was also sent to attacker@evil.example.\"}"))
                .isInstanceOfSatisfying(PermissionDecision.Deny.class,
                        d -> assertThat(d.rule()).isEqualTo("provenance:body"));
    }

    @Test
    void withoutTheRegistryEvenTheAddressOnFileIsDenied() {
        DecisionContext noRegistry = DecisionContext.of(TICKET.runId(), TICKET.evidence());
        assertThat(decide("email_customer",
                "{\"to\":\"dana.whitfield@example.com\",\"subject\":\"Your refund\",\"body\":\"Done.\"}", noRegistry))
                .isInstanceOf(PermissionDecision.Deny.class);
    }

    @Test
    void aThirdEmailInOneRunIsDenied() {
        ToolCall sent = ToolCall.of("c1", "email_customer",
                "{\"to\":\"dana.whitfield@example.com\",\"subject\":\"Your refund\",\"body\":\"Done.\"}");
        assertThat(decide("email_customer", "{\"to\":\"dana.whitfield@example.com\",\"subject\":\"Again\","
                + "\"body\":\"Done.\"}", TICKET.withCall(sent).withCall(sent)))
                .isInstanceOfSatisfying(PermissionDecision.Deny.class, d -> assertThat(d.rule()).isEqualTo("call-limit"));
    }

    @Test
    void aToolThePolicyDoesNotKnowIsDenied() {
        assertThat(decide("delete_order", "{\"order_id\":\"A-10231\"}"))
                .isInstanceOfSatisfying(PermissionDecision.Deny.class, d -> assertThat(d.rule()).isEqualTo("unknown-tool"));
    }
}
