package dev.arbiter.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.Usage;
import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.Spend;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** The JSON line form of a {@link Checkpoint}. */
final class CheckpointJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckpointJson() {}

    static String write(Checkpoint c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("runId", c.runId()).put("key", c.key()).put("stepId", c.stepId()).put("artifact", c.artifactJson())
                .put("attempts", c.spend().attempts()).put("inputTokens", c.spend().usage().inputTokens())
                .put("outputTokens", c.spend().usage().outputTokens()).put("toolCalls", c.spend().toolCalls())
                .put("cost", c.spend().cost().toPlainString()).put("elapsedMillis", c.spend().elapsed().toMillis())
                .put("time", c.time().toString());
        return n.toString();
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
