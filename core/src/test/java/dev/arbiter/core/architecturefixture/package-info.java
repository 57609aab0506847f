/**
 * Classes that break the architecture rules on purpose, so {@code ArchitectureTest} can show that each rule
 * fails when broken. Test sources only; never part of the production import.
 */
package dev.arbiter.core.architecturefixture;
