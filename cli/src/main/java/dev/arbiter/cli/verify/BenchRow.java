package dev.arbiter.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One JSONSchemaBench row: a schema with its feature tags and its labelled test instances.
 *
 * @param id the row id, e.g. {@code Github_hard---o51088}
 * @param category the category, e.g. {@code Github_hard}
 * @param features the schema feature tags, e.g. {@code pattern}, {@code format:date-time}
 * @param schema the JSON Schema
 * @param tests the labelled instances
 */
record BenchRow(String id, String category, List<String> features, JsonNode schema, List<Test> tests) {

    /**
     * One labelled instance.
     *
     * @param valid the label: whether the instance conforms to the schema
     * @param data the instance
     * @param description how it was made, e.g. {@code llama-70b generated negative; focus on format keyword}
     */
    record Test(boolean valid, JsonNode data, String description) {}
}
