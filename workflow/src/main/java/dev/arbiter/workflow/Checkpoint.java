package dev.arbiter.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * The stored artifact of one completed step of one run, with the run's spend at that point.
 *
 * <p>Immutable and thread-safe; components are never {@code null}.
 *
 * @param runId the run
 * @param key the step's position, id and the digest of its input (see {@link Pipeline})
 * @param stepId the step
 * @param artifactJson the artifact in its {@link ArtifactType} JSON form
 * @param spend what the run had used when the step completed; a resumed run's budget continues from it
 * @param time when the step completed
 */
public record Checkpoint(String runId, String key, String stepId, String artifactJson, Spend spend, Instant time) {

    public Checkpoint {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(artifactJson, "artifactJson");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(time, "time");
    }
}
