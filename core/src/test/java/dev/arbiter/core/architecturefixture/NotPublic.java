package dev.arbiter.core.architecturefixture;

import dev.arbiter.core.architecturefixture.internal.Hidden;

/** Keeps the rule: a class that is not public is not API, whatever its members say. */
class NotPublic {
    public Hidden hidden() {
        return new Hidden();
    }
}
