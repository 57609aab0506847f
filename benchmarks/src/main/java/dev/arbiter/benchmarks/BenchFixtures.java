package dev.arbiter.benchmarks;

import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.Generator;
import dev.arbiter.steering.RequestComposer;
import dev.arbiter.steering.constraint.JsonSchemas;
import dev.arbiter.steering.constraint.OutputSpec;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.TokenCounter;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.steering.intent.Rule;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.GovernedStep;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.List;
import java.util.SplittableRandom;

/** Shared inputs of the benchmarks: the stub model, the records, the contract and generated context items. */
final class BenchFixtures {

    private BenchFixtures() {}

    /** The record the comparison extracts. */
    public record Invoice(String number, double total, String currency, String dueDate) {}

    /** The fixed answer of the stub model: a valid {@link Invoice}. */
    static final String INVOICE_JSON =
            "{\"number\":\"INV-4711\",\"total\":1190.0,\"currency\":\"EUR\",\"dueDate\":\"2024-07-31\"}";

    /** The contract of the comparison and of the governed step. */
    static final IntentContract CONTRACT = IntentContract.builder("invoice-extract", "1")
            .purpose("Extract the invoice number, total, currency and due date for the accounts team.")
            .audience("The accounts payable team.")
            .task("Read the invoice and return its fields as JSON.")
            .rule(Rule.of("Use only the invoice text."))
            .successCriterion("Every field matches the invoice exactly.")
            .build();

    /** A stub {@link ChatModel}: one fixed response, no I/O. */
    /**
     * The invoice-extraction step of the scale scenarios: the contract, the record's schema, JSON Schema verification,
     * binding to {@link Invoice}, with {@code generator} as the model.
     */
    /** Deletes a directory and everything under it. */
    static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static GovernedStep<String, Invoice> invoiceStep(Generator generator) {
        return invoiceStepBuilder(generator).build();
    }

    /** {@link #invoiceStep}'s builder, to add to it (tools). */
    static GovernedStep.Builder<String, Invoice> invoiceStepBuilder(Generator generator) {
        OutputSpec spec = OutputSpec.builder().schema(JsonSchemas.forType(Invoice.class)).build();
        return GovernedStep.<String, Invoice>builder("extract", ArtifactType.of(Invoice.class))
                .composer(RequestComposer.builder(CONTRACT, spec).build())
                .generator(generator)
                .verifier(JsonSchemaVerifier.create())
                .provider("bench").model("gpt-4o");
    }

