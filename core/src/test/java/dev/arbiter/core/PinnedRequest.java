package dev.arbiter.core;

import java.util.List;

/**
 * The request whose digest is pinned in {@link GenerationRequestTest}: every part of a request set, with
 * non-ASCII text, so a change to the canonical form or a dependence on the platform shows up.
 *
 * <p>{@link #main} prints its digest; the test runs it in a second JVM with another default charset and locale.
 */
public final class PinnedRequest {

    private PinnedRequest() {}

    static GenerationRequest request() {
        return GenerationRequest.builder()
                .addMessage(Message.system("You extract invoices. Answer in JSON."))
                .addMessage(Message.user("Invoice N\u00ba 17 from M\u00fcller & S\u00f6hne: total 1\u00a0234,50 \u20ac"
                        + " \"net\"\n\u2014 due 2025-01-31 \uD83E\uDDFE"))
                .addMessage(Message.assistant("", List.of(
                        ToolCall.of("call_1", "lookup_vendor", "{\"name\":\"M\u00fcller & S\u00f6hne\"}"))))
                .addMessage(Message.toolResult("call_1", "lookup_vendor", "{\"vendorId\":\"V-42\",\"country\":\"DE\"}"))
                .addTool(ToolSpec.of("lookup_vendor", "Finds a vendor by name.",
                        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}"))
                .responseSchema(ResponseSchema.of("invoice",
                        "{\"type\":\"object\",\"properties\":{\"total\":{\"type\":\"number\",\"minimum\":0.0}},"
                                + "\"required\":[\"total\"]}"))
                .temperature(0.2)
                .maxOutputTokens(512)
                .stopSequences(List.of("END"))
                .seed(7L)
                .attribute("run", "r-1")
                .build();
    }

    /** Prints the digest of {@link #request()}. */
    public static void main(String[] args) {
        System.out.println(request().digest());
    }
}
