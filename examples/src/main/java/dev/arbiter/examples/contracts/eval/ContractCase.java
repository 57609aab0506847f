package dev.arbiter.examples.contracts.eval;

import dev.arbiter.examples.contracts.ContractDocument;
import java.util.Objects;

/**
 * The input of one golden case: which contract to review. The text is one of the sample contracts beside
 * {@link ContractDocument} (its resources), so the golden set, the demo and the tests read the same words.
 *
 * @param document the contract's source id, the id its citations must name
 * @param title the title for people
 * @param resource the resource name of the text, beside {@link ContractDocument}
 */
public record ContractCase(String document, String title, String resource) {

    public ContractCase {
        Objects.requireNonNull(document, "a case needs input.document");
        Objects.requireNonNull(title, "a case needs input.title");
        Objects.requireNonNull(resource, "a case needs input.resource");
    }

    /** Reads the contract. */
    public ContractDocument load() {
        return ContractDocument.resource(document, title, resource);
    }
}
