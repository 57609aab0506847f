/**
 * The {@code arbiter security} commands: replays of recorded, attacked agent runs through the permission envelope
 * and the tool gateway.
 */
@org.jspecify.annotations.NullMarked
package dev.arbiter.cli.security;
