package dev.arbiter.workflow.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Usage;
import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.Spend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** The JSON line form of a {@link Checkpoint}. */
final class CheckpointJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckpointJson() {}

    static String write(Checkpoint c) {
        return new String(utf8(c, 0), StandardCharsets.UTF_8);
    }

    /**
     * The checkpoint's JSON in UTF-8, after {@code reserve} bytes left for the caller (the log's CRC), written by a
     * streaming generator: no tree, no intermediate string.
     */
    static byte[] utf8(Checkpoint c, int reserve) {
        ByteArrayBuilder out = new ByteArrayBuilder(256 + c.artifactJson().length());
        for (int i = 0; i < reserve; i++) {
            out.append(0);
        }
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("runId", c.runId());
            g.writeStringField("key", c.key());
            g.writeStringField("stepId", c.stepId());
            g.writeStringField("artifact", c.artifactJson());
            g.writeNumberField("attempts", c.spend().attempts());
            g.writeNumberField("inputTokens", c.spend().usage().inputTokens());
            g.writeNumberField("outputTokens", c.spend().usage().outputTokens());
            g.writeNumberField("toolCalls", c.spend().toolCalls());
            g.writeStringField("cost", c.spend().cost().toPlainString());
            g.writeNumberField("elapsedMillis", c.spend().elapsed().toMillis());
            g.writeStringField("time", c.time().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + c.key() + " of run " + c.runId(), e);
        }
        return out.toByteArray();
    }

    static Checkpoint read(String line) {
        try {
            JsonNode n = MAPPER.readTree(line);
            Spend spend = new Spend(n.path("attempts").asInt(),
                    Usage.of(n.path("inputTokens").asLong(), n.path("outputTokens").asLong()),
                    n.path("toolCalls").asInt(), new BigDecimal(n.path("cost").asText("0")),
                    Duration.ofMillis(n.path("elapsedMillis").asLong()));
            return new Checkpoint(n.path("runId").asText(), n.path("key").asText(), n.path("stepId").asText(),
                    n.path("artifact").asText(), spend, Instant.parse(n.path("time").asText()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable checkpoint line: " + e.getMessage(), e);
        }
    }
}
