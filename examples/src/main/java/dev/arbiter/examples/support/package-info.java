/**
 * The support agent example: an agent that acts through permissioned tools ({@link
 * dev.arbiter.examples.support.SupportAgent}). Refunds up to a limit are automatic and above it wait for a person
 * (persisted, resumable); e-mail goes only to the address on file; an instruction injected into a ticket leads to a
 * denied, recorded call while the customer is still served. The model is a hand-written script ({@link
 * dev.arbiter.examples.support.ScriptedSupportModel}).
 */
@NullMarked
package dev.arbiter.examples.support;

import org.jspecify.annotations.NullMarked;
