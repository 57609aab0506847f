package dev.arbiter.core.architecturefixture;

import dev.arbiter.core.architecturefixture.internal.Hidden;

/** Breaks the rule: a public field has an internal type. */
public class LeakingField {
    public Hidden hidden = new Hidden();
}
