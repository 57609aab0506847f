/**
 * Arbiter steering. See the feature packages below this one.
 */
@NullMarked
package dev.arbiter.steering;

import org.jspecify.annotations.NullMarked;
