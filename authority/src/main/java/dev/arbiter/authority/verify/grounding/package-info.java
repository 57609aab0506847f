/**
 * Local grounding: whether free text (no citations) is supported by evidence, sentence by sentence, without a
 * model call. Entry point: {@link dev.arbiter.authority.verify.grounding.GroundingJudge}.
 */
@NullMarked
package dev.arbiter.authority.verify.grounding;

import org.jspecify.annotations.NullMarked;
