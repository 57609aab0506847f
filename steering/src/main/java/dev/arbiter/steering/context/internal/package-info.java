/**
 * Implementation of context assembly: tokenizers, fences, packing, deduplication, relevance and injection rules.
 * Not an API: types here may change without notice.
 */
@NullMarked
package dev.arbiter.steering.context.internal;

import org.jspecify.annotations.NullMarked;
