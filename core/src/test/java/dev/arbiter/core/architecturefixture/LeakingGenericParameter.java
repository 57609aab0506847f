package dev.arbiter.core.architecturefixture;

import dev.arbiter.core.architecturefixture.internal.Hidden;
import java.util.List;

/** Breaks the rule: a protected method takes a list of an internal type. */
public class LeakingGenericParameter {
    protected void take(List<Hidden> hidden) {}
}
