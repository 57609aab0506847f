/**
 * Implementation of output constraints: the strict-schema converter and the schema generator for Java types.
 * Not an API: may change in any release.
 */
@NullMarked
package dev.arbiter.steering.constraint.internal;

import org.jspecify.annotations.NullMarked;
