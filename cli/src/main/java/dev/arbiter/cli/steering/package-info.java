/**
 * The {@code arbiter steering} commands: measurements of the steering layer on third-party data.
 */
@NullMarked
package dev.arbiter.cli.steering;

import org.jspecify.annotations.NullMarked;
