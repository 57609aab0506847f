package dev.arbiter.steering.intent;

import dev.arbiter.core.RuleCheck;
import dev.arbiter.steering.intent.internal.ContractCanonical;
import dev.arbiter.steering.intent.internal.ContractLinter;
import dev.arbiter.steering.intent.internal.ContractReader;
import dev.arbiter.steering.intent.internal.ContractRenderer;
import dev.arbiter.steering.intent.internal.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a governed step asks of the model: purpose, audience, task, rules (in words, each optionally with
 * machine-checkable {@link RuleCheck}s), definitions, success criteria, non-goals and examples.
 *
 * <p>A contract is built in code or loaded from a YAML or JSON file (see {@link #load(Path)}; the file format is
 * described in {@code docs/steering.md}). All text is stored normalised (see {@link Rule}, {@link Example}), so the
 * layout of a file never changes what a contract renders or its fingerprint.
 *
 * <pre>{@code
 * IntentContract contract = IntentContract.builder("invoice-summary", "3")
 *         .purpose("Summarise an invoice for the accounts team.")
 *         .audience("Accounts clerks")
 *         .task("Summarise the attached invoice.")
 *         .rule(Rule.of("short", "Keep it under 100 words", RuleCheck.length(Unit.WORDS, 0, 100)))
 *         .successCriterion("The total and the due date are stated.")
 *         .build();
 * List<LintFinding> findings = contract.lint();
 * String instructions = contract.render();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Absent parts are empty strings or empty lists, never {@code null}.
 */
public final class IntentContract {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final String id;
    private final String version;
    private final String purpose;
    private final String audience;
    private final String task;
    private final List<Rule> rules;
    private final List<Definition> definitions;
    private final List<String> successCriteria;
    private final List<String> nonGoals;
    private final List<Example> examples;
    // Computed on first use and kept: a contract is immutable, and composing a request needs its rendering and its
    // fingerprint every time. Racy single-check: Strings are immutable, so a thread sees null or the whole value.
    private @Nullable String rendered;
    private @Nullable String canonical;
    private @Nullable String fingerprint;

    private IntentContract(Builder b) {
        this.id = b.id;
        this.version = b.version;
        this.purpose = b.purpose;
        this.audience = b.audience;
        this.task = b.task;
        this.rules = List.copyOf(b.rules);
        this.definitions = List.copyOf(b.definitions);
        this.successCriteria = List.copyOf(b.successCriteria);
        this.nonGoals = List.copyOf(b.nonGoals);
        this.examples = List.copyOf(b.examples);
    }

    /**
     * Returns a builder for a contract.
     *
     * @param id the contract's stable id: letters, digits, {@code .}, {@code _} and {@code -}
     * @param version the contract's version, not blank (any text, e.g. {@code 3} or {@code 2024-05-01})
     */
    public static Builder builder(String id, String version) {
        return new Builder(id, version);
    }

    /**
     * Reads a contract from a {@code .yaml}, {@code .yml} or {@code .json} file (UTF-8).
     *
     * @throws ContractFormatException naming the file, line and reason when the file is not a valid contract
     * @throws UncheckedIOException when the file cannot be read
     */
    public static IntentContract load(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read contract file " + file, e);
        }
        if (lower.endsWith(".json")) return fromJson(text, file.toString());
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return fromYaml(text, file.toString());
        throw new IllegalArgumentException("contract file " + file + " must end in .yaml, .yml or .json");
    }

    /**
     * Reads a contract from YAML text.
     *
     * @param source names the text in error messages, e.g. its file name
     * @throws ContractFormatException naming the source, line and reason when the text is not a valid contract
     */
    public static IntentContract fromYaml(String yaml, String source) {
        return ContractReader.readYaml(yaml, source);
    }

    /**
     * Reads a contract from JSON text (the same members as the YAML form).
     *
     * @param source names the text in error messages, e.g. its file name
     * @throws ContractFormatException naming the source, line and reason when the text is not a valid contract
     */
    public static IntentContract fromJson(String json, String source) {
        return ContractReader.readJson(json, source);
    }

    /** Returns the contract's stable id. */
    public String id() { return id; }

    /** Returns the contract's version. */
    public String version() { return version; }

    /** Returns why the step exists; empty when not stated. */
    public String purpose() { return purpose; }

    /** Returns who the output is for; empty when not stated. */
    public String audience() { return audience; }

    /** Returns what the model is asked to do; empty when not stated. */
    public String task() { return task; }

    /** Returns the rules in their declared order. */
    public List<Rule> rules() { return rules; }

    /** Returns the glossary entries in their declared order (duplicates included: {@link #lint()} reports them). */
    public List<Definition> definitions() { return definitions; }

    /** Returns how success is judged. */
    public List<String> successCriteria() { return successCriteria; }

    /** Returns what the step deliberately does not do. */
    public List<String> nonGoals() { return nonGoals; }

    /** Returns the worked examples. */
    public List<Example> examples() { return examples; }

    /** Returns every machine-checkable form of every rule, in rule order, so the authority layer can verify them. */
    public List<RuleCheck> checks() {
        List<RuleCheck> all = new ArrayList<>();
        rules.forEach(r -> all.addAll(r.checks()));
        return List.copyOf(all);
    }

    /**
     * Returns what is missing or contradictory in this contract, errors first. Never throws; an empty list means
     * nothing was found. The rules are listed in {@code docs/steering.md}.
     */
    public List<LintFinding> lint() {
        return ContractLinter.lint(this);
    }

    /**
     * Returns the system instructions for this contract. Deterministic: the same contract (the same
     * {@link #fingerprint()}) renders the same text, byte for byte.
     */
    public String render() {
        String r = rendered;
        if (r == null) {
            r = ContractRenderer.render(this);
            rendered = r;
        }
        return r;
    }

    /**
     * Returns the SHA-256 (lower-case hex) of the canonical JSON form of this contract's meaning. It does not change
     * with whitespace or key order in the file, nor with the order of definitions; it changes with any other edit
     * (id, version, any text, a rule, a check, the order of rules, criteria, non-goals or examples).
     */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = ContractCanonical.fingerprint(this);
            fingerprint = f;
        }
        return f;
    }

    /** Returns the canonical JSON text the {@link #fingerprint()} is computed from. */
    public String canonicalJson() {
        String c = canonical;
        if (c == null) {
            c = ContractCanonical.canonicalJson(this);
            canonical = c;
        }
        return c;
    }

    /** Returns a builder holding this contract's parts, for a modified copy. */
    public Builder toBuilder() {
        Builder b = new Builder(id, version).purpose(purpose).audience(audience).task(task);
        rules.forEach(b::rule);
        definitions.forEach(b::definition);
        successCriteria.forEach(b::successCriterion);
        nonGoals.forEach(b::nonGoal);
        examples.forEach(b::example);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntentContract other && canonicalJson().equals(other.canonicalJson());
    }

    @Override
    public int hashCode() {
        return canonicalJson().hashCode();
    }

    @Override
    public String toString() {
        return "IntentContract[" + id + "@" + version + "]";
    }

    /** Builds an {@link IntentContract}. Not thread-safe; {@link #build()} copies, so a built contract never changes. */
    public static final class Builder {
        private final String id;
        private final String version;
        private String purpose = "";
        private String audience = "";
        private String task = "";
        private final List<Rule> rules = new ArrayList<>();
        private final List<Definition> definitions = new ArrayList<>();
        private final List<String> successCriteria = new ArrayList<>();
        private final List<String> nonGoals = new ArrayList<>();
        private final List<Example> examples = new ArrayList<>();

        private Builder(String id, String version) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(version, "version");
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("contract id must match " + ID + ", was '" + id + "'");
            }
            this.id = id;
            this.version = Text.prose(version);
            if (this.version.isEmpty()) {
                throw new IllegalArgumentException("contract '" + id + "' needs a non-blank version");
            }
        }

        /** Sets why the step exists. */
        public Builder purpose(String purpose) {
            this.purpose = Text.prose(Objects.requireNonNull(purpose, "purpose"));
            return this;
        }

        /** Sets who the output is for. */
        public Builder audience(String audience) {
            this.audience = Text.prose(Objects.requireNonNull(audience, "audience"));
            return this;
        }

        /** Sets what the model is asked to do. */
        public Builder task(String task) {
            this.task = Text.prose(Objects.requireNonNull(task, "task"));
            return this;
        }

        /** Adds a rule; its id must differ from the ids of the rules added before. */
        public Builder rule(Rule rule) {
            Objects.requireNonNull(rule, "rule");
            for (Rule r : rules) {
                if (r.id().equals(rule.id())) {
                    throw new IllegalArgumentException("contract '" + id + "' has two rules with id '" + rule.id()
                            + "': '" + r.text() + "' and '" + rule.text() + "'");
                }
            }
            rules.add(rule);
            return this;
        }

        /** Adds a glossary entry. */
        public Builder definition(String term, String meaning) {
            return definition(new Definition(term, meaning));
        }

        /** Adds a glossary entry. */
        public Builder definition(Definition definition) {
            definitions.add(Objects.requireNonNull(definition, "definition"));
            return this;
        }

        /** Adds a success criterion (blank ones are ignored). */
        public Builder successCriterion(String criterion) {
            addProse(successCriteria, criterion, "criterion");
            return this;
        }

        /** Adds a non-goal (blank ones are ignored). */
        public Builder nonGoal(String nonGoal) {
            addProse(nonGoals, nonGoal, "nonGoal");
            return this;
        }

        /** Adds a worked example. */
        public Builder example(String input, String output) {
            return example(new Example(input, output));
        }

        /** Adds a worked example. */
        public Builder example(Example example) {
            examples.add(Objects.requireNonNull(example, "example"));
            return this;
        }

        /** Returns the contract. */
        public IntentContract build() {
            return new IntentContract(this);
        }

        private static void addProse(List<String> list, String text, String what) {
            String normalised = Text.prose(Objects.requireNonNull(text, what));
            if (!normalised.isEmpty()) list.add(normalised);
        }
    }
}
