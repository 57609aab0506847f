package dev.arbiter.steering;

import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.steering.constraint.ProviderSchema;
import dev.arbiter.steering.context.ContextManifest;
import dev.arbiter.steering.intent.LintFinding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link RequestComposer#compose} produced: a request ready for a generator, or the reasons no request
 * may be sent. A closed set of immutable values.
 */
public sealed interface Composition permits Composition.Composed, Composition.Blocked {

    /**
     * A request, with everything the authority layer needs to judge its answer.
     *
     * @param request the request to send
     * @param evidence the sources the model was given: the context's evidence and the user's request (trusted)
     * @param manifest what went into the context and what was cut, summarised or dropped, and why
     * @param verificationSchema the full schema the answer must satisfy, whatever was sent to the provider
     * @param providerSchema how the schema was fitted to the provider, when a provider target was chosen
     * @param warnings lint findings that did not block the request
     */
    record Composed(
            GenerationRequest request,
            Evidence evidence,
            ContextManifest manifest,
            @Nullable ResponseSchema verificationSchema,
            @Nullable ProviderSchema providerSchema,
            List<LintFinding> warnings)
            implements Composition {
        public Composed {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(manifest, "manifest");
            warnings = List.copyOf(warnings);
        }

        /** The full schema the answer must satisfy, if the spec has one. */
        public Optional<ResponseSchema> schemaToVerify() {
            return Optional.ofNullable(verificationSchema);
        }

        /** How the schema was fitted to the provider, if a provider target was chosen. */
        public Optional<ProviderSchema> providerFit() {
            return Optional.ofNullable(providerSchema);
        }
    }

    /**
     * No request: the contract is not fit to steer a model (lint errors), or the request would not fit the
     * input budget. Nothing was sent.
     *
     * @param mode {@link FailureMode#CONSTRAINT_CONFLICT}, {@link FailureMode#UNDERSPECIFIED} or
     *     {@link FailureMode#CONTEXT_OVERFLOW}
     * @param reasons why, one line each; never empty
     */
    record Blocked(FailureMode mode, List<String> reasons) implements Composition {
        public Blocked {
            Objects.requireNonNull(mode, "mode");
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a blocked composition needs at least one reason");
            }
        }
    }
}
