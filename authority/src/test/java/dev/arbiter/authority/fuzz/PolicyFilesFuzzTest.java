package dev.arbiter.authority.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arbiter.authority.permission.Policy;
import dev.arbiter.authority.permission.PolicyFiles;
import dev.arbiter.authority.permission.PolicyFormatException;

/**
 * Fuzzes the policy file reader (YAML and JSON): any text is either a policy or a {@link PolicyFormatException}
 * that names the source and a line (or says the file is empty: white space and comments only); nothing else is
 * thrown. Seeds in {@code PolicyFilesFuzzTestInputs/}; the
 * default build runs them only (regression mode), {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class PolicyFilesFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void anyTextIsAPolicyOrAFormatErrorNamingTheLine(FuzzedDataProvider data) {
        boolean json = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        try {
            Policy policy = PolicyFiles.parse(text, "fuzz.yaml", json ? PolicyFiles.Format.JSON : PolicyFiles.Format.YAML);
            assertThat(policy.ref().id()).isNotBlank();
        } catch (PolicyFormatException e) {
            // a file of only white space and comments holds no line to name
            if (!e.getMessage().equals("fuzz.yaml: the file is empty")) {
                assertThat(e.getMessage()).as("names the line").matches("(?s)fuzz\\.yaml:\\d+: .+");
            }
        }
    }
}
