/** {@code arbiter demo}: the README's demo, the contract review on recorded model answers or a real provider. */
@NullMarked
package dev.arbiter.cli.demo;

import org.jspecify.annotations.NullMarked;
