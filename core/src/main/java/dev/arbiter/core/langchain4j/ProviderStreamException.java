package dev.arbiter.core.langchain4j;

/**
 * An error the provider reported inside a stream that langchain4j let through as part of a complete answer.
 * The message is the event's data (a JSON error body), which {@link ProviderFailures} reads.
 */
final class ProviderStreamException extends RuntimeException {

    ProviderStreamException(String eventData) {
        super(eventData);
    }
}
