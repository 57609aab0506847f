package dev.arbiter.steering.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arbiter.steering.intent.ContractFormatException;
import dev.arbiter.steering.intent.IntentContract;

/**
 * Fuzzes the intent contract reader (YAML and JSON): any text is either a contract or a
 * {@link ContractFormatException} that names the source and the line (or says the file is empty: white space and
 * comments only). Seeds in
 * {@code IntentContractFuzzTestInputs/}.
 */
class IntentContractFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void anyTextIsAContractOrAFormatErrorNamingTheLine(FuzzedDataProvider data) {
        boolean json = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        try {
            IntentContract contract = json ? IntentContract.fromJson(text, "fuzz.yaml")
                    : IntentContract.fromYaml(text, "fuzz.yaml");
            assertThat(contract.id()).isNotBlank();
        } catch (ContractFormatException e) {
            // a file of only white space and comments holds no line to name
            if (!e.getMessage().equals("fuzz.yaml: the file is empty")) {
                assertThat(e.getMessage()).as("names the line").matches("(?s)fuzz\\.yaml, line \\d+, column \\d+: .+");
            }
        }
    }
}
