package dev.arbiter.authority.verify.internal;

import dev.arbiter.authority.verify.Location;

/** What checking one rule against an output found. */
public sealed interface RuleOutcome permits RuleOutcome.Kept, RuleOutcome.Broken, RuleOutcome.Undecided {

    /** The output keeps the rule; {@code note} says what was measured. */
    record Kept(String note) implements RuleOutcome {}

    /** The output breaks the rule. */
    record Broken(Location location, String message, String feedback) implements RuleOutcome {}

    /** The rule cannot be decided mechanically for this output (a person must look), and why. */
    record Undecided(String reason) implements RuleOutcome {}
}
