package dev.arbiter.cli.verify;

import dev.arbiter.authority.verify.grounding.GroundingFit;
import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import dev.arbiter.authority.verify.grounding.GroundingWeights;
import dev.arbiter.cli.verify.GroundingCommand.Judged;
import dev.arbiter.cli.verify.GroundingCommand.Metrics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The maintenance half of {@code arbiter verify grounding --fit}: fits the weights on the train half of the
 * judged rows, prints them as the Java constants of {@code DefaultWeights}, their held-out figures on the test
 * half, and the held-out contribution of each signal (the drop when it is left out and the rest refitted).
 */
final class Refit {

    private static final double[] L2_CANDIDATES = {0.001, 0.01, 0.03, 0.1};

    private Refit() {
    }

    static void run(List<Judged> judged, PrintWriter out) {
        List<Judged> train = judged.stream().filter(j -> j.row().train()).toList();
        List<Judged> test = judged.stream().filter(j -> !j.row().train()).toList();
        if (train.isEmpty() || test.isEmpty()) {
            out.println("--fit needs rows from both halves; use --split all");
            return;
        }
        Set<Kind> all = EnumSet.allOf(Kind.class);
        out.println();
        double l2 = chooseL2(train, all, out);
        GroundingWeights fitted = GroundingFit.fit(examples(train), all, l2);
        out.println("refitted on the train half (" + train.size() + " rows, l2 " + l2 + "); DefaultWeights constants:");
        out.printf(Locale.ROOT, "    static final double BIAS = %.4f;%n", fitted.bias());
        for (Kind k : Kind.values()) {
            out.printf(Locale.ROOT, "        w.put(Kind.%s, %.4f);%n", k, fitted.weight(k));
        }
        double base = heldOut(fitted, test);
        out.printf(Locale.ROOT, "refitted weights: train %s, held-out test %s (%d rows) at threshold 0.50%n",
                GroundingCommand.fmt(metrics(fitted, train).balancedAccuracy()), GroundingCommand.fmt(base),
                test.size());
        out.println("held-out contribution of each signal (test balanced accuracy without it, refitted):");
        for (Kind k : Kind.values()) {
            Set<Kind> without = EnumSet.copyOf(all);
            without.remove(k);
            double b = heldOut(GroundingFit.fit(examples(train), without, l2), test);
            out.printf(Locale.ROOT, "  %-20s %s (%+.3f)%n", k, GroundingCommand.fmt(b), base - b);
        }
        for (Kind k : Kind.values()) {
            double b = heldOut(GroundingFit.fit(examples(train), EnumSet.of(k), l2), test);
            out.printf(Locale.ROOT, "  only %-15s %s%n", k, GroundingCommand.fmt(b));
        }
    }

    /**
     * Chooses the L2 penalty by two-fold cross-validation inside the train half, folds split by a second bit of
     * the document hash, so the test half plays no part in the choice.
     */
    private static double chooseL2(List<Judged> train, Set<Kind> all, PrintWriter out) {
        List<Judged> a = train.stream().filter(j -> fold(j)).toList();
        List<Judged> b = train.stream().filter(j -> !fold(j)).toList();
        double best = GroundingFit.DEFAULT_L2;
        double bestScore = -1;
        for (double l2 : L2_CANDIDATES) {
            double score = (heldOut(GroundingFit.fit(examples(a), all, l2), b)
                    + heldOut(GroundingFit.fit(examples(b), all, l2), a)) / 2;
            out.printf(Locale.ROOT, "l2 %-6s cross-validated on train: %s%n", l2, GroundingCommand.fmt(score));
            if (score > bestScore + 1e-9) {
                bestScore = score;
                best = l2;
            }
        }
        return best;
    }

    private static boolean fold(Judged j) {
        return Character.digit(dev.arbiter.core.Digests.sha256Hex(j.row().doc()).charAt(3), 16) % 2 == 0;
    }

    private static double heldOut(GroundingWeights w, List<Judged> test) {
        return metrics(w, test).balancedAccuracy();
    }

    private static Metrics metrics(GroundingWeights w, List<Judged> rows) {
        List<Judged> rescored = new ArrayList<>(rows.size());
        for (Judged j : rows) {
            double score = 1.0;
            for (Map<Kind, Double> s : j.signals()) {
                score = Math.min(score, w.score(s));
            }
            rescored.add(new Judged(j.row(), score, j.signals()));
        }
        return Metrics.of(rescored, 0.5);
    }

    private static List<GroundingFit.Example> examples(List<Judged> rows) {
        return rows.stream().map(j -> new GroundingFit.Example(j.signals(), j.row().consistent())).toList();
    }
}
