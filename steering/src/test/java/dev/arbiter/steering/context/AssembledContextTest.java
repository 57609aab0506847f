package dev.arbiter.steering.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Evidence;
import dev.arbiter.steering.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AssembledContextTest {

    private static final ContextManifest MANIFEST = new ContextManifest(100, 0, "test", "", List.of(), Map.of());
    /** Parts as a rendering has them, and the white space, empty parts and surrogates at the edges that it may not. */
    private static final String[] PARTS = {"", " ", "\n", "\u2003", "\u00a0", "\t\n ", "Untrusted data: \u2026",
        "plain", "line one\nline two\n", "\n\nleading", "trailing \n", "\uD83D\uDE00", "\uD800", "\uDC00",
        "Zo\u00eb \u2014 caf\u00e9", "x".repeat(3_000), "\u001f", "\u0085", "\u200b"};

    /** What a composer sent before parts: the text itself, stripped, then the request. */
    private static String expectedMessage(String text, String request) {
        return text.isBlank() ? request : text.strip() + "\n\nRequest:\n" + request;
    }

    @Test
    void aContextOfPartsHasThePartsJoinedAsItsTextAndTheSameMessageAsItsText() {
        Random random = new Random(17);
        for (int run = 0; run < 5_000; run++) {
            List<String> parts = new ArrayList<>();
            int n = random.nextInt(7);
            for (int i = 0; i < n; i++) {
                parts.add(PARTS[random.nextInt(PARTS.length)]);
            }
            String text = String.join("", parts);
            String request = random.nextBoolean() ? "Summarise it." : PARTS[random.nextInt(PARTS.length)];
            AssembledContext ofParts = AssembledContext.ofParts(parts, Evidence.empty(), MANIFEST);
            AssembledContext ofText = new AssembledContext(text, Evidence.empty(), MANIFEST);

            // asked for its message first (joined from the parts), then for its text, then for the message again
            assertThat(ofParts.messageFor(request)).as("parts %s", parts).isEqualTo(expectedMessage(text, request));
            assertThat(ofParts.text()).isEqualTo(text);
            assertThat(ofParts.messageFor(request)).isEqualTo(expectedMessage(text, request));
            assertThat(ofText.messageFor(request)).isEqualTo(expectedMessage(text, request));
            assertThat(ofParts).isEqualTo(ofText).hasSameHashCodeAs(ofText);
            assertThat(ofParts.toString()).isEqualTo(ofText.toString());
        }
    }

    @Test
    void realEmailContextsGiveTheSameMessageFromTheirPartsAsFromTheirText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> emails = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.dataDir().resolve("prompt-injection/bipia_contexts.jsonl"),
                StandardCharsets.UTF_8)) {
            emails.add(json.readTree(line).path("context").asText());
        }
        Random random = new Random(23);
        for (int run = 0; run < 100; run++) {
            List<ContextItem> items = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                String content = emails.get(random.nextInt(emails.size()));
                items.add(random.nextInt(4) == 0 ? ContextItem.trusted("mail-" + i, content)
                        : ContextItem.untrusted("mail-" + i, content));
            }
            ContextAssembler assembler = ContextAssembler.builder().random(new Random(run)).build();
            AssembledContext fromParts = assembler.assemble(items, 100_000);
            String text = ContextAssembler.builder().random(new Random(run)).build().assemble(items, 100_000).text();

            assertThat(fromParts.messageFor("Which charges are due?")).as("run %d", run)
                    .isEqualTo(expectedMessage(text, "Which charges are due?"));
            assertThat(fromParts.text()).isEqualTo(text);
        }
        assertThat(emails).isNotEmpty();
    }

    @Test
    void theMessageOfPartsIsJoinedWithoutMakingTheText() {
        AssembledContext c = AssembledContext.ofParts(List.of("Source: a\n", "abc", "\n\n", "Source: b\n", "def"),
                Evidence.empty(), MANIFEST);
        assertThat(c.messageFor("Q?")).isEqualTo("Source: a\nabc\n\nSource: b\ndef\n\nRequest:\nQ?");
        assertThat(c.text()).isEqualTo("Source: a\nabc\n\nSource: b\ndef");
    }

    @Test
    void anEmptyOrBlankContextGivesTheRequestAlone() {
        assertThat(AssembledContext.ofParts(List.of(), Evidence.empty(), MANIFEST).messageFor("Q?")).isEqualTo("Q?");
        assertThat(AssembledContext.ofParts(List.of("", " \n", ""), Evidence.empty(), MANIFEST).messageFor("Q?"))
                .isEqualTo("Q?");
        assertThat(new AssembledContext("", Evidence.empty(), MANIFEST).text()).isEmpty();
    }

    @Test
    void thePartsAreCopiedAndNullsRefused() {
        List<String> parts = new ArrayList<>(List.of("a", "b"));
        AssembledContext c = AssembledContext.ofParts(parts, Evidence.empty(), MANIFEST);
        parts.add("c");
        assertThat(c.text()).isEqualTo("ab");
        assertThatThrownBy(() -> AssembledContext.ofParts(Arrays.asList("a", null), Evidence.empty(), MANIFEST))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AssembledContext(null, Evidence.empty(), MANIFEST))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("text");
        assertThatThrownBy(() -> c.messageFor(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("userRequest");
    }
}
