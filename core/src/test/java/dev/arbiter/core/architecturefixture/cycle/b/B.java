package dev.arbiter.core.architecturefixture.cycle.b;

import dev.arbiter.core.architecturefixture.cycle.a.A;

/** Breaks the rule: package b depends on package a, which depends on b. */
public class B {
    public A a() {
        return new A();
    }
}
