package dev.arbiter.authority.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Trust;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LangChain4jToolsTest {

    /** Tools written for langchain4j. */
    public static final class BankTools {
        @Tool("Sends money")
        public String sendMoney(@P("IBAN of the recipient") String recipient, @P("amount") double amount) {
            return "sent " + amount + " to " + recipient;
        }

        @Tool(name = "get_balance", value = "Balance")
        public double balance() {
            return 1810.0;
        }

        @Tool("Fails")
        public void explode() {
            throw new IllegalStateException("offline");
        }
    }

    private static ToolDescriptor describe(dev.arbiter.core.ToolSpec spec) {
        if (spec.name().equals("sendMoney")) {
            return new ToolDescriptor(spec, SideEffect.IRREVERSIBLE, Set.of(
                    spec.parameters().path("properties").fieldNames().next()), Set.of(), Trust.UNTRUSTED);
        }
        return ToolDescriptor.of(spec, SideEffect.READ);
    }

    @Test
    void annotatedMethodsBecomeToolsThatRunWithBoundArguments() throws Exception {
        List<dev.arbiter.authority.permission.Tool> tools = LangChain4jTools.fromAnnotated(new BankTools(),
                LangChain4jToolsTest::describe);
        assertThat(tools).extracting(t -> t.name()).containsExactlyInAnyOrder("sendMoney", "get_balance", "explode");
        dev.arbiter.authority.permission.Tool send = tools.stream().filter(t -> t.name().equals("sendMoney")).findFirst()
                .orElseThrow();
        assertThat(send.descriptor().sideEffect()).isEqualTo(SideEffect.IRREVERSIBLE);
        var props = send.descriptor().spec().parameters().path("properties");
        List<String> names = new java.util.ArrayList<>();
        props.fieldNames().forEachRemaining(names::add);
        String args = "{\"" + names.get(0) + "\":\"DE89\",\"" + names.get(1) + "\":12.5}";
        assertThat(send.execute(new ObjectMapper().readTree(args))).isEqualTo("sent 12.5 to DE89");
    }

    @Test
    void nonStringResultsAreJsonAndThrownExceptionsReachTheGatewayUnwrapped() throws Exception {
        List<dev.arbiter.authority.permission.Tool> tools = LangChain4jTools.fromAnnotated(new BankTools(),
                LangChain4jToolsTest::describe);
        var balance = tools.stream().filter(t -> t.name().equals("get_balance")).findFirst().orElseThrow();
        var explode = tools.stream().filter(t -> t.name().equals("explode")).findFirst().orElseThrow();
        assertThat(balance.execute(new ObjectMapper().readTree("{}"))).isEqualTo("1810.0");
        assertThatThrownBy(() -> explode.execute(new ObjectMapper().readTree("{}")))
                .isInstanceOf(IllegalStateException.class).hasMessage("offline");
    }

    @Test
    void specificationWithExecutorBecomesATool() throws Exception {
        ToolSpecification spec = ToolSpecification.builder().name("lookup").description("Looks up")
                .parameters(JsonObjectSchema.builder().addStringProperty("q").required("q").build()).build();
        var tool = LangChain4jTools.fromSpecification(spec, s -> ToolDescriptor.of(s, SideEffect.READ),
                a -> "found " + a.get("q").asText());
        assertThat(tool.descriptor().spec().parameters().path("required").get(0).asText()).isEqualTo("q");
        assertThat(tool.execute(new ObjectMapper().readTree("{\"q\":\"x\"}"))).isEqualTo("found x");
    }

    @Test
    void objectWithoutToolsIsRejected() {
        assertThatThrownBy(() -> LangChain4jTools.fromAnnotated(new Object(), s -> ToolDescriptor.of(s, SideEffect.READ)))
                .hasMessageContaining("no @Tool methods");
    }
}
