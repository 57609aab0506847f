package dev.arbiter.steering.intent;

import dev.arbiter.steering.intent.internal.Text;
import java.util.Objects;

/**
 * One worked example of an {@link IntentContract}: an input and the output the contract expects for it.
 *
 * <p>Line breaks inside an example are kept (examples often show formatted output); line endings are normalised
 * to {@code \n}, trailing spaces on each line and leading or trailing blank lines are removed. Immutable and
 * thread-safe.
 *
 * @param input the example input, not blank
 * @param output the expected output, not blank
 */
public record Example(String input, String output) {

    public Example {
        input = Text.block(Objects.requireNonNull(input, "input"));
        output = Text.block(Objects.requireNonNull(output, "output"));
        if (input.isEmpty() || output.isEmpty()) {
            throw new IllegalArgumentException("an example needs a non-blank input and output");
        }
    }
}
