package dev.arbiter.cli.steering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.arbiter.steering.constraint.ProviderSchemas;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter steering schemas DIR_OR_FILE}: over JSONSchemaBench rows ({@code *.jsonl.gz} or {@code *.jsonl},
 * one JSON object per line with {@code category} and {@code schema}), prints per category the share of schemas
 * that compile (networknt json-schema-validator; the draft from {@code $schema}, 2020-12 when absent or unknown;
 * no remote references are fetched) and how they convert to the OpenAI strict subset: exactly, with a relaxation,
 * or by falling back; then the most frequent causes of fallback and of relaxation, and a closing line with the
 * totals.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Measure how JSONSchemaBench schemas compile and convert to OpenAI strict mode.")
public final class SchemasCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR_OR_FILE", description = "A JSONSchemaBench .jsonl.gz file or a folder of them.")
    Path input;

    @Option(names = "--top", defaultValue = "10", description = "How many causes to list (default: ${DEFAULT-VALUE}).")
    int top;

    private final Map<SpecificationVersion, SchemaRegistry> registries = new EnumMap<>(SpecificationVersion.class);

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = files(input);
        if (files.isEmpty()) {
            spec.commandLine().getErr().println("no .jsonl.gz or .jsonl files in " + input);
            return CommandLine.ExitCode.USAGE;
        }
        SchemaTally tally = new SchemaTally();
        for (Path f : files) {
            read(f, tally);
        }
        out.println("JSONSchemaBench: " + tally.total().schemas + " schemas from " + files.size() + " file(s) in "
                + input);
        out.println();
        tally.print(out, top);
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private void read(Path file, SchemaTally tally) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode row;
                try {
                    row = MAPPER.readTree(line);
                } catch (IOException e) {
                    tally.unreadable++;
                    continue;
                }
                JsonNode schema = row.get("schema");
                if (schema == null) {
                    tally.unreadable++;
                    continue;
                }
                String category = row.path("category").asText("unknown");
                tally.add(category, compiles(schema), ProviderSchemas.toOpenAiStrict(schema));
            }
        }
    }

    /** Returns whether networknt compiles the schema (all validators initialised, refs resolved). */
    boolean compiles(JsonNode schema) {
        SpecificationVersion version = dialect(schema).orElse(SpecificationVersion.DRAFT_2020_12);
        SchemaRegistry registry = registries.computeIfAbsent(version, SchemaRegistry::withDefaultDialect);
        try {
            registry.getSchema(schema).initializeValidators();
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    private static Optional<SpecificationVersion> dialect(JsonNode schema) {
        JsonNode id = schema.get("$schema");
        if (id == null || !id.isTextual()) return Optional.empty();
        String s = id.textValue().strip();
        Optional<SpecificationVersion> v = SpecificationVersion.fromDialectId(s);
        if (v.isPresent()) return v;
        return SpecificationVersion.fromDialectId(s.endsWith("#") ? s.substring(0, s.length() - 1) : s + "#");
    }

    private static List<Path> files(Path input) throws IOException {
        if (Files.isRegularFile(input)) return List.of(input);
        if (!Files.isDirectory(input)) throw new CommandLine.ParameterException(new CommandLine(new SchemasCommand()),
                "no such file or folder: " + input);
        try (Stream<Path> s = Files.list(input)) {
            return s.filter(p -> p.toString().endsWith(".jsonl.gz") || p.toString().endsWith(".jsonl"))
                    .sorted().toList();
        }
    }
}
