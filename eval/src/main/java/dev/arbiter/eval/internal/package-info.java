/**
 * Implementation of the eval module: file readers, the generator stack (cache, retries, rate limits,
 * accounting), statistics, progress and report rendering. Not an API: may change in any release.
 */
@NullMarked
package dev.arbiter.eval.internal;

import org.jspecify.annotations.NullMarked;
