package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link GenerationRequest#digest()} is written straight into the digest; its definition is the SHA-256 of the
 * canonical JSON text of the request's tree ({@link JsonCodec#requestToJson} without attributes). The digest keys
 * recorded cassettes and appears in ledgers, so the two must agree on every request, bit for bit.
 */
class GenerationRequestDigestTest {

    /** The definition: the canonical text of the tree, hashed. */
    private static String byDefinition(GenerationRequest request) {
        return Digests.sha256Hex(CanonicalJson.write(JsonCodec.requestToJson(request, false)));
    }

    @Test
    void thePinnedRequest() {
        GenerationRequest pinned = PinnedRequest.request();
        assertThat(pinned.digest()).isEqualTo(byDefinition(pinned))
                .isEqualTo("78eba27d5da18a58158805b69ab173ab8b647ce0afed3abca25f6f8d775a6340");
    }

    @Test
    void thousandsOfRandomRequests() {
        Random random = new Random(2024);
        for (int n = 0; n < 4_000; n++) {
            GenerationRequest request = randomRequest(random);
            assertThat(request.digest()).as("request %d", n).isEqualTo(byDefinition(request));
        }
    }

    @Test
    void requestsSharingResponseSchemasDigestAsTheirCanonicalText() {
        // the canonical bytes of a response schema are kept by the identity of its tree: later requests with the
        // same schema (and others that evict it from its slot) must still digest as defined
        Random random = new Random(4242);
        List<ResponseSchema> schemas = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            schemas.add(new ResponseSchema("schema_" + i, randomObject(random)));
        }
        for (int n = 0; n < 6_000; n++) {
            ResponseSchema schema = schemas.get(random.nextInt(random.nextBoolean() ? 3 : schemas.size()));
            GenerationRequest request = GenerationRequest.builder().addMessage(randomMessage(random))
                    .responseSchema(schema).build();
            assertThat(request.digest()).as("request %d", n).isEqualTo(byDefinition(request));
        }
    }

    @Test
    void requestsSharingSystemTextsDigestAsTheirCanonicalText() {
        // the hash state after a long system text is kept and resumed: requests with the same text (the same
        // instance or an equal copy) and a different rest, texts of the same length, texts that take one another's
        // slot, and other maxOutputTokens must all still digest as defined
        Random random = new Random(31);
        List<String> systems = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            int length = i < 10 ? SystemPrefixes.MIN_CHARS + 40 : SystemPrefixes.MIN_CHARS + random.nextInt(3_000);
            systems.add(text(random, length));
        }
        systems.add(text(random, SystemPrefixes.MIN_CHARS - 1));
        systems.add(text(random, SystemPrefixes.MAX_CHARS + 1));
        String same = systems.get(0);
        String sameLengthOtherEnd = same.substring(0, same.length() - 1) + (same.endsWith("x") ? "y" : "x");
        systems.add(sameLengthOtherEnd);
        for (int n = 0; n < 6_000; n++) {
            String system = systems.get(random.nextInt(random.nextBoolean() ? 3 : systems.size()));
            if (random.nextInt(4) == 0) {
                system = new String(system.toCharArray()); // an equal text, not the same instance
            }
            GenerationRequest.Builder b = GenerationRequest.builder().addMessage(Message.system(system));
            int rest = random.nextInt(3);
            for (int i = 0; i < rest; i++) {
                b.addMessage(randomMessage(random));
            }
            if (random.nextBoolean()) {
                b.maxOutputTokens(1 + random.nextInt(3));
            }
            if (random.nextInt(3) == 0) {
                b.responseSchema(new ResponseSchema("s", randomObject(random)));
            }
            GenerationRequest request = b.build();
            assertThat(request.digest()).as("request %d", n).isEqualTo(byDefinition(request));
        }
    }

    @Test
    void conversationsBuiltFromEarlierRequestsDigestAsTheirCanonicalText() {
        // a request built with toBuilder() that adds messages (a tool round, a repair) goes on from the state its
        // origin's digest kept after the messages: every way of building from an origin must still digest as defined,
        // whether or not the origin's digest was made first, and with the rest of the request changed or not
        Random random = new Random(77);
        for (int n = 0; n < 1_500; n++) {
            GenerationRequest request = randomRequest(random);
            int rounds = 1 + random.nextInt(4);
            for (int round = 0; round < rounds; round++) {
                if (random.nextInt(4) != 0) {
                    assertThat(request.digest()).as("conversation %d, round %d", n, round)
                            .isEqualTo(byDefinition(request));
                }
                GenerationRequest.Builder next = request.toBuilder();
                switch (random.nextInt(8)) {
                    case 0 -> next.maxOutputTokens(1 + random.nextInt(1_000)); // another start: not resumed
                    case 1 -> next.messages(List.of(randomMessage(random))); // other messages: not resumed
                    case 2 -> next.responseSchema(random.nextBoolean() ? null
                            : new ResponseSchema("s", randomObject(random))); // after the messages: resumed
                    case 3 -> next.temperature(random.nextDouble()).seed(random.nextLong());
                    default -> { }
                }
                int added = random.nextInt(3);
                for (int i = 0; i < added; i++) {
                    next.addMessage(random.nextInt(5) == 0 ? Message.user(text(random, 3_000)) : randomMessage(random));
                }
                request = next.build();
            }
            assertThat(request.digest()).as("conversation %d", n).isEqualTo(byDefinition(request));
        }
    }

    @Test
    void aToolRoundGoesOnFromTheStateItsOriginKept() {
        String context = "Context \u2026 \"quoted\"\n".repeat(200);
        GenerationRequest first = GenerationRequest.builder().addMessage(Message.system("Answer."))
                .addMessage(Message.user(context)).maxOutputTokens(500).build();
        String firstDigest = first.digest();
        assertThat(first.baseState()).isNull();
        GenerationRequest second = first.toBuilder()
                .addMessage(Message.assistant("", List.of(ToolCall.of("c1", "lookup", "{\"q\":1}"))))
                .addMessage(Message.toolResult("c1", "lookup", "found")).build();
        assertThat(second.baseState()).as("the state the first request's digest kept").isNotNull();
        assertThat(second.baseMessages()).isEqualTo(2);
        assertThat(second.digest()).isEqualTo(byDefinition(second)).isNotEqualTo(firstDigest);
        assertThat(first.digest()).isEqualTo(firstDigest);

        GenerationRequest longer = first.toBuilder().maxOutputTokens(1_000).addMessage(Message.user("go on")).build();
        assertThat(longer.baseState()).as("another maxOutputTokens starts differently").isNull();
        assertThat(longer.digest()).isEqualTo(byDefinition(longer));

        GenerationRequest replaced = first.toBuilder().messages(List.of(Message.system("Answer."),
                Message.user(new String(context.toCharArray())))).build();
        assertThat(replaced.baseState()).as("equal messages that are other objects").isNull();
        assertThat(replaced.digest()).isEqualTo(firstDigest);

        GenerationRequest small = GenerationRequest.of(Message.user("hi"));
        small.digest();
        assertThat(small.toBuilder().addMessage(Message.user("again")).build().baseState())
                .as("a short conversation's state is not kept").isNull();
    }

    @Test
    void threadsDigestingRequestsBuiltFromOneOriginAgree() throws Exception {
        Random random = new Random(5);
        GenerationRequest origin = GenerationRequest.builder().addMessage(Message.system(text(random, 500)))
                .addMessage(Message.user(text(random, 5_000))).build();
        List<GenerationRequest> rounds = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            rounds.add(origin.toBuilder().addMessage(randomMessage(random)).build());
        }
        List<String> expected = rounds.stream().map(GenerationRequestDigestTest::byDefinition).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    origin.digest(); // made on every thread at once: each keeps the same state
                    return rounds.stream().map(GenerationRequest::digest).toList();
                }));
            }
            for (java.util.concurrent.Future<List<String>> r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A random text of exactly {@code length} characters. */
    private static String text(Random random, int length) {
        StringBuilder b = new StringBuilder(length + 8);
        while (b.length() < length) {
            b.append(CanonicalSinkTest.randomString(random, 200));
        }
        return b.substring(0, length);
    }

    @Test
    void aSystemTextAfterAnotherMessageIsNotTakenForTheStart() {
        String system = "S".repeat(SystemPrefixes.MIN_CHARS);
        GenerationRequest first = GenerationRequest.builder().addMessage(Message.system(system)).build();
        GenerationRequest second = GenerationRequest.builder().addMessage(Message.user("u"))
                .addMessage(Message.system(system)).build();
        GenerationRequest asUser = GenerationRequest.builder().addMessage(Message.user(system)).build();
        for (GenerationRequest r : List.of(first, second, asUser, first)) {
            assertThat(JsonCodec.requestDigest(r)).isEqualTo(byDefinition(r));
        }
        assertThat(JsonCodec.requestDigest(first)).isNotEqualTo(JsonCodec.requestDigest(asUser));
        assertThat(SystemPrefixes.find(system, -1)).as("the start kept for the system text").isNotNull();
        assertThat(SystemPrefixes.find(new String(system.toCharArray()), -1)).as("found by content").isNotNull();
        assertThat(SystemPrefixes.find(system, 5)).as("another maxOutputTokens").isNull();
        assertThat(SystemPrefixes.keeps("short")).isFalse();
    }

    @Test
    void minimalRequestsOfEachMessageKind() {
        List<GenerationRequest> requests = List.of(
                GenerationRequest.of(Message.system("")),
                GenerationRequest.of(Message.user("x")),
                GenerationRequest.of(Message.assistant("")),
                GenerationRequest.of(Message.assistant("", List.of(ToolCall.of("c", "t", "{}")))),
                GenerationRequest.of(Message.toolResult("c", "t", "")),
                GenerationRequest.builder().addMessage(Message.user("a")).maxOutputTokens(Integer.MAX_VALUE).build(),
                GenerationRequest.builder().addMessage(Message.user("a")).seed(Long.MIN_VALUE).build(),
                GenerationRequest.builder().addMessage(Message.user("a")).temperature(0.0).build(),
                GenerationRequest.builder().addMessage(Message.user("a")).temperature(2.0).build(),
                GenerationRequest.builder().addMessage(Message.user("a")).temperature(1e-7).build(),
                GenerationRequest.builder().addMessage(Message.user("a")).stopSequences(List.of("\u0000", "\uD800"))
                        .build());
        for (GenerationRequest r : requests) {
            assertThat(r.digest()).as("%s", r.messages()).isEqualTo(byDefinition(r));
        }
    }

    @Test
    void aLargeRequestLikeAGovernedStepsContext() {
        Random random = new Random(9);
        StringBuilder context = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            context.append("<untrusted source=\"s").append(i).append("\">\n")
                    .append(CanonicalSinkTest.randomString(random, 2_000)).append("\n</untrusted>\n");
        }
        GenerationRequest r = GenerationRequest.builder().addMessage(Message.system("Extract \u2014 carefully."))
                .addMessage(Message.user(context + "\n\nRequest:\nSummarise."))
                .responseSchema(ResponseSchema.of("answer", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":"
                        + "\"number\",\"maximum\":1.50,\"minimum\":-1E+3}},\"required\":[\"a\"]}"))
                .temperature(0.7).maxOutputTokens(800).build();
        assertThat(r.digest()).isEqualTo(byDefinition(r));
    }

    @Test
    void generationsDigestAsTheirCanonicalText() {
        Random random = new Random(77);
        for (int n = 0; n < 3_000; n++) {
            List<ToolCall> calls = new ArrayList<>();
            int count = random.nextInt(3);
            for (int i = 0; i < count; i++) {
                calls.add(ToolCall.of("call_" + i + CanonicalSinkTest.randomString(random, 3),
                        "t" + CanonicalSinkTest.randomString(random, 5), CanonicalSinkTest.randomString(random, 80)));
            }
            FinishReason[] reasons = FinishReason.values();
            Generation g = Generation.builder()
                    .text(CanonicalSinkTest.randomString(random, random.nextInt(10) == 0 ? 5_000 : 200))
                    .toolCalls(calls)
                    .usage(Usage.of(random.nextInt(100_000), random.nextInt(100_000)))
                    .finishReason(reasons[random.nextInt(reasons.length)])
                    .modelId(CanonicalSinkTest.randomString(random, 12))
                    .latency(java.time.Duration.ofNanos(Math.abs(random.nextLong() % 10_000_000_000L)))
                    .build();
            assertThat(JsonCodec.generationDigest(g)).as("generation %d", n)
                    .isEqualTo(Digests.sha256Hex(CanonicalJson.write(JsonCodec.generationToJson(g))));
        }
    }

    private static GenerationRequest randomRequest(Random random) {
        GenerationRequest.Builder b = GenerationRequest.builder();
        int messages = 1 + random.nextInt(6);
        for (int i = 0; i < messages; i++) {
            b.addMessage(randomMessage(random));
        }
        int tools = random.nextInt(3);
        for (int i = 0; i < tools; i++) {
            b.addTool(new ToolSpec("tool_" + i + CanonicalSinkTest.randomString(random, 4),
                    CanonicalSinkTest.randomString(random, 40), randomObject(random)));
        }
        if (random.nextBoolean()) {
            b.responseSchema(new ResponseSchema("schema_" + random.nextInt(100), randomObject(random)));
        }
        if (random.nextBoolean()) {
            b.temperature(random.nextInt(4) == 0 ? random.nextInt(3) : random.nextDouble() * 2);
        }
        if (random.nextBoolean()) {
            b.maxOutputTokens(1 + random.nextInt(Integer.MAX_VALUE - 1));
        }
        if (random.nextBoolean()) {
            List<String> stops = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                stops.add("s" + CanonicalSinkTest.randomString(random, 6));
            }
            b.stopSequences(stops);
        }
        if (random.nextBoolean()) {
            b.seed(random.nextLong());
        }
        if (random.nextBoolean()) {
            b.attribute("run", CanonicalSinkTest.randomString(random, 10)); // never in the digest
        }
        return b.build();
    }

    private static Message randomMessage(Random random) {
        switch (random.nextInt(4)) {
            case 0 -> {
                return Message.system(CanonicalSinkTest.randomString(random, 200));
            }
            case 1 -> {
                return Message.user(CanonicalSinkTest.randomString(random, random.nextInt(8) == 0 ? 20_000 : 300));
            }
            case 2 -> {
                List<ToolCall> calls = new ArrayList<>();
                int count = random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    calls.add(ToolCall.of("call_" + i + CanonicalSinkTest.randomString(random, 3),
                            "t" + CanonicalSinkTest.randomString(random, 5), CanonicalSinkTest.randomString(random, 50)));
                }
                return Message.assistant(CanonicalSinkTest.randomString(random, 100), calls);
            }
            default -> {
                return Message.toolResult("call_" + CanonicalSinkTest.randomString(random, 3),
                        "t" + CanonicalSinkTest.randomString(random, 5), CanonicalSinkTest.randomString(random, 300));
            }
        }
    }

    private static ObjectNode randomObject(Random random) {
        JsonNode node;
        do {
            node = CanonicalSinkTest.randomNode(random, 0);
        } while (!node.isObject());
        return (ObjectNode) node;
    }
}
