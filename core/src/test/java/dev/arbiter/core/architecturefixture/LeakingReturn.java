package dev.arbiter.core.architecturefixture;

import dev.arbiter.core.architecturefixture.internal.Hidden;

/** Breaks the rule: a public method returns an internal type. */
public class LeakingReturn {
    public Hidden hidden() {
        return new Hidden();
    }
}
