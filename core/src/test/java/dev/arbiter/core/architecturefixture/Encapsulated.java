package dev.arbiter.core.architecturefixture;

import dev.arbiter.core.architecturefixture.internal.Hidden;

/** Keeps the rule: uses an internal type only in private and package-private members. */
public class Encapsulated {
    private final Hidden hidden = new Hidden();

    void packagePrivate(Hidden other) {}

    private Hidden get() {
        return hidden;
    }

    public String describe() {
        return get().toString();
    }
}
