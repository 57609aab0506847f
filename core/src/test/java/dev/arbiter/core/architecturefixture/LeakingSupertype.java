package dev.arbiter.core.architecturefixture;

import dev.arbiter.core.architecturefixture.internal.Hidden;

/** Breaks the rule: a public class extends an internal type. */
public class LeakingSupertype extends Hidden {}