    static ChatModel stubModel(String answer) {
        ChatResponse response = ChatResponse.builder().aiMessage(AiMessage.from(answer)).modelName("gpt-4o")
                .tokenUsage(new TokenUsage(100, 20)).finishReason(FinishReason.STOP).build();
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return response;
            }
        };
    }

    /**
     * A stub {@link ChatModel} that proposes one call of {@code toolName} when the last message is not a tool
     * result, and answers {@code answer} when it is.
     */
    static ChatModel toolThenAnswerModel(String toolName, String arguments, String answer) {
        ChatResponse call = ChatResponse.builder()
                .aiMessage(AiMessage.from(List.of(ToolExecutionRequest.builder().id("call-1").name(toolName)
                        .arguments(arguments).build())))
                .modelName("gpt-4o").tokenUsage(new TokenUsage(100, 10)).finishReason(FinishReason.TOOL_EXECUTION)
                .build();
        ChatResponse done = ChatResponse.builder().aiMessage(AiMessage.from(answer)).modelName("gpt-4o")
                .tokenUsage(new TokenUsage(100, 40)).finishReason(FinishReason.STOP).build();
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                List<ChatMessage> messages = request.messages();
                return messages.get(messages.size() - 1) instanceof ToolExecutionResultMessage ? done : call;
            }
        };
    }

    private static final String[] WORDS = ("the invoice supplier total amount payment due date account customer "
            + "order delivery contract clause refund policy service period month year quarter report balance "
            + "credit debit transfer bank reference number tax rate discount schedule approval manager team "
            + "review request record document letter notice section item quantity price unit cost charge fee "
            + "late interest penalty terms conditions agreement party obligation notice shipment warehouse "
            + "product line catalogue region office branch department budget forecast revenue expense margin "
            + "audit compliance control risk issue resolution escalation ticket support response time level "
            + "standard process procedure owner contact address phone email portal system update change "
            + "version release plan milestone deadline week day morning evening central north south east west "
            + "new old large small first last next previous annual monthly weekly daily open closed pending "
            + "paid unpaid overdue partial full net gross final draft signed received sent checked approved")
            .split(" ");

    /**
     * Returns English-like text of about {@code tokens} o200k tokens: sentences of 8 to 20 words, seeded, so every
     * seed gives other text.
     */
    static String text(long seed, int tokens) {
        SplittableRandom random = new SplittableRandom(seed);
        TokenCounter counter = TokenCounter.o200kBase();
        StringBuilder sb = new StringBuilder();
        while (true) {
            StringBuilder sentence = new StringBuilder();
            int n = 8 + random.nextInt(13);
            for (int i = 0; i < n; i++) {
                String w = WORDS[random.nextInt(WORDS.length)];
                if (i == 0) {
                    w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                } else {
                    sentence.append(' ');
                }
                sentence.append(w);
                if (random.nextInt(12) == 0) {
                    sentence.append(' ').append(1 + random.nextInt(9_999));
                }
            }
            sentence.append('.');
            if (sb.length() > 0 && counter.count(sb + " " + sentence) > tokens) {
                return sb.toString();
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(sentence);
        }
    }

    /**
     * Returns {@code n} context items of about {@code tokensEach} tokens: every tenth trusted, the rest untrusted
     * (fenced), ids {@code prefix-i}; the text depends on {@code seed}.
     */
    static List<ContextItem> items(String prefix, int n, int tokensEach, long seed) {
        List<ContextItem> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String content = text(seed * 1_000_003L + i, tokensEach);
            items.add(i % 10 == 9 ? ContextItem.trusted(prefix + "-" + i, content)
                    : ContextItem.untrusted(prefix + "-" + i, content).withOrigin("retrieval:kb"));
        }
        return items;
    }

    /**
     * Returns {@code n} context items from a JSONL file of the shared data (gzipped when its name ends in {@code .gz}):
     * the first {@code n} distinct texts of at least {@code minChars} chars found in the field {@code doc},
     * {@code context}, {@code text} or {@code payload} of its lines; every tenth trusted, the rest untrusted, as
     * {@link #items}.
     *
     * @throws IllegalArgumentException if the file holds fewer such texts
     */
    static List<ContextItem> itemsFrom(Path file, int n, int minChars) throws IOException {
        return itemsFrom(file, n, minChars, n);
    }

    /** As {@link #itemsFrom(Path, int, int)}, accepting as few as {@code least} texts. */
    static List<ContextItem> itemsFrom(Path file, int n, int minChars, int least) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> texts = new LinkedHashSet<>();
        try (InputStream raw = Files.newInputStream(file);
                BufferedReader reader = new BufferedReader(new InputStreamReader(
                        file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
            String line;
            while (texts.size() < n && (line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                for (String field : new String[] {"doc", "context", "text", "payload"}) {
                    String text = node.path(field).asText("");
                    if (text.length() >= minChars) {
                        texts.add(text);
                        break;
                    }
                }
            }
        }
        if (texts.size() < least) {
            throw new IllegalArgumentException(file + " holds " + texts.size() + " texts of at least " + minChars
                    + " chars in doc, context, text or payload; " + least + " are needed");
        }
        List<ContextItem> items = new ArrayList<>(n);
        int i = 0;
        for (String content : texts) {
            items.add(i % 10 == 9 ? ContextItem.trusted("doc-" + i, content)
                    : ContextItem.untrusted("doc-" + i, content).withOrigin("retrieval:" + file.getFileName()));
            i++;
        }
        return items;
    }

    /** Returns the first sentence of a text (a verbatim quote for citations). */
    static String firstSentence(String text) {
        int end = text.indexOf('.');
        return text.substring(0, end + 1);
    }
}
