package dev.arbiter.workflow.internal;

import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.Generator;
import dev.arbiter.steering.RequestComposer;
import dev.arbiter.steering.context.ContextAssembler;
import dev.arbiter.steering.context.ContextSource;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Remedies;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one governed step, as its builder collected them. Immutable.
 *
 * @param <I> the step's input
 * @param <O> the step's output
 */
public record GovernedSettings<I, O>(
        String id,
        ArtifactType<O> output,
        RequestComposer composer,
        Function<? super I, String> task,
        List<ContextSource> sources,
        ContextAssembler assembler,
        int contextTokens,
        Generator generator,
        List<Verifier> verifiers,
        Remedies remedies,
        int maxAttempts,
        String provider,
        String model,
        @Nullable ToolGateway gateway,
        int maxToolRounds) {

    public GovernedSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(composer, "composer");
        Objects.requireNonNull(task, "task");
        sources = List.copyOf(sources);
        Objects.requireNonNull(assembler, "assembler");
        Objects.requireNonNull(generator, "generator");
        List<Verifier> ordered = new java.util.ArrayList<>();
        verifiers.stream().filter(v -> !(v instanceof dev.arbiter.authority.verify.AdvisoryVerifier))
                .forEach(ordered::add);
        verifiers.stream().filter(v -> v instanceof dev.arbiter.authority.verify.AdvisoryVerifier)
                .forEach(ordered::add);
        verifiers = List.copyOf(ordered); // deterministic first, advisory (critique) last
        Objects.requireNonNull(remedies, "remedies");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }
}
