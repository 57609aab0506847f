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
        GroundingWeights fitted = GroundingFit.fit(examples(train), all);
        out.println();
        out.println("refitted on the train half (" + train.size() + " rows); DefaultWeights constants:");
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
            double b = heldOut(GroundingFit.fit(examples(train), without), test);
            out.printf(Locale.ROOT, "  %-20s %s (%+.3f)%n", k, GroundingCommand.fmt(b), base - b);
        }
        for (Kind k : Kind.values()) {
            double b = heldOut(GroundingFit.fit(examples(train), EnumSet.of(k)), test);
            out.printf(Locale.ROOT, "  only %-15s %s%n", k, GroundingCommand.fmt(b));
        }
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
