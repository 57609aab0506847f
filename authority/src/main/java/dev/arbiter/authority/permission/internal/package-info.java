/** Implementations behind the permission package: value matching, policy reading, approval stores. */
@org.jspecify.annotations.NullMarked
package dev.arbiter.authority.permission.internal;
