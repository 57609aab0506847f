/**
 * Arbiter authority. See the feature packages below this one.
 */
@NullMarked
package dev.arbiter.authority;

import org.jspecify.annotations.NullMarked;
