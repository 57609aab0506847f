package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonCodecTest {

    private static JsonNode json(String text) {
        return JsonCodec.parse(text.replace('\'', '"'), "test JSON");
    }

    @Test
    void aRequestWithEveryPartSurvivesTheRoundTrip() {
        GenerationRequest request = PinnedRequest.request();

        GenerationRequest read = JsonCodec.requestFromJson(json(JsonCodec.requestToJson(request).toString()));

        assertThat(read).isEqualTo(request);
        assertThat(read.attributes()).containsEntry("run", "r-1");
    }

    @Test
    void optionalPartsAreWrittenOnlyWhenPresent() {
        assertThat(JsonCodec.requestToJson(GenerationRequest.of(Message.user("hi"))).toString())
                .isEqualTo("{\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}]}");
    }

    @Test
    void everyKindOfMessageSurvivesTheRoundTrip() {
        List<Message> messages = List.of(
                Message.system("s"),
                Message.user("u"),
                Message.assistant("a"),
                Message.assistant("", List.of(ToolCall.of("c1", "t", "{not json"))),
                Message.toolResult("c1", "t", "result"));
        for (Message m : messages) {
            assertThat(JsonCodec.messageFromJson(JsonCodec.messageToJson(m))).isEqualTo(m);
        }
    }

    @Test
    void aGenerationWithEveryPartSurvivesTheRoundTrip() {
        Generation generation = Generation.builder()
                .text("partial")
                .toolCalls(List.of(ToolCall.of("c1", "sum", "{\"a\":1}")))
                .usage(Usage.of(3_000_000_000L, 7))
                .finishReason(FinishReason.LENGTH)
                .modelId("claude-sonnet-4")
                .latency(Duration.ofSeconds(3, 141_592_653))
                .build();

        assertThat(JsonCodec.generationFromJson(json(JsonCodec.generationToJson(generation).toString())))
                .isEqualTo(generation);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no messages                 | {}                                                        | missing member 'messages' in {}",
        "messages not an array       | {'messages':{}}                                           | member 'messages' must be an array, was OBJECT",
        "message without role        | {'messages':[{'text':'hi'}]}                              | missing member 'role' in {\"text\":\"hi\"}",
        "unknown role                | {'messages':[{'role':'robot','text':'hi'}]}               | unknown message role 'robot'",
        "text not a string           | {'messages':[{'role':'user','text':5}]}                   | member 'text' must be a string, was NUMBER",
        "tool call without id        | {'messages':[{'role':'assistant','text':'','toolCalls':[{'name':'t','arguments':''}]}]} | missing member 'id' in {\"name\":\"t\",\"arguments\":\"\"}",
        "tool result without content | {'messages':[{'role':'tool','toolCallId':'c','toolName':'t'}]} | missing member 'content' in {\"role\":\"tool\",\"toolCallId\":\"c\",\"toolName\":\"t\"}",
        "tool parameters not object  | {'messages':[{'role':'user','text':''}],'tools':[{'name':'t','description':'','parameters':[]}]} | member 'parameters' must be an object, was ARRAY",
        "temperature a string        | {'messages':[{'role':'user','text':''}],'temperature':'hot'} | member 'temperature' must be a number, was STRING",
        "responseSchema a string     | {'messages':[{'role':'user','text':''}],'responseSchema':'s'} | member 'responseSchema' must be an object, was STRING",
        "stop sequence a number      | {'messages':[{'role':'user','text':''}],'stopSequences':[5]} | member 'stopSequences[0]' must be a string, was NUMBER",
        "attribute value a number    | {'messages':[{'role':'user','text':''}],'attributes':{'run':5}} | member 'attributes.run' must be a string, was NUMBER",
        "maxOutputTokens a fraction  | {'messages':[{'role':'user','text':''}],'maxOutputTokens':1.5} | member 'maxOutputTokens' must be an integer that fits in 32 bits, was 1.5",
        "maxOutputTokens too large   | {'messages':[{'role':'user','text':''}],'maxOutputTokens':3000000000} | member 'maxOutputTokens' must be an integer that fits in 32 bits, was 3000000000",
        "seed a fraction             | {'messages':[{'role':'user','text':''}],'seed':0.5}         | member 'seed' must be an integer that fits in 64 bits, was 0.5",
        "seed too large              | {'messages':[{'role':'user','text':''}],'seed':1e30}        | member 'seed' must be an integer that fits in 64 bits, was 1E+30",
    })
    void aMissingOrMistypedRequestMemberIsNamed(String name, String json, String message) {
        assertThatThrownBy(() -> JsonCodec.requestFromJson(json(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no usage          | {'text':'','finishReason':'STOP','modelId':'','latency':'PT0S'}                  | missing member 'usage' in {\"text\":\"\",\"finishReason\":\"STOP\",\"modelId\":\"\",\"latency\":\"PT0S\"}",
        "tokens a fraction | {'text':'','usage':{'inputTokens':1.5,'outputTokens':0},'finishReason':'STOP','modelId':'','latency':'PT0S'} | member 'inputTokens' must be an integer that fits in 64 bits, was 1.5",
        "unknown finish    | {'text':'','usage':{'inputTokens':1,'outputTokens':0},'finishReason':'DONE','modelId':'','latency':'PT0S'} | unknown finishReason 'DONE'",
        "latency not ISO   | {'text':'','usage':{'inputTokens':1,'outputTokens':0},'finishReason':'STOP','modelId':'','latency':'3s'}    | latency is not an ISO-8601 duration: \"3s\"",
        "negative tokens   | {'text':'','usage':{'inputTokens':-1,'outputTokens':0},'finishReason':'STOP','modelId':'','latency':'PT0S'} | inputTokens must be >= 0, was -1",
    })
    void aMissingOrMistypedGenerationMemberIsNamed(String name, String json, String message) {
        assertThatThrownBy(() -> JsonCodec.generationFromJson(json(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void invalidJsonTextIsReportedWithLineAndColumn() {
        assertThatThrownBy(() -> JsonCodec.parse("{\n  \"a\": }", "the request"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the request is not valid JSON: ")
                .hasMessageEndingWith("(line 2, column 8)");
    }
}
