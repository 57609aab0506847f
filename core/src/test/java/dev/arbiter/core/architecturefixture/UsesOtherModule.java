package dev.arbiter.core.architecturefixture;

import dev.arbiter.architecturefixture.OtherModuleType;

/** Breaks the rule: a class in core depends on a class of another Arbiter package. */
public class UsesOtherModule {
    public String describe() {
        return new OtherModuleType().toString();
    }
}
