package dev.arbiter.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.ToolSpec;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LangChain4jMessagesTest {

    private static final String WEATHER = """
            {"type":"object","description":"Where","additionalProperties":false,"required":["location"],
             "properties":{"location":{"type":"string","pattern":"^[A-Z]","minLength":2},
               "units":{"enum":["c","f"],"default":"c"},"anything":true},
             "$defs":{"unit":{"type":"string","enum":["c","f"]}}}""";

    @Test
    void everyKindOfMessageSurvivesARoundTrip() {
        List<Message> messages = List.of(
                Message.system("You report the weather."),
                Message.user("Weather in Edinburgh?"),
                Message.assistant("Let me look.", List.of(ToolCall.of("call_1", "get_weather", "{\"city\":\"Edinburgh\"}"),
                        ToolCall.of("call_2", "get_weather", "{\"city\":"))),
                Message.toolResult("call_1", "get_weather", "{\"temperature\":12}"),
                Message.assistant("It is 12 degrees."),
                Message.user(""));

        assertThat(LangChain4jMessages.toMessages(LangChain4jMessages.toChatMessages(messages))).isEqualTo(messages);
    }

    @Test
    void assistantWithOnlyToolCallsHasNoTextForLangChain4jAndEmptyTextBack() {
        Message.Assistant assistant = Message.assistant("", List.of(ToolCall.of("call_1", "t", "{}")));

        AiMessage ai = (AiMessage) LangChain4jMessages.toChatMessage(assistant);

        assertThat(ai.text()).isNull();
        assertThat(ai.toolExecutionRequests()).containsExactly(
                ToolExecutionRequest.builder().id("call_1").name("t").arguments("{}").build());
        assertThat(LangChain4jMessages.toMessage(ai)).isEqualTo(assistant);
    }

    @Test
    void anEmptyToolCallIdStandsForTheMissingIdOfLegacyFunctionCalls() {
        ToolExecutionRequest legacy = ToolExecutionRequest.builder().name("get_weather").arguments("{}").build();

        ToolCall call = LangChain4jMessages.toToolCall(legacy);

        assertThat(call).isEqualTo(ToolCall.of("", "get_weather", "{}"));
        assertThat(LangChain4jMessages.toToolExecutionRequest(call).id()).isNull();
        assertThat(((ToolExecutionResultMessage) LangChain4jMessages.toChatMessage(
                Message.toolResult("", "get_weather", "sunny"))).id()).isNull();
    }

    @Test
    void aBlankSystemMessageIsRejectedNamingItsPosition() {
        assertThatThrownBy(() -> LangChain4jMessages.toChatMessages(List.of(Message.user("hi"), Message.system(" "))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message 1")
                .hasMessageContaining("system message must not be blank");
    }

    @Test
    void imageContentCannotBeConverted() {
        UserMessage withImage = UserMessage.from(TextContent.from("What is this?"),
                ImageContent.from("https://example.com/cat.png"));

        assertThatThrownBy(() -> LangChain4jMessages.toMessage(withImage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IMAGE");
    }

    @Test
    void severalTextPartsAreJoinedWithANewline() {
        ChatMessage user = UserMessage.from(TextContent.from("first"), TextContent.from("second"));

        assertThat(LangChain4jMessages.toMessage(user)).isEqualTo(Message.user("first\nsecond"));
    }

    @Test
    void toolSpecWithTheKeywordsLangChain4jCarriesSurvivesARoundTrip() {
        ToolSpec tool = ToolSpec.of("get_weather", "Look up the weather", WEATHER);

        ToolSpecification specification = LangChain4jMessages.toToolSpecification(tool);

        assertThat(specification.parameters().properties().get("location"))
                .isEqualTo(JsonRawSchema.from("{\"type\":\"string\",\"pattern\":\"^[A-Z]\",\"minLength\":2}"));
        assertThat(specification.parameters().properties().get("anything")).isEqualTo(JsonRawSchema.from("{}"));
        assertThat(specification.parameters().additionalProperties()).isFalse();
        ToolSpec back = LangChain4jMessages.toToolSpec(specification);
        assertThat(back.name()).isEqualTo("get_weather");
        assertThat(back.description()).isEqualTo("Look up the weather");
        assertThat(back.parameters()).isEqualTo(ProviderFixtures.readTree(WEATHER.replace("\"anything\":true",
                "\"anything\":{}")));
    }

    @Test
    void topLevelKeywordsLangChain4jCannotCarryAreDropped() {
        ToolSpec tool = ToolSpec.of("t", "", "{\"type\":\"object\",\"title\":\"T\",\"minProperties\":1,"
                + "\"properties\":{\"a\":{\"type\":\"string\"}}}");

        ToolSpec back = LangChain4jMessages.toToolSpec(LangChain4jMessages.toToolSpecification(tool));

        assertThat(back.parameters()).isEqualTo(ProviderFixtures.readTree(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"));
        assertThat(back.description()).isEmpty();
    }

    @Test
    void toolParametersThatAreNotAnObjectSchemaAreRejected() {
        assertThatThrownBy(() -> LangChain4jMessages.toToolSpecification(ToolSpec.of("t", "", "{\"type\":\"array\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type object");
        assertThatThrownBy(() -> LangChain4jMessages.toToolSpecification(
                ToolSpec.of("t", "", "{\"type\":\"object\",\"properties\":{\"a\":3}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("properties/a");
    }

    @Test
    void typedLangChain4jSchemasBecomeJsonSchema() {
        ToolSpecification specification = ToolSpecification.builder()
                .name("search")
                .parameters(JsonObjectSchema.builder()
                        .addProperty("query", JsonStringSchema.builder().description("What to find").build())
                        .addProperty("limit", JsonIntegerSchema.builder().build())
                        .addProperty("sort", JsonEnumSchema.builder().enumValues("asc", "desc").build())
                        .addProperty("tags", JsonArraySchema.builder().items(new JsonReferenceSchema.Builder()
                                .reference("tag").build()).build())
                        .required("query")
                        .definitions(Map.of("tag", JsonStringSchema.builder().build()))
                        .build())
                .build();

        ToolSpec tool = LangChain4jMessages.toToolSpec(specification);

        assertThat(tool.parameters()).isEqualTo(ProviderFixtures.readTree("""
                {"type":"object","properties":{
                   "query":{"type":"string","description":"What to find"},
                   "limit":{"type":"integer"},
                   "sort":{"type":"string","enum":["asc","desc"]},
                   "tags":{"type":"array","items":{"$ref":"#/$defs/tag"}}},
                 "required":["query"],"$defs":{"tag":{"type":"string"}}}"""));
        assertThat(tool.description()).isEmpty();
    }

    @Test
    void toolSpecificationWithoutParametersBecomesAnEmptyObjectSchema() {
        ToolSpec tool = LangChain4jMessages.toToolSpec(ToolSpecification.builder().name("now").build());

        assertThat(tool.parameters()).isEqualTo(ProviderFixtures.readTree("{\"type\":\"object\",\"properties\":{}}"));
    }

    @Test
    void responseFormatCarriesTheSchemaVerbatim() {
        ResponseSchema schema = ResponseSchema.of("invoice", WEATHER);

        ResponseFormat format = LangChain4jMessages.toResponseFormat(schema);

        assertThat(format.type()).isEqualTo(ResponseFormatType.JSON);
        assertThat(format.jsonSchema().name()).isEqualTo("invoice");
        JsonRawSchema root = (JsonRawSchema) format.jsonSchema().rootElement();
        assertThat(ProviderFixtures.readTree(root.schema())).isEqualTo(ProviderFixtures.readTree(WEATHER));
    }
}
