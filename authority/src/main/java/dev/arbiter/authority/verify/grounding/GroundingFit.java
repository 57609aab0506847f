package dev.arbiter.authority.verify.grounding;

import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fits {@link GroundingWeights} to labelled texts: a logistic model over the sentence signals in which a text
 * is unsupported when its worst sentence is (the text's log-odds is the maximum of its sentences' log-odds).
 * The loss weighs both classes equally; afterwards the bias is shifted so that a support threshold of 0.5 is
 * the cut with the best balanced accuracy on the examples. The signal weights are kept non-negative (every signal can only count against a sentence), with a small L2
 * penalty. Deterministic: full-batch gradient descent from small equal weights.
 *
 * <p>Stateless and thread-safe. Fit on one split and measure on another; figures measured on the rows the
 * weights were fitted on are not evidence of anything.
 */
public final class GroundingFit {

    private static final int ITERATIONS = 3000;
    private static final double INITIAL_WEIGHT = 0.1;
    private static final double LEARNING_RATE = 0.3;
    /** The L2 penalty {@link #fit(List, Set)} uses. */
    public static final double DEFAULT_L2 = 1e-3;

    /**
     * One labelled text: the signals of each of its sentences, and whether people judged it consistent with its
     * evidence.
     *
     * @param sentences each sentence's signals, e.g. {@link SentenceJudgement#signals()}
     * @param consistent the label
     */
    public record Example(List<Map<Kind, Double>> sentences, boolean consistent) {
        public Example {
            sentences = List.copyOf(sentences);
        }
    }

    private GroundingFit() {
    }

    /**
     * Returns weights fitted to the examples using only the given signals (the others weigh 0).
     *
     * @throws IllegalArgumentException if the examples do not contain both classes
     */
    public static GroundingWeights fit(List<Example> examples, Set<Kind> signals) {
        return fit(examples, signals, DEFAULT_L2);
    }

    /**
     * Returns weights fitted to the examples using only the given signals, with the given L2 penalty on the
     * signal weights (larger keeps rarely firing signals from being trusted on little evidence).
     *
     * @throws IllegalArgumentException if the examples do not contain both classes, or {@code l2} is negative
     */
    public static GroundingWeights fit(List<Example> examples, Set<Kind> signals, double l2) {
        Objects.requireNonNull(examples, "examples");
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("l2 must be >= 0, was " + l2);
        }
        long positives = examples.stream().filter(e -> !e.consistent()).count();
        if (positives == 0 || positives == examples.size()) {
            throw new IllegalArgumentException("fitting needs both consistent and inconsistent examples, got "
                    + positives + " inconsistent of " + examples.size());
        }
        Kind[] kinds = signals.toArray(new Kind[0]);
        double[] w = new double[kinds.length];
        Arrays.fill(w, INITIAL_WEIGHT); // from exactly 0 every sentence ties and the worst one is never found
        double bias = 0;
        double posWeight = examples.size() / (2.0 * positives);
        double negWeight = examples.size() / (2.0 * (examples.size() - positives));
        for (int it = 0; it < ITERATIONS; it++) {
            double[] grad = new double[kinds.length];
            double gradBias = 0;
            for (Example e : examples) {
                double[] x = worst(e, kinds, w, bias);
                if (x == null) {
                    continue;
                }
                double p = sigmoid(x[kinds.length]);
                double err = e.consistent() ? p * negWeight : (p - 1) * posWeight;
                for (int k = 0; k < kinds.length; k++) {
                    grad[k] += err * x[k];
                }
                gradBias += err;
            }
            for (int k = 0; k < kinds.length; k++) {
                w[k] = Math.max(0, w[k] - LEARNING_RATE * (grad[k] / examples.size() + l2 * w[k]));
            }
            bias -= LEARNING_RATE * gradBias / examples.size();
        }
        Map<Kind, Double> out = new EnumMap<>(Kind.class);
        for (int k = 0; k < kinds.length; k++) {
            out.put(kinds[k], w[k]);
        }
        return new GroundingWeights(bias - balancedCut(examples, kinds, w, bias), out);
    }

    /**
     * Returns the log-odds cut that maximises balanced accuracy on the examples; subtracting it from the bias
     * puts that cut at support score 0.5. The logistic loss fits probabilities, not the decision, so on data
     * where most positives fire no signal its 0.5 point is not the balanced optimum.
     */
    private static double balancedCut(List<Example> examples, Kind[] kinds, double[] w, double bias) {
        int n = examples.size();
        double[] z = new double[n];
        boolean[] positive = new boolean[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            double[] x = worst(examples.get(i), kinds, w, bias);
            z[i] = x == null ? Double.NEGATIVE_INFINITY : x[kinds.length];
            positive[i] = !examples.get(i).consistent();
            positives += positive[i] ? 1 : 0;
        }
        double[] sorted = Arrays.stream(z).filter(Double::isFinite).distinct().sorted().toArray();
        double bestCut = 0;
        double best = -1;
        for (int c = 0; c + 1 < sorted.length; c++) {
            double cut = (sorted[c] + sorted[c + 1]) / 2;
            int tp = 0;
            int fp = 0;
            for (int i = 0; i < n; i++) {
                if (z[i] > cut) {
                    tp += positive[i] ? 1 : 0;
                    fp += positive[i] ? 0 : 1;
                }
            }
            double balanced = (tp / (double) positives + 1 - fp / (double) (n - positives)) / 2;
            if (balanced > best + 1e-12) {
                best = balanced;
                bestCut = cut;
            }
        }
        return bestCut;
    }

    /** Returns the capped signals of the sentence with the highest log-odds, with that log-odds last. */
    private static double[] worst(Example e, Kind[] kinds, double[] w, double bias) {
        double[] best = null;
        for (Map<Kind, Double> s : e.sentences()) {
            double[] x = new double[kinds.length + 1];
            double z = bias;
            for (int k = 0; k < kinds.length; k++) {
                x[k] = Math.min(GroundingWeights.CAP, s.getOrDefault(kinds[k], 0.0));
                z += w[k] * x[k];
            }
            x[kinds.length] = z;
            if (best == null || z > best[kinds.length]) {
                best = x;
            }
        }
        return best;
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
