package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenSetTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void jsonLinesWithAHeaderLoadNameVersionAndEveryCase() throws IOException {
        Path p = file("invoices.jsonl", """
                {"goldenSet": {"name": "invoices", "version": "3"}}
                {"id": "a", "input": "Invoice 1", "expected": {"total": 42.5}, "tags": ["simple"]}

                {"id": "b", "input": {"text": "Invoice 2"}, "tags": ["hard", "eu"]}
                """);

        GoldenSet<JsonNode, JsonNode> set = GoldenSet.load(p);

        assertThat(set.name()).isEqualTo("invoices");
        assertThat(set.version()).isEqualTo("3");
        assertThat(set.cases()).extracting(GoldenCase::id).containsExactly("a", "b");
        assertThat(set.cases().get(0).expected().get("total").decimalValue()).isEqualByComparingTo("42.5");
        assertThat(set.cases().get(1).expected().isNull()).isTrue();
        assertThat(set.cases().get(1).tags()).containsExactly("hard", "eu");
    }

    @Test
    void aFileWithoutVersionIsVersionedByItsContentDigest() throws IOException {
        Path p = file("greetings.jsonl", "{\"id\": \"a\", \"input\": \"hi\", \"expected\": \"hello\"}\n");
        Path q = file("greetings2.jsonl", "{\"id\": \"a\", \"input\": \"hi\", \"expected\": \"hello!\"}\n");

        GoldenSet<JsonNode, JsonNode> set = GoldenSet.load(p);

        assertThat(set.name()).isEqualTo("greetings");
        assertThat(set.version()).matches("sha256:[0-9a-f]{12}");
        assertThat(GoldenSet.load(q).version()).isNotEqualTo(set.version());
    }

    @Test
    void yamlLoadsWithTheSameMeaning() throws IOException {
        Path p = file("clauses.yaml", """
                name: clauses
                version: 2
                description: clause risk
                cases:
                  - id: c1
                    input: The supplier may terminate at any time.
                    expected: high
                    tags: [termination]
                  - id: c2
                    input: Payment within 30 days.
                    expected: low
                """);

        GoldenSet<JsonNode, JsonNode> set = GoldenSet.load(p);

        assertThat(set.name()).isEqualTo("clauses");
        assertThat(set.version()).isEqualTo("2");
        assertThat(set.cases()).extracting(c -> c.expected().textValue()).containsExactly("high", "low");
    }

    @Test
    void aLineThatIsNotJsonFailsWithItsLineNumber() throws IOException {
        Path p = file("bad.jsonl", """
                {"id": "a", "input": "x"}
                {"id": "b", "input": "y"
                """);

        assertThatThrownBy(() -> GoldenSet.load(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(p + ":2: ").hasMessageContaining("not valid JSON");
    }

    @Test
    void aLineThatNamesAMemberTwiceIsRefusedWithTheFileTheLineAndTheMember() throws IOException {
        Path p = file("dup-member.jsonl", """
                {"id": "a", "input": "x"}
                {"id": "b", "input": "y", "expected": {"total": 1, "total": 2}}
                """);

        assertThatThrownBy(() -> GoldenSet.load(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(p + ":2: ").hasMessageContaining("Duplicate").hasMessageContaining("total");
        Path top = file("dup-top.jsonl", "{\"id\": \"a\", \"input\": \"x\", \"id\": \"b\"}\n");
        assertThatThrownBy(() -> GoldenSet.load(top)).hasMessageStartingWith(top + ":1: ").hasMessageContaining("'id'");
    }

    @Test
    void regressionAYamlSetWithoutCasesNamesTheLineOfItsMapping() throws IOException {
        // found by GoldenSetFuzzTest: the error named the file but no line
        Path p = file("no-cases.yaml", "# a set\nname: inv\nversion: \"1\"\n");
        assertThatThrownBy(() -> GoldenSet.load(p)).hasMessage(p + ":2: a YAML golden set needs a 'cases' list");
    }

    @Test
    void aDuplicateIdFailsNamingBothLines() throws IOException {
        Path p = file("dup.jsonl", """
                {"id": "a", "input": "x"}
                {"id": "b", "input": "y"}
                {"id": "a", "input": "z"}
                """);

        assertThatThrownBy(() -> GoldenSet.load(p)).hasMessage(p + ":3: duplicate case id 'a' (first on line 1)");
    }

    @Test
    void aMissingIdOrInputOrAnUnknownMemberFailsWithTheReason() throws IOException {
        assertThatThrownBy(() -> GoldenSet.load(file("noid.jsonl", "{\"input\": \"x\"}\n")))
                .hasMessageEndingWith(":1: a case needs a non-blank string 'id'");
        assertThatThrownBy(() -> GoldenSet.load(file("noinput.jsonl", "{\"id\": \"a\"}\n")))
                .hasMessageEndingWith(":1: case 'a' has no 'input'");
        assertThatThrownBy(() -> GoldenSet.load(file("typo.jsonl", "{\"id\": \"a\", \"input\": 1, \"expect\": 2}\n")))
                .hasMessageContaining(":1: case 'a' has an unknown member 'expect'");
        assertThatThrownBy(() -> GoldenSet.load(file("tags.jsonl", "{\"id\": \"a\", \"input\": 1, \"tags\": [1]}\n")))
                .hasMessageContaining(":1: case 'a': every tag must be a non-blank string");
    }

    @Test
    void aLateHeaderAndAnEmptyFileFail() throws IOException {
        assertThatThrownBy(() -> GoldenSet.load(file("late.jsonl", """
                {"id": "a", "input": "x"}
                {"goldenSet": {"name": "n", "version": "1"}}
                """))).hasMessageEndingWith(":2: the goldenSet header must be the first line");
        assertThatThrownBy(() -> GoldenSet.load(file("empty.jsonl", "\n\n")))
                .hasMessageEndingWith(": the golden set has no cases");
    }

    @Test
    void yamlErrorsNameTheLineOfTheCase() throws IOException {
        Path p = file("bad.yaml", """
                name: clauses
                cases:
                  - id: c1
                    input: one
                  - id: c2
                    inputs: two
                """);

        assertThatThrownBy(() -> GoldenSet.load(p)).hasMessageStartingWith(p + ":5: case 'c2' has an unknown member"
                + " 'inputs'");
    }

    @Test
    void yamlThatDoesNotParseOrHasUnknownTopLevelMembersFails() throws IOException {
        assertThatThrownBy(() -> GoldenSet.load(file("broken.yaml", "name: x\ncases:\n  - id: [unclosed\n")))
                .hasMessageContaining("broken.yaml:").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> GoldenSet.load(file("extra.yml", "name: x\nkases: []\n")))
                .hasMessageEndingWith(":2: unknown member 'kases' (expected name, version, description, cases)");
        assertThatThrownBy(() -> GoldenSet.load(file("nocases.yml", "name: x\n")))
                .hasMessageEndingWith(": a YAML golden set needs a 'cases' list");
    }

    @Test
    void otherExtensionsAreRefused() throws IOException {
        Path p = file("cases.json", "[]");

        assertThatThrownBy(() -> GoldenSet.load(p)).hasMessageContaining("must end in .jsonl, .yaml or .yml");
    }

    record Invoice(String text) {}

    record Expected(double total) {}

    @Test
    void loadingWithTypesConvertsEveryValueOrNamesTheCase() throws IOException {
        Path p = file("typed.jsonl", """
                {"id": "a", "input": {"text": "Invoice"}, "expected": {"total": 1.5}}
                """);
        Path bad = file("badtyped.jsonl", """
                {"id": "a", "input": {"text": "Invoice"}, "expected": {"total": "lots"}}
                """);

        GoldenSet<Invoice, Expected> set = GoldenSet.load(p, Invoice.class, Expected.class);

        assertThat(set.cases().get(0).input()).isEqualTo(new Invoice("Invoice"));
        assertThat(set.cases().get(0).expected().total()).isEqualTo(1.5);
        assertThatThrownBy(() -> GoldenSet.load(bad, Invoice.class, Expected.class))
                .hasMessageContaining("case 'a': expected does not convert to Expected");
    }

    @Test
    void setsBuiltInCodeRefuseDuplicateIdsAndEmptiness() {
        GoldenSet<String, String> set = GoldenSet.<String, String>builder("g", "1")
                .add("a", "hi", "hello", "greeting")
                .add("b", "bye", "goodbye")
                .build();

        assertThat(set.size()).isEqualTo(2);
        assertThat(set.withTag("greeting").cases()).extracting(GoldenCase::id).containsExactly("a");
        assertThatThrownBy(() -> GoldenSet.<String, String>builder("g", "1").add("a", "x", "y").add("a", "z", "w")
                .build()).hasMessage("golden set 'g' has two cases with id 'a'");
        assertThatThrownBy(() -> GoldenSet.of("g", "1", List.<GoldenCase<String, String>>of()))
                .hasMessage("golden set 'g' has no cases");
    }

    @Test
    void theDigestChangesWithContentAndNotWithObjectIdentity() {
        GoldenSet<String, String> a = GoldenSet.of("g", "1", List.of(GoldenCase.of("a", "hi", "hello")));
        GoldenSet<String, String> same = GoldenSet.of("g", "1", List.of(GoldenCase.of("a", "hi", "hello")));
        GoldenSet<String, String> other = GoldenSet.of("g", "1", List.of(GoldenCase.of("a", "hi", "hello!")));

        assertThat(a.digest()).hasSize(64).isEqualTo(same.digest()).isNotEqualTo(other.digest());
    }
}
