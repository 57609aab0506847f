/**
 * Implementation of local grounding: sentence splitting, tokens, stems, numbers, the word lists, alignment, the
 * signals. Not API.
 */
@NullMarked
package dev.arbiter.authority.verify.grounding.internal;

import org.jspecify.annotations.NullMarked;
