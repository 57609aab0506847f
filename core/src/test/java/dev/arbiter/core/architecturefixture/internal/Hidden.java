package dev.arbiter.core.architecturefixture.internal;

/** An implementation type that the fixture's public API must not expose. */
public class Hidden {}
