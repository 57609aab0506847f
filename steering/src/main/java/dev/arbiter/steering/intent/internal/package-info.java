/**
 * Implementation of intent contracts: reading files with locations, linting, rendering and the canonical form.
 * Not an API: may change in any release.
 */
@NullMarked
package dev.arbiter.steering.intent.internal;

import org.jspecify.annotations.NullMarked;
