package dev.arbiter.steering.intent;

import dev.arbiter.steering.intent.internal.Text;
import java.util.Objects;

/**
 * One glossary entry of an {@link IntentContract}: a term and what it means in this contract.
 *
 * <p>Immutable and thread-safe; both parts are stored with their whitespace normalised.
 *
 * @param term the term, not blank
 * @param meaning what the term means, not blank
 */
public record Definition(String term, String meaning) {

    public Definition {
        term = Text.prose(Objects.requireNonNull(term, "term"));
        meaning = Text.prose(Objects.requireNonNull(meaning, "meaning"));
        if (term.isEmpty()) {
            throw new IllegalArgumentException("a definition has a blank term");
        }
        if (meaning.isEmpty()) {
            throw new IllegalArgumentException("definition of '" + term + "' is blank");
        }
    }
}
