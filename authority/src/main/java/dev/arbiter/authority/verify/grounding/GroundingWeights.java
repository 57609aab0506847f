package dev.arbiter.authority.verify.grounding;

import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The weights that turn a sentence's signals into its support score: a logistic model,
 * {@code score = 1 - sigmoid(bias + sum(weight[k] * min(signal[k], CAP)))}.
 *
 * <p>The {@linkplain #defaults() defaults} were fitted on one half of the SummEdits rows (split by a hash of the
 * document, so no document is in both halves) and measured on the other half; see {@code docs/verification.md ("GroundingVerifier")} for
 * the command that refits them. Immutable and thread-safe.
 *
 * @param bias the intercept of the logistic model
 * @param weights the weight of every signal; a missing signal weighs 0
 */
public record GroundingWeights(double bias, Map<Kind, Double> weights) {

    /** Signal values are capped here before weighting, so one runaway count cannot dominate. */
    public static final double CAP = 3.0;

    private static final GroundingWeights DEFAULTS = new GroundingWeights(DefaultWeights.BIAS,
            DefaultWeights.weights());

    public GroundingWeights {
        Objects.requireNonNull(weights, "weights");
        Map<Kind, Double> copy = new EnumMap<>(Kind.class);
        copy.putAll(weights);
        weights = Map.copyOf(copy);
    }

    /** Returns the weights fitted on the SummEdits training half. */
    public static GroundingWeights defaults() {
        return DEFAULTS;
    }

    /** Returns the weight of one signal, 0 when it has none. */
    public double weight(Kind kind) {
        return weights.getOrDefault(kind, 0.0);
    }

    /** Returns the log-odds that a sentence with these signals is unsupported. */
    public double logit(Map<Kind, Double> signals) {
        double z = bias;
        for (Map.Entry<Kind, Double> e : signals.entrySet()) {
            z += weight(e.getKey()) * Math.min(CAP, e.getValue());
        }
        return z;
    }

    /** Returns the support score in [0, 1] of a sentence with these signals; 1 is fully supported. */
    public double score(Map<Kind, Double> signals) {
        return 1.0 / (1.0 + Math.exp(logit(signals)));
    }
}
