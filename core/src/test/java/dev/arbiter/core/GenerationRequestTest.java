package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GenerationRequestTest {

    /** SHA-256 of the canonical form below; computed once and checked independently. Never update it casually. */
    private static final String PINNED_DIGEST = "78eba27d5da18a58158805b69ab173ab8b647ce0afed3abca25f6f8d775a6340";

    private static final String PINNED_CANONICAL_FORM = "{\"maxOutputTokens\":512,\"messages\":["
            + "{\"role\":\"system\",\"text\":\"You extract invoices. Answer in JSON.\"},"
            + "{\"role\":\"user\",\"text\":\"Invoice N\u00ba 17 from M\u00fcller & S\u00f6hne: total 1\u00a0234,50 \u20ac"
            + " \\\"net\\\"\\n\u2014 due 2025-01-31 \uD83E\uDDFE\"},"
            + "{\"role\":\"assistant\",\"text\":\"\",\"toolCalls\":[{\"arguments\":"
            + "\"{\\\"name\\\":\\\"M\u00fcller & S\u00f6hne\\\"}\",\"id\":\"call_1\",\"name\":\"lookup_vendor\"}]},"
            + "{\"content\":\"{\\\"vendorId\\\":\\\"V-42\\\",\\\"country\\\":\\\"DE\\\"}\",\"role\":\"tool\","
            + "\"toolCallId\":\"call_1\",\"toolName\":\"lookup_vendor\"}],"
            + "\"responseSchema\":{\"name\":\"invoice\",\"schema\":{\"properties\":{\"total\":{\"minimum\":0,"
            + "\"type\":\"number\"}},\"required\":[\"total\"],\"type\":\"object\"}},"
            + "\"seed\":7,\"stopSequences\":[\"END\"],\"temperature\":0.2,"
            + "\"tools\":[{\"description\":\"Finds a vendor by name.\",\"name\":\"lookup_vendor\",\"parameters\":"
            + "{\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"],\"type\":\"object\"}}]}";

    private static final GenerationRequest BASE = PinnedRequest.request();

    @Test
    void digestOfThePinnedRequestNeverChanges() {
        assertThat(CanonicalJson.write(JsonCodec.requestToJson(BASE, false))).isEqualTo(PINNED_CANONICAL_FORM);
        assertThat(BASE.digest()).isEqualTo(PINNED_DIGEST);
    }

    @Test
    void digestIsTheSha256OfTheCanonicalForm() {
        assertThat(BASE.digest()).isEqualTo(Digests.sha256Hex(PINNED_CANONICAL_FORM)).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void digestIsTheSameInAnotherJvmWithAnotherCharsetAndLocale() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(),
                "-Dfile.encoding=ISO-8859-1", "-Duser.language=tr", "-Duser.country=TR",
                "-cp", System.getProperty("java.class.path"), PinnedRequest.class.getName())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("child JVM finished within 60 s").isTrue();
        assertThat(process.exitValue()).as("child JVM exit code; output: %s", output).isZero();
        assertThat(output).isEqualTo(PINNED_DIGEST);
    }

    @Test
    void requestsBuiltDifferentlyButEqualHaveTheSameDigest() {
        GenerationRequest viaOf = GenerationRequest.of(Message.system("s"), Message.user("u"));
        GenerationRequest viaBuilder = GenerationRequest.builder()
                .addMessage(Message.user("replaced"))
                .messages(List.of(Message.system("s"), Message.user("u")))
                .build();
        assertThat(viaBuilder.digest()).isEqualTo(viaOf.digest());
        assertThat(BASE.toBuilder().build().digest()).isEqualTo(BASE.digest());
    }

    @Test
    void attributesDoNotChangeTheDigest() {
        GenerationRequest other = BASE.toBuilder().attribute("run", "r-2").attribute("step", "extract").build();
        assertThat(other).isNotEqualTo(BASE);
        assertThat(other.digest()).isEqualTo(BASE.digest());
    }

    @Test
    void keyOrderInsideSchemasDoesNotChangeTheDigest() {
        GenerationRequest reordered = BASE.toBuilder()
                .responseSchema(ResponseSchema.of("invoice", "{\"required\":[\"total\"],\"properties\":{\"total\":"
                        + "{\"minimum\":0.0,\"type\":\"number\"}},\"type\":\"object\"}"))
                .tools(List.of(ToolSpec.of("lookup_vendor", "Finds a vendor by name.",
                        "{\"required\":[\"name\"],\"properties\":{\"name\":{\"type\":\"string\"}},\"type\":\"object\"}")))
                .build();
        assertThat(reordered.digest()).isEqualTo(BASE.digest());
    }

    @Test
    void numbersInSchemasCompareByValueNotBySpelling() {
        GenerationRequest integral = withSchemaMinimum("0");
        assertThat(withSchemaMinimum("0.0").digest()).isEqualTo(integral.digest());
        assertThat(withSchemaMinimum("0e5").digest()).isEqualTo(integral.digest());
        assertThat(withSchemaMinimum("1.0").digest()).isEqualTo(withSchemaMinimum("1").digest());
        assertThat(withSchemaMinimum("1.5").digest()).isNotEqualTo(withSchemaMinimum("1").digest());
    }

    private static GenerationRequest withSchemaMinimum(String minimum) {
        return BASE.toBuilder().responseSchema(ResponseSchema.of("invoice",
                "{\"type\":\"object\",\"properties\":{\"total\":{\"type\":\"number\",\"minimum\":" + minimum + "}},"
                        + "\"required\":[\"total\"]}")).build();
    }

    @Test
    void aRequestReadBackFromItsJsonHasTheSameDigest() {
        String text = JsonCodec.requestToJson(BASE).toString();
        GenerationRequest read = JsonCodec.requestFromJson(JsonCodec.parse(text, "request"));
        assertThat(read).isEqualTo(BASE);
        assertThat(read.digest()).isEqualTo(BASE.digest());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anyChangeToWhatIsSentChangesTheDigest(UnaryOperator<GenerationRequest.Builder> change) {
        GenerationRequest changed = change.apply(BASE.toBuilder()).build();
        assertThat(changed.digest()).isNotEqualTo(BASE.digest());
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                change("system text", b -> b.messages(replace(0, Message.system("You extract receipts.")))),
                change("user text", b -> b.messages(replace(1, Message.user("Invoice 18")))),
                change("user text by one trailing space", b -> b.messages(replace(1,
                        Message.user(((Message.User) BASE.messages().get(1)).text() + " ")))),
                change("role of a message", b -> b.messages(replace(0,
                        Message.user("You extract invoices. Answer in JSON.")))),
                change("order of messages", b -> b.messages(swap(0, 1))),
                change("a message removed", b -> b.messages(BASE.messages().subList(0, 3))),
                change("a message added", b -> b.addMessage(Message.user("And the VAT?"))),
                change("assistant text", b -> b.messages(replace(2, Message.assistant("Looking it up.",
                        List.of(ToolCall.of("call_1", "lookup_vendor", "{\"name\":\"M\u00fcller & S\u00f6hne\"}")))))),
                change("tool call id", b -> b.messages(replace(2, Message.assistant("",
                        List.of(ToolCall.of("call_2", "lookup_vendor", "{\"name\":\"M\u00fcller & S\u00f6hne\"}")))))),
                change("tool call name", b -> b.messages(replace(2, Message.assistant("",
                        List.of(ToolCall.of("call_1", "find_vendor", "{\"name\":\"M\u00fcller & S\u00f6hne\"}")))))),
                change("tool call arguments", b -> b.messages(replace(2, Message.assistant("",
                        List.of(ToolCall.of("call_1", "lookup_vendor", "{\"name\":\"Mueller\"}")))))),
                change("tool result content", b -> b.messages(replace(3,
                        Message.toolResult("call_1", "lookup_vendor", "{\"vendorId\":\"V-43\",\"country\":\"DE\"}")))),
                change("tool result call id", b -> b.messages(replace(3,
                        Message.toolResult("call_9", "lookup_vendor", "{\"vendorId\":\"V-42\",\"country\":\"DE\"}")))),
                change("tool name", b -> b.tools(List.of(ToolSpec.of("find_vendor", "Finds a vendor by name.",
                        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}")))),
                change("tool description", b -> b.tools(List.of(ToolSpec.of("lookup_vendor", "Finds a vendor.",
                        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}")))),
                change("tool schema", b -> b.tools(List.of(ToolSpec.of("lookup_vendor", "Finds a vendor by name.",
                        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}")))),
                change("tool removed", b -> b.tools(List.of())),
                change("tool added", b -> b.addTool(ToolSpec.of("get_rate", "Exchange rate.", "{\"type\":\"object\"}"))),
                change("response schema name", b -> b.responseSchema(ResponseSchema.of("bill",
                        BASE.responseSchema().orElseThrow().schema().toString()))),
                change("response schema", b -> b.responseSchema(ResponseSchema.of("invoice", "{\"type\":\"object\"}"))),
                change("response schema removed", b -> b.responseSchema(null)),
                change("temperature", b -> b.temperature(0.3)),
                change("temperature removed", b -> b.temperature(null)),
                change("max output tokens", b -> b.maxOutputTokens(513)),
                change("max output tokens removed", b -> b.maxOutputTokens(null)),
                change("stop sequence", b -> b.stopSequences(List.of("STOP"))),
                change("stop sequence added", b -> b.stopSequences(List.of("END", "STOP"))),
                change("stop sequences removed", b -> b.stopSequences(List.of())),
                change("seed", b -> b.seed(8L)),
                change("seed removed", b -> b.seed(null)));
    }

    private static Arguments change(String name, UnaryOperator<GenerationRequest.Builder> change) {
        return Arguments.of(Named.of(name, change));
    }

    private static List<Message> replace(int index, Message message) {
        List<Message> messages = new ArrayList<>(BASE.messages());
        messages.set(index, message);
        return messages;
    }

    private static List<Message> swap(int i, int j) {
        List<Message> messages = new ArrayList<>(BASE.messages());
        messages.set(i, BASE.messages().get(j));
        messages.set(j, BASE.messages().get(i));
        return messages;
    }

    @Test
    void messageBoundariesArePartOfTheDigest() {
        GenerationRequest split = GenerationRequest.of(Message.user("ab"), Message.user("c"));
        GenerationRequest moved = GenerationRequest.of(Message.user("a"), Message.user("bc"));
        assertThat(split.digest()).isNotEqualTo(moved.digest());
    }

    @Test
    void aRequestWithoutMessagesIsRejected() {
        assertThatThrownBy(() -> GenerationRequest.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a generation request needs at least one message");
    }

    @Test
    void aToolOfferedTwiceIsRejectedByName() {
        ToolSpec tool = ToolSpec.of("search", "Searches.", "{\"type\":\"object\"}");
        assertThatThrownBy(() -> GenerationRequest.builder().addMessage(Message.user("u")).addTool(tool).addTool(tool).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tool 'search' is offered twice");
    }

    @Test
    void parametersOutOfRangeAreRejectedWithTheirValue() {
        GenerationRequest.Builder b = GenerationRequest.builder();
        assertThatThrownBy(() -> b.temperature(2.5)).hasMessage("temperature must be between 0 and 2, was 2.5");
        assertThatThrownBy(() -> b.temperature(Double.NaN)).hasMessage("temperature must be between 0 and 2, was NaN");
        assertThatThrownBy(() -> b.maxOutputTokens(0)).hasMessage("maxOutputTokens must be positive, was 0");
        assertThatThrownBy(() -> b.stopSequences(List.of(""))).hasMessage("stop sequences must not be empty");
    }

    @Test
    void theBuiltRequestDoesNotChangeWhenItsBuilderDoes() {
        GenerationRequest.Builder b = GenerationRequest.builder().addMessage(Message.user("u"));
        GenerationRequest built = b.build();
        b.addMessage(Message.user("more")).attribute("k", "v");
        assertThat(built.messages()).hasSize(1);
        assertThat(built.attributes()).isEmpty();
    }
}
