package dev.arbiter.core.architecturefixture.cycle.a;

import dev.arbiter.core.architecturefixture.cycle.b.B;

/** Breaks the rule: package a depends on package b, which depends on a. */
public class A {
    public B b() {
        return new B();
    }
}
