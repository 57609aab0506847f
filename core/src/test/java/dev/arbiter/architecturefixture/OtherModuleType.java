package dev.arbiter.architecturefixture;

/** Stands for a type of another Arbiter module, which core must never depend on. Test sources only. */
public class OtherModuleType {}
