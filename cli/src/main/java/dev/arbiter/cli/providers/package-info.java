/**
 * {@code arbiter providers}: commands about model providers, such as replaying recorded provider responses
 * through langchain4j and Arbiter's generator to check how each is mapped.
 */
@NullMarked
package dev.arbiter.cli.providers;

import org.jspecify.annotations.NullMarked;
